/**
 * The review page's only style sheet, inlined and allowed by its hash in the page's CSP. Kept free
 * of `style=""` attributes elsewhere: the CSP would block those.
 */
export const PAGE_STYLE = `
:root{--fg:#1f2328;--muted:#656d76;--line:#d8dee4;--bg:#f6f8fa;--card:#fff;--accent:#0969da;
--compliant:#1a7f37;--fixed:#0969da;--would-fix:#9a6700;--noncompliant:#bc4c00;--exempt:#8250df;
--failed:#cf222e;--skipped:#6e7781;--undone:#1b7c83}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#24292f;color:#fff;padding:16px 28px}
header h1{margin:0;font-size:20px;font-weight:600}
header p{margin:4px 0 0;color:#d0d7de;font-size:13px}
main{padding:20px 28px 40px;max-width:1400px;margin:0 auto}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:16px 18px;margin:0 0 18px}
h2{font-size:16px;margin:0 0 10px;font-weight:600}
h2 small{font-weight:400;color:var(--muted);font-size:13px;margin-left:6px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:18px}
.grid>section{margin:0}
.stack{display:flex;flex-direction:column;gap:18px;margin-bottom:18px}
.stack>section{margin:0}
.grid{margin-bottom:18px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 18px}
.card{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--c,var(--muted));border-radius:6px;padding:8px 14px;min-width:112px}
.card b{display:block;font-size:22px;font-weight:600}
.card span{color:var(--muted);font-size:12px}
.o-compliant{--c:var(--compliant)}.o-fixed{--c:var(--fixed)}.o-would-fix{--c:var(--would-fix)}.o-noncompliant{--c:var(--noncompliant)}
.o-exempt{--c:var(--exempt)}.o-failed{--c:var(--failed)}.o-skipped{--c:var(--skipped)}.o-undone{--c:var(--undone)}
.chip{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--c,var(--muted));white-space:nowrap}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{white-space:nowrap;font-size:12px;color:var(--muted);font-weight:600;background:var(--bg);position:sticky;top:0}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:hover{background:#f3f6fa}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.nowrap{white-space:nowrap}
.muted{color:var(--muted)}
.res-name{display:block;font-weight:600;overflow-wrap:anywhere}
.res-context{display:block;color:var(--muted);font-size:12px;overflow-wrap:anywhere}
.reason{color:var(--muted);font-size:12.5px;max-width:420px;word-break:break-word}
.scroll{overflow:auto;max-height:640px;border:1px solid var(--line);border-radius:6px}
.scroll table th{border-bottom:1px solid var(--line)}
th button{all:unset;cursor:pointer;color:inherit}
th button::after{content:" \\2195";opacity:.35}
th[aria-sort=ascending] button::after{content:" \\2191";opacity:1}
th[aria-sort=descending] button::after{content:" \\2193";opacity:1}
.filters{display:flex;flex-wrap:wrap;gap:10px 14px;align-items:end;margin:0 0 12px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:3px}
.filters input,.filters select{font:inherit;padding:4px 6px;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--fg);min-width:140px}
.outcome-filter{display:flex;flex-wrap:wrap;gap:6px;margin:0 0 10px}
.outcome-filter button,.reset{font:inherit;font-size:12px;border:1px solid var(--line);background:#fff;border-radius:14px;padding:2px 10px;cursor:pointer;color:var(--fg)}
.outcome-filter button[aria-pressed=true]{background:var(--c,var(--accent));border-color:var(--c,var(--accent));color:#fff}
.outcome-filter button .n{opacity:.7;margin-left:4px}
.shown{color:var(--muted);font-size:12.5px;margin-left:auto;align-self:center}
.matrix td.num button{all:unset;cursor:pointer;color:var(--accent)}
.matrix td.num button:hover{text-decoration:underline}
.matrix td.zero{color:#c4cbd2}
.chart svg{width:100%;height:auto;display:block}
.chart .axis{stroke:var(--line)}
.chart .grid-line{stroke:#eef1f4}
.chart text{fill:var(--muted);font-size:11px;font-family:system-ui,sans-serif}
.bar.fixed,.legend .fixed{fill:var(--fixed);background:var(--fixed)}
.bar.would-fix,.legend .would-fix{fill:var(--would-fix);background:var(--would-fix)}
.bar.failed,.legend .failed{fill:var(--failed);background:var(--failed)}
.day:hover .hover{fill:#eef3fb}
.hover{fill:transparent}
.legend{display:flex;gap:16px;font-size:12px;color:var(--muted);margin:0 0 6px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
ol.ranked{margin:0;padding:0;list-style:none}
ol.ranked li{display:flex;justify-content:space-between;gap:12px;padding:5px 0;border-bottom:1px solid var(--line)}
ol.ranked li:last-child{border-bottom:0}
ol.ranked .count{font-variant-numeric:tabular-nums;font-weight:600}
tr.soon td{background:#fff8c5}
.badge{display:inline-block;font-size:11px;font-weight:600;padding:0 6px;border-radius:8px;background:#bf8700;color:#fff;margin-left:6px}
.empty{color:var(--muted);font-style:italic;margin:4px 0}
footer{color:var(--muted);font-size:12px;text-align:center;padding:0 0 24px}
`;
