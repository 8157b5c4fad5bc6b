/**
 * The page's style sheet, inlined (and allowed by its hash). Colours say the verdict, but every
 * entry also says it in words (PASS, FAIL, ERROR): the page reads without colour. Text colours
 * keep a contrast of at least 4.5:1 on their backgrounds; focus is always visible.
 */
export const REPORT_STYLES = `
:root { --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa; --focus: #0550ae;
  --pass: #116329; --pass-bg: #dafbe1; --fail: #a40e26; --fail-bg: #ffebe9; --put: #0550ae; --captured: #6639ba;
  --invoke: #7d4e00; --selected: #ddf4ff; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--fg); background: var(--bg);
  display: grid; grid-template-rows: auto 1fr; }
header { padding: 10px 16px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { font-size: 18px; margin: 0 6px 0 0; display: inline; }
.summary { font-weight: 600; }
.meta { color: var(--muted); margin: 2px 0 0; font-size: 13px; }
.layout { display: grid; grid-template-columns: minmax(220px, 20%) minmax(0, 1fr) minmax(280px, 30%); min-height: 0; }
nav, #test-view, #detail { overflow: auto; min-height: 0; padding: 10px 12px; }
nav { border-right: 1px solid var(--line); }
#detail { border-left: 1px solid var(--line); background: var(--panel); }
h2 { font-size: 16px; margin: 0 0 4px; overflow-wrap: anywhere; }
h3 { font-size: 14px; margin: 12px 0 4px; }
label.filter { display: block; font-weight: 600; margin-bottom: 4px; }
input[type=search] { width: 100%; padding: 6px 8px; font: inherit; border: 1px solid var(--muted); border-radius: 4px; }
ul.list, ol.timeline { list-style: none; margin: 8px 0; padding: 0; }
button { font: inherit; color: inherit; }
button:focus-visible, input:focus-visible { outline: 3px solid var(--focus); outline-offset: 1px; }
.row { display: block; width: 100%; text-align: left; border: 1px solid transparent; border-radius: 4px; background: none;
  padding: 4px 6px; cursor: pointer; overflow-wrap: anywhere; }
.row:hover { background: var(--panel); border-color: var(--line); }
.found { background: #fff8c5; border-color: #9a6700; }
.found .offset::before { content: '▸ '; }
.row[aria-current=true] { background: var(--selected); border-color: var(--focus); }
.file-row { font-weight: 600; margin-top: 8px; }
.test-row { padding-left: 14px; }
.status { display: inline-block; min-width: 4.2em; font-size: 12px; font-weight: 700; letter-spacing: 0.02em; }
.status-failed, .verdict-fail { color: var(--fail); }
.status-passed, .verdict-pass { color: var(--pass); }
.status-skipped, .status-todo, .status-unknown { color: var(--muted); }
.count, .crumbs, .hint { color: var(--muted); font-size: 13px; }
.more { margin: 4px 0 12px; padding: 4px 10px; border: 1px solid var(--muted); border-radius: 4px; background: var(--bg); cursor: pointer; }
pre { margin: 4px 0; padding: 8px; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; overflow: auto;
  font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
pre.failure { background: var(--fail-bg); max-height: 14em; }
#detail pre.failure { max-height: none; }
.axis, .entry { display: grid; grid-template-columns: 5.5em 8.5em minmax(0, 1fr) 30%; gap: 6px; align-items: center; }
.axis { margin-top: 10px; font-size: 12px; color: var(--muted); border-bottom: 1px solid var(--line); padding: 0 6px 2px; }
.ticks { position: relative; height: 1.4em; }
.tick { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.tick:first-child { transform: none; }
.tick:last-child { transform: translateX(-100%); }
.entry { padding: 3px 6px; }
.entry .offset { font-variant-numeric: tabular-nums; text-align: right; color: var(--muted); }
.entry .kind { font-size: 12px; font-weight: 700; }
.entry .label { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kind-put .kind { color: var(--put); }
.kind-captured .kind { color: var(--captured); }
.kind-invocation .kind { color: var(--invoke); }
.kind-matcher.verdict-fail .kind, .kind-invocation.outcome-error .kind, .kind-invocation.outcome-timeout .kind { color: var(--fail); }
.kind-matcher.verdict-pass .kind { color: var(--pass); }
.track { position: relative; height: 14px; border-left: 1px solid var(--line); border-right: 1px solid var(--line);
  background: linear-gradient(var(--line), var(--line)) center / 100% 1px no-repeat; }
.mark { position: absolute; top: 2px; width: 10px; height: 10px; margin-left: -5px; border-radius: 50%; background: var(--put); }
.kind-captured .mark { background: var(--captured); border-radius: 1px; transform: rotate(45deg); }
.bar { position: absolute; top: 2px; height: 10px; min-width: 3px; border-radius: 2px; }
.window { position: absolute; top: 1px; height: 12px; min-width: 3px; border: 1px dashed var(--muted); border-radius: 2px; }
.verdict-pass .bar { background: var(--pass); }
.verdict-fail .bar, .outcome-error .bar, .outcome-timeout .bar { background: var(--fail); }
.outcome-success .bar { background: var(--invoke); }
dl.fields { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 10px; margin: 6px 0; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
.verdict-box { padding: 4px 8px; border-radius: 4px; font-weight: 700; display: inline-block; }
.verdict-box.verdict-fail { background: var(--fail-bg); }
.verdict-box.verdict-pass { background: var(--pass-bg); }
ul.reasons { margin: 4px 0; padding-left: 20px; }
.link { border: none; background: none; padding: 0; color: var(--focus); text-decoration: underline; cursor: pointer; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } nav, #detail { border: none; } }
`;
