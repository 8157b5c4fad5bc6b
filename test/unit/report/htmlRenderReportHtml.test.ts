import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { contentSecurityPolicy, cspHash } from '../../../src/core/report/html/contentSecurityPolicy';
import { escapeHtml } from '../../../src/core/report/html/escapeHtml';
import { renderReportHtml } from '../../../src/core/report/html/renderReportHtml';
import { REPORT_SCRIPT } from '../../../src/core/report/html/reportScript';
import { REPORT_STYLES } from '../../../src/core/report/html/reportStyles';
import { parseExactJson } from '../../../src/foundation/exactJson';
import { fixtureReport, HOSTILE_TEXT } from '../../support/reportFixture';

/** The content of each element `<tag ...>content</tag>` in `html`, with its opening tag. */
function elements(html: string, tag: string): { open: string; content: string }[] {
  return [...html.matchAll(new RegExp(`(<${tag}[^>]*>)([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => ({
    open: match[1] ?? '',
    content: match[2] ?? '',
  }));
}

describe('renderReportHtml', () => {
  const report = fixtureReport();
  const html = renderReportHtml(report);

  it('embeds the report, which reads back whole, as JSON no parser can take for markup', () => {
    const data = elements(html, 'script').find((element) => element.open.includes('id="report-data"'));
    expect(data?.open).toBe('<script type="application/json" id="report-data">');
    expect(data?.content).not.toMatch(/[<>&\u2028\u2029]/);
    expect(parseExactJson(data?.content ?? '')).toEqual(report);
  });

  it('has exactly its three scripts and one style: the hostile text never closes one early', () => {
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).not.toContain(HOSTILE_TEXT);
    expect(html).not.toMatch(/<(img|link|iframe|object|embed)/i);
  });

  it('allows only its own inline script and style, by hash, and forbids any connection', () => {
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    const [script] = elements(html, 'script').filter((element) => element.open === '<script>');
    const [style] = elements(html, 'style');
    const sha = (text: string): string => createHash('sha256').update(text).digest('base64');
    expect(policy).toBe(
      `default-src &#39;none&#39;; script-src &#39;sha256-${sha(script?.content ?? '')}&#39;; style-src &#39;sha256-${sha(style?.content ?? '')}&#39;; ` +
        'base-uri &#39;none&#39;; form-action &#39;none&#39;',
    );
  });

  it('writes the summary and the origin in the markup, and the title escaped', () => {
    expect(html).toContain(
      '<span class="summary" id="summary">3 files · 5 tests · 1 failed · 1 skipped · 9 events (4 put, 5 captured)</span>',
    );
    expect(html).toContain('<p class="meta">Jest run · written 2026-01-15T09:31:00.000Z · masked in detail: detail.card</p>');
    const titled = renderReportHtml(report, { title: 'Orders <nightly> & "friends"' });
    expect(elements(titled, 'title')[0]?.content).toBe('Orders &lt;nightly&gt; &amp; &quot;friends&quot;');
    expect(elements(html, 'title')[0]?.content).toBe('Event report');
  });
});

describe('the inline script and style', () => {
  it('are text a script or style element can hold, and the script is valid JavaScript', () => {
    for (const text of [REPORT_SCRIPT, REPORT_STYLES]) expect(text).not.toMatch(/<\/(script|style)|<!--/i);
    // Compiled, not run: it needs a DOM.
    expect(() => new Script(REPORT_SCRIPT)).not.toThrow();
  });

  it('never write HTML from data: no innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
    expect(REPORT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  });
});

describe('contentSecurityPolicy', () => {
  it("hashes each text as CSP's sha256 source", () => {
    expect(cspHash('a')).toBe("'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='");
    expect(contentSecurityPolicy('a', 'b')).toBe(
      "default-src 'none'; script-src 'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='; " +
        "style-src 'sha256-PiPoFgA5WUoziU9lZOGxNIu9egCI1CxKy3PurtWcAJ0='; base-uri 'none'; form-action 'none'",
    );
  });
});

describe('escapeHtml', () => {
  it('writes &, <, > and both quotes as entities', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
