import { createHash } from 'node:crypto';
import { sortOldestFirst } from '../audit/query';
import { OUTCOMES, type AuditRecord, type Outcome } from '../audit/record';
import { VERSION } from '../version';
import { buildReviewModel, utcDay, type ActiveExemption, type DailyRemediation, type QuarantinedPair, type RankedEntry, type RecommendationGroup, type ReviewModel } from './model';
import { PAGE_SCRIPT } from './page-script';
import { PAGE_STYLE } from './page-style';
import { maxOf } from '../collections';

/**
 * The review page: one self-contained HTML document (inline CSS, one inline script, data as JSON)
 * that loads nothing and may connect nowhere. The HTTP function serves it and `audit --html` writes
 * it to a file; both call `renderReviewPage`, which is pure.
 */

export interface ReviewPageOptions {
  generatedAt: Date;
  title?: string;
  /** "Today" for exemption expiry; defaults to generatedAt. */
  now?: Date;
  /** What the records were selected by, shown under the title (e.g. "since 2026-10-24"). */
  scope?: string;
  /** Records embedded for the table (the newest are kept); the summaries always use all records. */
  maxTableRows?: number;
}

const DEFAULT_TITLE = 'transit-warden review';
const DEFAULT_MAX_TABLE_ROWS = 5000;

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The page's Content-Security-Policy: only its own inline script and style (by hash), images only
 * as data: URLs (the favicon), no connections, no base or form targets. The meta tag carries it for
 * the offline file; the HTTP function also sends it as a header.
 */
export const REVIEW_PAGE_CSP = [
  "default-src 'none'",
  `script-src ${sha256(PAGE_SCRIPT)}`,
  `style-src ${sha256(PAGE_STYLE)}`,
  'img-src data:',
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The header form adds what a meta tag cannot express: no framing by other pages. */
export const REVIEW_PAGE_CSP_HEADER = `${REVIEW_PAGE_CSP}; frame-ancestors 'none'`;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escaper for text and attribute values written into the page on the server side. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON that is safe inside `<script type="application/json">`: no `<` (so no `</script>` or
 * `<!--`), `>` or `&`, and no U+2028/U+2029 (line terminators to older JavaScript parsers).
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The fields the table shows; before/after stay out of the page to keep it small. */
export interface TableRecord {
  id: string;
  time: string;
  resourceId: string;
  resourceType: string;
  control: string;
  outcome: Outcome;
  mode: string;
  actor: string | null;
  trigger: string;
  reason: string;
}

function tableRecords(records: readonly AuditRecord[], max: number): TableRecord[] {
  const newestLast = sortOldestFirst(records);
  return newestLast.slice(Math.max(0, newestLast.length - max)).map((r) => ({
    id: r.id, time: r.time, resourceId: r.resourceId, resourceType: r.resourceType, control: r.control,
    outcome: r.outcome, mode: r.mode, actor: r.actor, trigger: r.trigger, reason: r.reason,
  }));
}

const OUTCOME_LABELS: Record<Outcome, string> = {
  compliant: 'compliant', fixed: 'fixed', 'would-fix': 'would fix', noncompliant: 'noncompliant',
  exempt: 'exempt', failed: 'failed', skipped: 'skipped', undone: 'undone',
};

const formatTime = (iso: string | null): string => (iso === null ? '—' : iso.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC'));

function summaryCards(model: ReviewModel): string {
  const cards = OUTCOMES.map((o) => `<div class="card o-${o}"><b>${model.outcomes[o]}</b><span>${escapeHtml(OUTCOME_LABELS[o])}</span></div>`);
  return `<div class="cards" id="summary"><div class="card"><b>${model.total}</b><span>records</span></div>${cards.join('')}</div>`;
}

const niceCeiling = (value: number): number => {
  if (value <= 4) return Math.max(1, value);
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  return step * magnitude;
};

/** Grouped bars per UTC day: fixed, would-fix, failed. Zero values draw no bar; every day has a hover title. */
export function remediationChart(daily: readonly DailyRemediation[]): string {
  if (daily.every((d) => d.fixed + d.wouldFix + d.failed === 0)) {
    return '<p class="empty">No fixes, would-fix findings or failures in this period.</p>';
  }
  const width = 960;
  const height = 220;
  const left = 36;
  const right = 8;
  const top = 10;
  const bottom = 26;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = niceCeiling(maxOf(daily.map((d) => Math.max(d.fixed, d.wouldFix, d.failed))));
  const slot = plotWidth / daily.length;
  const barWidth = Math.max(1, Math.min(16, (slot * 0.78) / 3));
  const y = (v: number): number => top + plotHeight - (v / max) * plotHeight;
  const round = (v: number): string => String(Math.round(v * 10) / 10);
  const ticks = [0, max / 2, max].filter((t, i, all) => all.indexOf(t) === i && Number.isInteger(t));
  const grid = ticks.map((t) => `<line class="${t === 0 ? 'axis' : 'grid-line'}" x1="${left}" x2="${width - right}" y1="${round(y(t))}" y2="${round(y(t))}"/>` +
    `<text x="${left - 6}" y="${round(y(t) + 4)}" text-anchor="end">${t}</text>`).join('');
  const labelEvery = Math.ceil(daily.length / 12);
  const days = daily.map((d, i) => {
    const x0 = left + i * slot;
    const groupStart = x0 + (slot - barWidth * 3) / 2;
    const bars = ([['fixed', d.fixed], ['would-fix', d.wouldFix], ['failed', d.failed]] as const)
      .map(([kind, value], k) => (value === 0 ? '' :
        `<rect class="bar ${kind}" data-value="${value}" x="${round(groupStart + k * barWidth)}" y="${round(y(value))}" width="${round(Math.max(1, barWidth - 1))}" height="${round(y(0) - y(value))}"/>`))
      .join('');
    const label = i % labelEvery === 0 ? `<text x="${round(x0 + slot / 2)}" y="${height - 8}" text-anchor="middle">${escapeHtml(d.day.slice(5))}</text>` : '';
    const title = `${d.day}: ${d.fixed} fixed, ${d.wouldFix} would fix, ${d.failed} failed`;
    return `<g class="day" data-day="${escapeHtml(d.day)}"><title>${escapeHtml(title)}</title>` +
      `<rect class="hover" x="${round(x0)}" y="${top}" width="${round(slot)}" height="${plotHeight}"/>${bars}${label}</g>`;
  }).join('');
  return `<div class="legend"><span><i class="fixed"></i>fixed</span><span><i class="would-fix"></i>would fix (dry run)</span><span><i class="failed"></i>failed</span></div>` +
    `<svg id="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Fixes, would-fix findings and failures per day (UTC)">${grid}${days}</svg>`;
}

/** Name, then resource group and type, so a 150-character ARM id reads at a glance; the full id is the hover title. */
export function describeResourceId(id: string): { name: string; context: string } {
  const parts = id.split('/');
  const lower = parts.map((p) => p.toLowerCase());
  const group = lower.indexOf('resourcegroups');
  const providers = lower.lastIndexOf('providers');
  let type = '';
  if (providers >= 0) {
    const segments = parts.slice(providers + 1);
    type = [segments[0], ...segments.slice(1).filter((_, i) => i % 2 === 0)].filter(Boolean).join('/');
  }
  const context = [group >= 0 ? parts[group + 1] : '', type].filter(Boolean).join(' · ');
  return { name: parts[parts.length - 1] || id, context };
}

function resourceCell(tag: 'td' | 'span', id: string): string {
  const { name, context } = describeResourceId(id);
  return `<${tag} class="resource" title="${escapeHtml(id)}"><span class="res-name">${escapeHtml(name)}</span><span class="res-context">${escapeHtml(context)}</span></${tag}>`;
}

function rankedList(id: string, entries: readonly RankedEntry[], emptyText: string, resources: boolean): string {
  if (entries.length === 0) return `<p class="empty">${escapeHtml(emptyText)}</p>`;
  const items = entries.map((e) => `<li>${resources ? resourceCell('span', e.key) : `<span class="actor">${escapeHtml(e.key)}</span>`}<span class="count">${e.count}</span></li>`);
  return `<ol class="ranked" id="${id}">${items.join('')}</ol>`;
}

const daysBetween = (fromDay: string, toDay: string): number => Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000);

function exemptionsTable(exemptions: readonly ActiveExemption[], today: string): string {
  if (exemptions.length === 0) return '<p class="empty">No active exemptions.</p>';
  const rows = exemptions.map((e) => {
    const left = e.exemption.until === null ? null : daysBetween(today, e.exemption.until);
    const until = e.exemption.until === null
      ? '<span class="muted">open-ended</span>'
      : `${escapeHtml(e.exemption.until)}${e.expiresSoon ? `<span class="badge">${left === 0 ? 'expires today' : `${left} day${left === 1 ? '' : 's'} left`}</span>` : ''}`;
    return `<tr${e.expiresSoon ? ' class="soon"' : ''}>${resourceCell('td', e.resourceId)}<td class="mono">${escapeHtml(e.control)}</td>` +
      `<td class="mono">${escapeHtml(e.exemption.scope)}</td><td>${escapeHtml(e.exemption.source)}</td>` +
      `<td class="reason">${escapeHtml(e.exemption.reason ?? '')}</td><td class="nowrap">${until}</td></tr>`;
  });
  return `<table id="exemptions"><thead><tr><th>Resource</th><th>Control</th><th>Tag scope</th><th>Tag on</th><th>Reason</th><th>Until (UTC, inclusive)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function quarantineTable(pairs: readonly QuarantinedPair[]): string {
  if (pairs.length === 0) return '<p class="empty">Nothing is quarantined.</p>';
  const rows = pairs.map((q) => `<tr>${resourceCell('td', q.resourceId)}<td class="mono">${escapeHtml(q.control)}</td>` +
    `<td class="mono nowrap">${escapeHtml(formatTime(q.since))}</td><td>${escapeHtml(q.actor ?? '—')}</td><td class="reason">${escapeHtml(q.reason)}</td></tr>`);
  return `<table id="quarantined"><thead><tr><th>Resource</th><th>Control</th><th>Last flapping record</th><th>Last actor</th><th>Reason</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function recommendationsTable(groups: readonly RecommendationGroup[]): string {
  if (groups.length === 0) return '<p class="empty">No records.</p>';
  const rows = groups.map((g) => {
    const name = g.name === null
      ? '<span class="muted">no Defender or Azure Policy recommendation</span>'
      : `${escapeHtml(g.name)}${g.assessmentKey ? `<span class="res-context mono">assessment ${escapeHtml(g.assessmentKey)}</span>` : '<span class="res-context">Azure Policy only</span>'}`;
    const policies = g.policyDefinitionIds.map((id) => `<span class="mono">${escapeHtml(id.slice(id.lastIndexOf('/') + 1))}</span>`).join(' ') || '—';
    return `<tr><td>${name}</td><td>${policies}</td><td class="mono">${g.controls.map(escapeHtml).join(' ')}</td>` +
      `<td class="num">${g.unhealthy}</td><td class="num">${g.healthy}</td><td class="num">${g.exempt}</td></tr>`;
  });
  return `<div class="scroll"><table id="recommendations"><thead><tr><th>Recommendation</th><th>Policy definitions</th><th>Controls</th><th class="num">unhealthy</th><th class="num">healthy</th><th class="num">exempt</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function controlMatrix(model: ReviewModel): string {
  if (model.byControl.length === 0) return '<p class="empty">No records.</p>';
  const head = OUTCOMES.map((o) => `<th class="num">${escapeHtml(OUTCOME_LABELS[o])}</th>`).join('');
  const rows = model.byControl.map((row) => {
    const cells = OUTCOMES.map((o) => row.counts[o] === 0
      ? '<td class="num zero">0</td>'
      : `<td class="num"><button type="button" data-control="${escapeHtml(row.control)}" data-outcome="${o}" title="Show these records">${row.counts[o]}</button></td>`);
    return `<tr><td class="mono">${escapeHtml(row.control)}</td>${cells.join('')}<td class="num"><button type="button" data-control="${escapeHtml(row.control)}" data-outcome="" title="Show these records">${row.total}</button></td></tr>`;
  });
  return `<div class="scroll"><table class="matrix" id="matrix"><thead><tr><th>Control</th>${head}<th class="num">total</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function recordsSection(model: ReviewModel, embedded: number): string {
  const outcomeButtons = OUTCOMES.map((o) => `<button type="button" class="o-${o}" data-outcome="${o}" aria-pressed="false">${escapeHtml(OUTCOME_LABELS[o])}<span class="n">${model.outcomes[o]}</span></button>`).join('');
  const columns: [string, string][] = [['time', 'Time (UTC)'], ['resourceId', 'Resource'], ['control', 'Control'], ['outcome', 'Outcome'], ['mode', 'Mode'], ['actor', 'Actor'], ['trigger', 'Trigger'], ['reason', 'Reason']];
  const head = columns.map(([key, label]) => `<th data-key="${key}" aria-sort="none"><button type="button">${escapeHtml(label)}</button></th>`).join('');
  const note = embedded < model.total ? ` <small>the newest ${embedded} of ${model.total} records</small>` : '';
  return `<section><h2>Recent outcomes${note}</h2>
<div class="outcome-filter" role="group" aria-label="Outcome">${outcomeButtons}</div>
<div class="filters">
<label>Resource<input id="filter-resource" type="search" placeholder="name or id contains" autocomplete="off"></label>
<label>Control<select id="filter-control"><option value="">all controls</option></select></label>
<label>Mode<select id="filter-mode"><option value="">all modes</option></select></label>
<label>Actor<input id="filter-actor" type="search" placeholder="contains" autocomplete="off"></label>
<label>From<input id="filter-from" type="date"></label>
<label>To<input id="filter-to" type="date"></label>
<button type="button" class="reset" id="filter-reset">Reset</button>
<span class="shown" id="records-shown" aria-live="polite"></span>
</div>
<div class="scroll"><table id="records"><thead><tr>${head}</tr></thead><tbody id="records-body"></tbody></table>
<p class="empty" id="records-empty" hidden>No records match these filters.</p></div>
</section>`;
}

/** Render the whole review page for these records. Pure: the same input gives the same bytes. */
export function renderReviewPage(records: AuditRecord[], options: ReviewPageOptions): string {
  const title = options.title ?? DEFAULT_TITLE;
  const today = utcDay(options.now ?? options.generatedAt);
  const model = buildReviewModel(records, today);
  const embedded = tableRecords(records, options.maxTableRows ?? DEFAULT_MAX_TABLE_ROWS);
  const scope = options.scope ? ` · ${escapeHtml(options.scope)}` : '';
  const soon = model.exemptions.filter((e) => e.expiresSoon).length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REVIEW_PAGE_CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>
<p>Generated ${escapeHtml(formatTime(options.generatedAt.toISOString()))}${scope} · ${model.total} record${model.total === 1 ? '' : 's'} from ${escapeHtml(formatTime(model.firstTime))} to ${escapeHtml(formatTime(model.lastTime))}</p></header>
<main>
${summaryCards(model)}
<section class="chart"><h2>Fixes per day <small>UTC</small></h2>${remediationChart(model.daily)}</section>
<div class="grid">
<section><h2>Resources that drift most <small>fixed, would fix, noncompliant</small></h2>${rankedList('top-resources', model.topResources, 'No drift recorded.', true)}</section>
<section><h2>Actors behind the drift <small>from event claims</small></h2>${rankedList('top-actors', model.topActors, 'No drift with a known actor.', false)}</section>
</div>
<div class="stack">
<section><h2>Active exemptions <small>${model.exemptions.length} active${soon > 0 ? `, ${soon} expiring within 14 days` : ''}</small></h2>${exemptionsTable(model.exemptions, today)}</section>
<section><h2>Quarantined (flapping) <small>a person must decide</small></h2>${quarantineTable(model.quarantined)}</section>
<section><h2>By Defender for Cloud recommendation <small>each resource × control by its latest record</small></h2>${recommendationsTable(model.recommendations)}</section>
<section><h2>Outcomes by control</h2>${controlMatrix(model)}</section>
</div>
${recordsSection(model, embedded.length)}
</main>
<footer>transit-warden ${escapeHtml(VERSION)} · this page loads nothing and sends nothing</footer>
<script type="application/json" id="data">${jsonForScript({ records: embedded })}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
