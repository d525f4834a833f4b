/** Pipes and newlines would break a Markdown table row: escaped and folded, the text stays one cell. */
export function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
