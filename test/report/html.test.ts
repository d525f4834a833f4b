import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REVIEW_PAGE_CSP, REVIEW_PAGE_CSP_HEADER, describeResourceId, escapeHtml, jsonForScript, remediationChart, renderReviewPage, type TableRecord } from '../../src/report/html';
import { HOSTILE_ACTOR, HOSTILE_REASON, HOSTILE_RESOURCE, NOW, SHOP, SHOP_STAGING, XSS_IMG, XSS_SCRIPT, auditRecord, sampleRecords } from './records';

const DATA_OPEN = '<script type="application/json" id="data">';

/** The data block as a browser would cut it: up to the first `</script` after its opening tag. */
function dataBlock(html: string): string {
  const start = html.indexOf(DATA_OPEN) + DATA_OPEN.length;
  return html.slice(start, html.toLowerCase().indexOf('</script', start));
}

function inlineScript(html: string): string {
  const match = /<script>([\s\S]*?)<\/script>/.exec(html);
  if (!match) throw new Error('no inline script');
  return match[1];
}

function inlineStyle(html: string): string {
  const match = /<style>([\s\S]*?)<\/style>/.exec(html);
  if (!match) throw new Error('no inline style');
  return match[1];
}

const EXPECTED_ELEMENTS = new Set([
  'html', 'head', 'meta', 'title', 'link', 'style', 'body', 'header', 'h1', 'h2', 'p', 'main', 'section', 'div', 'span', 'b', 'small', 'i',
  'svg', 'line', 'text', 'g', 'rect', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'button', 'label', 'input', 'select',
  'option', 'footer', 'script',
]);

interface Tag { name: string; attributes: { name: string; value: string }[] }

/**
 * Start tags outside script and style bodies, read the way the renderer writes them (attribute
 * values always double-quoted). Text that merely looks like a tag (`&lt;img`) is not a tag.
 */
function withoutScriptAndStyleBodies(html: string): string {
  return html.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2').replace(/(<style>)[\s\S]*?(<\/style>)/gi, '$1$2');
}

function markupTags(html: string): Tag[] {
  const markup = withoutScriptAndStyleBodies(html);
  const tags: Tag[] = [];
  for (const match of markup.matchAll(/<([a-z][a-z0-9]*)((?:\s+[^\s="'>/]+(?:="[^"]*")?)*)\s*\/?>/gi)) {
    const attributes = [...match[2].matchAll(/\s+([^\s="'>/]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1].toLowerCase(), value: a[2] ?? '' }));
    tags.push({ name: match[1].toLowerCase(), attributes });
  }
  return tags;
}

const hashSource = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const render = (records = sampleRecords()) => renderReviewPage(records, { generatedAt: NOW });

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute value', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('writes null and undefined as nothing', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
  });
});

describe('jsonForScript', () => {
  it('leaves no character that could close the script element or start a comment', () => {
    const json = jsonForScript({ reason: '</script><script>alert(1)</script><!-- & >' });

    expect(json).not.toMatch(/[<>&]/);
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('escapes the JavaScript line terminators U+2028 and U+2029', () => {
    const json = jsonForScript({ reason: 'a\u2028b\u2029c' });

    expect(json).not.toMatch(/[\u2028\u2029]/);
    expect(json).toContain('\\u2028');
    expect(json).toContain('\\u2029');
  });

  it('still parses back to the same value', () => {
    const value = { reason: HOSTILE_REASON, actor: HOSTILE_ACTOR, nested: ['\u2029', '&amp;'] };
    expect(JSON.parse(jsonForScript(value))).toEqual(value);
  });
});

describe('review page', () => {
  it('embeds the records as JSON that a `</script>` inside a value cannot cut short', () => {
    const html = render();
    const embedded = JSON.parse(dataBlock(html)) as { records: TableRecord[] };

    expect(embedded.records).toHaveLength(sampleRecords().length);
    expect(embedded.records.map((r) => r.reason)).toContain(HOSTILE_REASON);
    expect(embedded.records.map((r) => r.actor)).toContain(HOSTILE_ACTOR);
    expect(embedded.records.map((r) => r.resourceId)).toContain(HOSTILE_RESOURCE);
  });

  it('writes hostile resource ids, actors and exemption reasons only as escaped text', () => {
    const html = render();

    expect(html).not.toContain(XSS_IMG);
    expect(html).not.toContain(XSS_SCRIPT);
    expect(html).not.toMatch(/<img/i);
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html).toContain(escapeHtml(HOSTILE_REASON));
    expect(html).toContain('evil&lt;img src=x onerror=alert(1)&gt;');
  });

  it('allows exactly its own inline script and style through CSP hashes', () => {
    const html = render();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);

    expect(meta?.[1].replace(/&#39;/g, "'")).toBe(REVIEW_PAGE_CSP);
    expect(REVIEW_PAGE_CSP).toContain(`script-src ${hashSource(inlineScript(html))};`);
    expect(REVIEW_PAGE_CSP).toContain(`style-src ${hashSource(inlineStyle(html))};`);
  });

  it('forbids every source the page does not need', () => {
    expect(REVIEW_PAGE_CSP.split('; ')).toEqual(expect.arrayContaining([
      "default-src 'none'", 'img-src data:', "connect-src 'none'", "base-uri 'none'", "form-action 'none'",
    ]));
    expect(REVIEW_PAGE_CSP).not.toContain('unsafe');
    expect(REVIEW_PAGE_CSP_HEADER).toBe(`${REVIEW_PAGE_CSP}; frame-ancestors 'none'`);
  });

  it('refers to no external resource and uses no inline style or event-handler attributes', () => {
    const html = render();
    const tags = markupTags(html);

    expect(html).not.toMatch(/https?:\/\//);
    expect(tags.flatMap((t) => t.attributes.filter((a) => a.name === 'href').map((a) => a.value))).toEqual(['data:,']);
    expect(tags.flatMap((t) => t.attributes.map((a) => a.name)).filter((name) => name === 'src' || name === 'style' || name.startsWith('on'))).toEqual([]);
  });

  it('contains only the elements it writes itself, so no hostile markup became an element', () => {
    const markup = withoutScriptAndStyleBodies(render());
    // Every `<` followed by a letter starts an element, whatever follows; escaped text has no `<`.
    const names = new Set([...markup.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase()));

    expect([...names].filter((name) => !EXPECTED_ELEMENTS.has(name))).toEqual([]);
  });

  it('shows the generation time in the header', () => {
    expect(render()).toMatch(/<header>[\s\S]*Generated 2026-11-23 12:00:00 UTC[\s\S]*<\/header>/);
  });

  it('highlights the exemptions that end within 14 days', () => {
    const html = render();
    const soonRows = html.match(/<tr class="soon">[\s\S]*?<\/tr>/g) ?? [];

    expect(soonRows).toHaveLength(1);
    expect(soonRows[0]).toContain('stlegacyftp');
    expect(soonRows[0]).toContain('8 days left');
  });

  it('lists the quarantined resource', () => {
    const html = render();
    const quarantined = /<table id="quarantined">[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';

    expect(quarantined).toContain(`title="${SHOP_STAGING}"`);
    expect(quarantined).toContain('flapping: fixed 3 times');
  });

  it('renders the same bytes for the same input', () => {
    const records = sampleRecords();
    expect(render(records)).toBe(render(structuredClone(records)));
  });

  it('embeds only the newest records for the table when asked to, but summarises all of them', () => {
    const html = renderReviewPage(sampleRecords(), { generatedAt: NOW, maxTableRows: 3 });
    const embedded = JSON.parse(dataBlock(html)) as { records: TableRecord[] };

    expect(embedded.records.map((r) => r.time)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-23T09:01:00.000Z', '2026-11-23T10:00:00.000Z']);
    expect(html).toContain(`the newest 3 of ${sampleRecords().length} records`);
  });

  it('renders an empty audit log with empty-state messages', () => {
    const html = render([]);

    expect(html).toContain('No fixes, would-fix findings or failures in this period.');
    expect(html).toContain('No active exemptions.');
    expect(html).toContain('Nothing is quarantined.');
    expect(JSON.parse(dataBlock(html))).toEqual({ records: [] });
  });
});

describe('remediation chart', () => {
  it('draws one bar per non-zero daily value and one group per day', () => {
    const svg = remediationChart([
      { day: '2026-11-21', fixed: 2, wouldFix: 0, failed: 1 },
      { day: '2026-11-22', fixed: 0, wouldFix: 0, failed: 0 },
      { day: '2026-11-23', fixed: 5, wouldFix: 3, failed: 0 },
    ]);

    expect(svg.match(/<g class="day"/g)).toHaveLength(3);
    expect(svg.match(/<rect class="bar fixed"/g)).toHaveLength(2);
    expect(svg.match(/<rect class="bar would-fix"/g)).toHaveLength(1);
    expect(svg.match(/<rect class="bar failed"/g)).toHaveLength(1);
    expect(svg).toContain('<title>2026-11-23: 5 fixed, 3 would fix, 0 failed</title>');
  });

  it('makes the tallest bar span the plot when the maximum is a round number', () => {
    const svg = remediationChart([{ day: '2026-11-23', fixed: 10, wouldFix: 5, failed: 0 }]);
    const heights = [...svg.matchAll(/class="bar [^"]+" data-value="(\d+)"[^>]* height="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);

    expect(heights).toEqual([[10, 184], [5, 92]]);
  });
});

describe('describeResourceId', () => {
  it('names the resource and gives its group and full type', () => {
    expect(describeResourceId(SHOP)).toEqual({ name: 'contoso-shop', context: 'rg-web · Microsoft.Web/sites' });
    expect(describeResourceId(SHOP_STAGING)).toEqual({ name: 'staging', context: 'rg-web · Microsoft.Web/sites/slots' });
  });

  it('copes with something that is not an ARM id', () => {
    expect(describeResourceId('not-an-id')).toEqual({ name: 'not-an-id', context: '' });
  });
});

it('keeps a record with an unreadable time out of the chart without failing the page', () => {
  const broken = auditRecord({ time: 'yesterday-ish', resourceId: SHOP, control: 'appservice-https-only', outcome: 'fixed' });
  expect(() => renderReviewPage([...sampleRecords(), broken], { generatedAt: NOW })).not.toThrow();
});
