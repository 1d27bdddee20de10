import { describe, expect, it } from 'vitest';
import { buildReport, formatReport, type Report, type ReportFormat } from '../../src/report/index.js';
import type { ChangedLines } from '../../src/report/changed-lines.js';
import type { FindingCode } from '../../src/findings/codes.js';
import { inventory, TODAY } from '../helpers/sample-report.js';

/*
 * A file the scan did not read (binary, not UTF-8, huge, minified, unreadable) or a folder it could
 * not list hides every flag check in it, an undeclared flag too. Every format lists them, and
 * `--fail-on skipped` fails the gate on them.
 */

const BINARY = 'is binary (contains NUL bytes)';
const UNLISTED = 'cannot be read (EACCES): none of its files is scanned';

function skippedReport(failOn?: FindingCode[], changedLines?: ChangedLines): Report {
  return buildReport({
    inventory: inventory([], {
      skipped: [
        { file: 'src/private', reason: UNLISTED, folder: true },
        { file: 'src/logo.ts', reason: BINARY },
      ],
      stats: { files: 3, analysed: 1, skipped: 1 },
    }),
    manifest: undefined,
    today: TODAY,
    policy: { releaseMaxAgeDays: 30, unevaluatedDays: 90, expiringSoonDays: 14 },
    root: '/repo',
    ...(failOn === undefined ? {} : { failOn }),
    ...(changedLines === undefined ? {} : { changedLines }),
  });
}

const format = (report: Report, name: ReportFormat) => formatReport(report, name, { color: false, toolVersion: '1.2.3' });

describe('files not scanned', () => {
  it('the report lists them by path; with --fail-on skipped each fails the gate', () => {
    expect(skippedReport(['skipped'])).toMatchObject({
      skipped: [
        { file: 'src/logo.ts', reason: BINARY, folder: false, failing: true },
        { file: 'src/private', reason: UNLISTED, folder: true, failing: true },
      ],
      failures: 2,
      warnings: [],
    });
    // Not in the default set: listed, but the gate passes.
    expect(skippedReport()).toMatchObject({ skipped: [{ failing: false }, { failing: false }], failures: 0 });
  });

  it('with --changed-since, a file fails only when it changed; a folder that could not be listed always', () => {
    expect(skippedReport(['skipped'], new Map([['src/other.ts', new Set([1])]]))).toMatchObject({
      skipped: [{ failing: false }, { failing: true }],
      failures: 1,
    });
    expect(skippedReport(['skipped'], new Map([['src/logo.ts', 'all']]))).toMatchObject({
      skipped: [{ failing: true }, { failing: true }],
      failures: 2,
    });
  });

  it('text: a section of its own and a count in the summary', () => {
    expect(format(skippedReport(['skipped']), 'text')).toBe(
      [
        'Flag hygiene report for 2026-11-28',
        '',
        'Not scanned (2)',
        `  ✖ src/logo.ts ${BINARY}`,
        `  ✖ src/private/ ${UNLISTED}`,
        '',
        '✖ 0 flags ready for removal, 0 hygiene errors, 2 not scanned; 2 findings fail --fail-on skipped',
        '',
      ].join('\n'),
    );
    expect(format(skippedReport(), 'text')).toContain(`\n  ● src/logo.ts ${BINARY}\n`);
  });

  it('json: the list with what fails', () => {
    const json = JSON.parse(format(skippedReport(['skipped']), 'json')) as { skipped: unknown; failures: number };
    expect(json.skipped).toEqual([
      { file: 'src/logo.ts', reason: BINARY, folder: false, failing: true },
      { file: 'src/private', reason: UNLISTED, folder: true, failing: true },
    ]);
    expect(json.failures).toBe(2);
  });

  it('markdown: the verdict counts them, and a list of its own', () => {
    const markdown = format(skippedReport(['skipped']), 'markdown');
    expect(markdown).toContain(
      '\n❌ 0 flags ready for removal, 0 hygiene errors, 2 not scanned; **2 findings fail** `--fail-on skipped`\n',
    );
    expect(markdown).toContain(
      [
        '### Not scanned (2)',
        '',
        '- src/logo.ts is binary \\(contains NUL bytes\\) (failing)',
        '- src/private/ cannot be read \\(EACCES\\): none of its files is scanned (failing)',
        '',
      ].join('\n'),
    );
  });

  it('github: an annotation each, an error when it fails the gate', () => {
    expect(format(skippedReport(['skipped']), 'github').split('\n')).toEqual([
      `::error file=src/logo.ts,line=1,col=1,title=File not scanned (skipped)::Not scanned: src/logo.ts ${BINARY}`,
      `::error title=File not scanned (skipped)::Not scanned: src/private/ ${UNLISTED}`,
      '::notice::Flag hygiene: 0 flags ready for removal, 0 hygiene errors, 2 not scanned; 2 findings fail --fail-on skipped',
      '',
    ]);
    expect(format(skippedReport(), 'github').split('\n')[0]).toBe(
      `::warning file=src/logo.ts,line=1,col=1,title=File not scanned (skipped)::Not scanned: src/logo.ts ${BINARY}`,
    );
  });

  it('sarif: a result each under the rule "skipped"', () => {
    const log = JSON.parse(format(skippedReport(['skipped']), 'sarif')) as {
      runs: [
        {
          tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } };
          results: { ruleId: string; level: string; message: { text: string }; locations?: unknown }[];
        },
      ];
    };
    const [run] = log.runs;
    expect(run.tool.driver.rules.find((rule) => rule.id === 'skipped')?.defaultConfiguration).toEqual({ level: 'error' });
    expect(run.results.map(({ ruleId, level, message, locations }) => ({ ruleId, level, message, locations }))).toEqual([
      {
        ruleId: 'skipped',
        level: 'error',
        message: { text: `Not scanned: src/logo.ts ${BINARY}.` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'src/logo.ts', uriBaseId: '%SRCROOT%' },
              region: { startLine: 1, startColumn: 1 },
            },
          },
        ],
      },
      { ruleId: 'skipped', level: 'error', message: { text: `Not scanned: src/private/ ${UNLISTED}.` }, locations: undefined },
    ]);
  });
});
