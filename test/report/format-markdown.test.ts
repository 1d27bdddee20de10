import { describe, expect, it } from 'vitest';
import { buildReport, formatReport, type Report } from '../../src/report/index.js';
import { markdownText } from '../../src/report/format-markdown.js';
import { hostileReport, inventory, LINK_BASE, sampleReport, TODAY } from '../helpers/sample-report.js';

/*
 * Markdown for a pull-request comment or a cleanup issue: the verdict and counts, Mermaid charts
 * GitHub renders, the flags ready for removal per owner, the hygiene errors. Every value from the
 * pull request is inert text: no heading, table cell, HTML, link, image or mention comes out of it.
 */

function markdown(report: Report, options: { groupBy?: 'owner'; linkBase?: string } = {}): string {
  return formatReport(report, 'markdown', { color: false, toolVersion: '1.2.3', ...options });
}

const link = (file: string, line: number) => `[${file}:${line}](${LINK_BASE}${file}#L${line})`;

const SUMMARY = [
  '<!-- flag-hygiene-report -->',
  '## Flag hygiene report for 2026-11-28',
  '',
  '❌ 3 flags ready for removal, 3 hygiene errors; **2 findings fail** `--fail-on expired,undeclared`',
  '',
  '| Ready for removal | Flags | Failing |',
  '| --- | ---: | ---: |',
  '| `expired` | 1 | 1 |',
  '| `fully-rolled-out` | 1 | 0 |',
  '| `always-off` | 1 | 0 |',
  '| `unreferenced` | 1 | 0 |',
  '| **All reasons** | **3** | **1** |',
  '',
  '| Hygiene errors | Errors | Failing |',
  '| --- | ---: | ---: |',
  '| `undeclared` | 1 | 1 |',
  '| `untested-state` | 2 | 0 |',
  '| **All codes** | **3** | **1** |',
  '',
  '```mermaid',
  'pie title Why flags are ready for removal',
  '    "expired" : 1',
  '    "fully-rolled-out" : 1',
  '    "always-off" : 1',
  '    "unreferenced" : 1',
  '```',
  '',
  '```mermaid',
  'xychart-beta',
  '    title "Flags ready for removal by age in days"',
  '    x-axis ["0-30", "31-90", "91-180", "181-365", "over 365"]',
  '    y-axis "Flags"',
  // old_banner is 58 days old, new_payment_processor 211, legacy_search 545
  '    bar [0, 1, 0, 1, 1]',
  '```',
];

const FLAG_HEADER = ['| Flag | Type | Reasons | Age (days) | Keep | Ticket | References |', '| --- | --- | --- | ---: | --- | --- | --- |'];
const ERROR_HEADER = ['| Code | Flag | Location | Message |', '| --- | --- | --- | --- |'];

describe('markdown', () => {
  it('writes the sample report with links: summary, charts, a table per owner, the errors', () => {
    expect(markdown(sampleReport(), { linkBase: LINK_BASE }).split('\n')).toEqual([
      ...SUMMARY,
      '',
      '### Flags ready for removal (3)',
      '',
      '#### Owner: payments-team (2)',
      '',
      ...FLAG_HEADER,
      `| new\\_payment\\_processor<br>Route orders to the new payment processor | release | \`fully-rolled-out\` | 211 | on | PAY-123 | ${link('src/checkout.ts', 12)}<br>${link('src/pay.ts', 3)}<br>${link('test/pay.test.ts', 4)} (test)<br>${link('test/pay.test.ts', 9)} (test) |`,
      `| old\\_banner | release | \`unreferenced\` | 58 | none needed | — | ${link('flags.yaml', 22)} (manifest) |`,
      '',
      '#### Owner: search-team (1)',
      '',
      ...FLAG_HEADER,
      `| legacy\\_search | experiment | \`expired\` (failing), \`always-off\` | 545 | off | — | ${link('src/search.ts', 7)} |`,
      '',
      '### Hygiene errors (3)',
      '',
      ...ERROR_HEADER,
      `| \`undeclared\` (failing) | new\\_chekout | ${link('src/a.ts', 9)} | flag "new\\_chekout" is not declared in the manifest |`,
      `| \`untested-state\` | new\\_chekout | ${link('src/a.ts', 9)} | no test forces flag "new\\_chekout" on or off |`,
      `| \`untested-state\` | legacy\\_search | ${link('src/search.ts', 7)} | no test forces flag "legacy\\_search" on or off |`,
      '',
    ]);
  });

  it("without a link base, locations are plain file:line; --group-by owner groups the errors by their flag's owner", () => {
    const text = markdown(sampleReport(), { groupBy: 'owner' });
    expect(text.split('\n').slice(SUMMARY.length)).toEqual([
      '',
      '### Flags ready for removal (3)',
      '',
      '#### Owner: payments-team (2)',
      '',
      ...FLAG_HEADER,
      '| new\\_payment\\_processor<br>Route orders to the new payment processor | release | `fully-rolled-out` | 211 | on | PAY-123 | src/checkout.ts:12<br>src/pay.ts:3<br>test/pay.test.ts:4 (test)<br>test/pay.test.ts:9 (test) |',
      '| old\\_banner | release | `unreferenced` | 58 | none needed | — | flags.yaml:22 (manifest) |',
      '',
      '#### Owner: search-team (1)',
      '',
      ...FLAG_HEADER,
      '| legacy\\_search | experiment | `expired` (failing), `always-off` | 545 | off | — | src/search.ts:7 |',
      '',
      '### Hygiene errors (3)',
      '',
      '#### Owner: search-team (1)',
      '',
      ...ERROR_HEADER,
      '| `untested-state` | legacy\\_search | src/search.ts:7 | no test forces flag "legacy\\_search" on or off |',
      '',
      // new_chekout is not declared: it has no owner, and the unowned come last
      '#### No owner (2)',
      '',
      ...ERROR_HEADER,
      '| `undeclared` (failing) | new\\_chekout | src/a.ts:9 | flag "new\\_chekout" is not declared in the manifest |',
      '| `untested-state` | new\\_chekout | src/a.ts:9 | no test forces flag "new\\_chekout" on or off |',
      '',
    ]);
  });

  it('a clean report passes, with no tables and no charts', () => {
    const report = buildReport({
      inventory: inventory([]),
      manifest: undefined,
      today: TODAY,
      policy: { releaseMaxAgeDays: 30, unevaluatedDays: 90, expiringSoonDays: 14 },
      root: '/repo',
    });
    expect(markdown(report)).toBe(
      [
        '<!-- flag-hygiene-report -->',
        '## Flag hygiene report for 2026-11-28',
        '',
        '✅ 0 flags ready for removal, 0 hygiene errors; **passes** `--fail-on expired,undeclared`',
        '',
        '### Flags ready for removal (0)',
        '',
        'No flag is ready for removal.',
        '',
        '### Hygiene errors (0)',
        '',
        'No hygiene errors.',
        '',
      ].join('\n'),
    );
  });

  it('with --fail-on none the gate passes and nothing is marked failing', () => {
    const text = markdown(sampleReport([]));
    expect(text).toContain('\n✅ 3 flags ready for removal, 3 hygiene errors; **passes** `--fail-on none`\n');
    expect(text).not.toContain('(failing)');
  });

  it('one failing finding: "1 finding fails"', () => {
    expect(markdown(sampleReport(['expired']))).toContain(
      '\n❌ 3 flags ready for removal, 3 hygiene errors; **1 finding fails** `--fail-on expired`\n',
    );
  });

  it('lists scan warnings, linked when they have a line', () => {
    const report = sampleReport();
    report.warnings = [
      { file: 'src/broken.ts', line: 4, column: 2, message: 'cannot parse: unexpected token' },
      { file: 'src/huge_file.ts', message: 'skipped: larger than 1 MB' },
    ];
    expect(markdown(report, { linkBase: LINK_BASE })).toMatch(
      new RegExp(
        `\\n### Scan warnings \\(2\\)\\n\\n- \\[src/broken\\.ts:4\\]\\(${LINK_BASE.replace(/[.]/g, '\\.')}src/broken\\.ts#L4\\): cannot parse: unexpected token\\n- src/huge\\\\_file\\.ts: skipped: larger than 1 MB\\n$`,
      ),
    );
  });
});

describe('markdown: values from the pull request are inert', () => {
  it('escapes Markdown punctuation, HTML, mentions and issue references; shows line breaks', () => {
    expect(markdownText('a\\b`c*d_e[f]g(h)i#j|k!l~m$n')).toBe('a\\\\b\\`c\\*d\\_e\\[f\\]g\\(h\\)i\\#&#8203;j\\|k\\!l\\~m\\$n');
    expect(markdownText('<script>alert(1)</script> & co')).toBe('&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; co');
    expect(markdownText('@octocat owner/repo#1')).toBe('@&#8203;octocat owner/repo\\#&#8203;1');
    expect(markdownText('x\n## Owned\r\u2028\u202e')).toBe('x\\\\u000a\\#&#8203;\\#&#8203; Owned\\\\u000d\\\\u2028\\\\u202e');
  });

  const values = {
    key: 'x\n## Owned | <script>alert(1)</script>',
    owner: '@octocat\n## Owned',
    ticket: '[x](javascript:alert(1))',
    description: '`code` *bold* ~~gone~~ $x$ ![img](http://e/i.png) & #1',
    file: 'src/a,b:c%25 (1)/[id].ts',
    message: 'flag "x" is not declared\n| a | b |\n](javascript:alert(1))',
  };
  const key = 'x\\\\u000a\\#&#8203;\\#&#8203; Owned \\| &lt;script&gt;alert\\(1\\)&lt;/script&gt;';
  const place = 'src/a,b:c%25 \\(1\\)/\\[id\\].ts';
  const url = `${LINK_BASE}src/a%2Cb%3Ac%2525%20%281%29/%5Bid%5D.ts`;

  it('renders every hostile value as text, in its own cell', () => {
    const text = markdown(hostileReport(values), { linkBase: LINK_BASE });
    const lines = text.split('\n');
    expect(lines).toContain('#### Owner: @&#8203;octocat\\\\u000a\\#&#8203;\\#&#8203; Owned (1)');
    expect(lines).toContain(
      `| ${key}<br>\\\`code\\\` \\*bold\\* \\~\\~gone\\~\\~ \\$x\\$ \\!\\[img\\]\\(http://e/i.png\\) &amp; \\#&#8203;1 | release | \`expired\` (failing) | 331 | on | \\[x\\]\\(javascript:alert\\(1\\)\\) | [${place}:3](${url}#L3)<br>[${place}:8](${url}#L8) |`,
    );
    expect(lines).toContain(
      `| \`undeclared\` (failing) | ${key} | [${place}:5](${url}#L5) | flag "x" is not declared\\\\u000a\\| a \\| b \\|\\\\u000a\\]\\(javascript:alert\\(1\\)\\) |`,
    );
  });

  it('keeps the document structure: headings, table shapes, no HTML, links or mentions from values', () => {
    const text = markdown(hostileReport(values), { linkBase: LINK_BASE, groupBy: 'owner' });
    const lines = text.split('\n');
    // Only the report's own headings start a line with #.
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      '## Flag hygiene report for 2026-11-28',
      '### Flags ready for removal (1)',
      '#### Owner: @&#8203;octocat\\\\u000a\\#&#8203;\\#&#8203; Owned (1)',
      '### Hygiene errors (1)',
      '#### Owner: @&#8203;octocat\\\\u000a\\#&#8203;\\#&#8203; Owned (1)',
    ]);
    // Every table row has as many cell borders as its header: no value adds a cell.
    const unescapedPipes = (line: string) => line.match(/(?<!\\)(?:\\\\)*\|/g)?.length ?? 0;
    let borders = 0;
    lines.forEach((line, index) => {
      if (!line.startsWith('|')) return;
      if (!lines[index - 1]!.startsWith('|')) borders = unescapedPipes(line);
      else expect(unescapedPipes(line)).toBe(borders);
    });
    expect(borders).toBe(5);
    // The only HTML is the report's own: the marker comment, line breaks and entities.
    expect(text.replace('<!-- flag-hygiene-report -->', '').replace(/<br>/g, '')).not.toMatch(/<[a-z!/]/i);
    // The only links are the report's own, to the repository.
    expect(text.match(/\]\(/g)?.length).toBe(text.match(new RegExp(`\\]\\(${LINK_BASE.replace(/[.]/g, '\\.')}`, 'g'))?.length);
    // No bare @mention and no bare #reference.
    expect(text).not.toMatch(/@\w/);
    expect(text).not.toMatch(/(?<!&)#\d/);
  });

  it('a file name cannot end a link early or break out of the URL', () => {
    const text = markdown(hostileReport({ ...values, file: 'src/x) [y](javascript:alert(1)' }), { linkBase: LINK_BASE });
    expect(text).toContain(`[src/x\\) \\[y\\]\\(javascript:alert\\(1\\):3](${LINK_BASE}src/x%29%20%5By%5D%28javascript%3Aalert%281%29#L3)`);
  });
});
