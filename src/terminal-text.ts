/**
 * Text for a person's terminal. Table cells quote text others control (a reason can quote a resource
 * tag, an actor comes from event claims), and a terminal acts on some characters instead of showing
 * them: ESC starts colour, cursor and OSC sequences (titles, hyperlinks, clipboard writes), C1
 * controls such as U+009B start them without ESC, BEL rings, and bidi overrides and isolates reorder
 * what is shown so the text reads differently from what it is. Those are shown as `?`; runs of
 * CR, LF and TAB become one space, so a cell stays on one line.
 */

// C0 and C1 control characters and DEL.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI).
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** One line of text that cannot drive the terminal. */
export function forTerminal(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(CONTROL_CHARACTERS, '?').replace(BIDI_CONTROLS, '?');
}
