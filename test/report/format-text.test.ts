import { describe, expect, it } from 'vitest';
import { formatReport, type Report, type ReportError, type ReportFlag } from '../../src/report/index.js';
import { hostileReport, TODAY } from '../helpers/sample-report.js';

/*
 * The terminal report. Reports of a huge codebase are built here in memory: a few hundred
 * thousand lines must come out as text, not as a stack overflow.
 */

function expiredFlag(index: number): ReportFlag {
  return {
    key: `flag_${index}`,
    declared: true,
    type: 'release',
    owner: 'web',
    references: [{ file: `src/f${index}.ts`, line: 3, column: 7, test: false, role: 'evaluate', via: 'flags.get($KEY)' }],
    readyForRemoval: true,
    reasons: ['expired'],
    keep: 'on',
    createdAt: '2026-01-01',
    expiresAt: '2026-06-01',
    ageDays: 331,
    testedStates: { on: true, off: true },
    failing: ['expired'],
  };
}

function undeclaredError(index: number): ReportError {
  return {
    code: 'undeclared',
    key: 'new_chekout',
    file: `src/e${index}.ts`,
    line: 9,
    column: 5,
    message: 'flag "new_chekout" is not declared in the manifest',
    failing: true,
  };
}

function hugeReport(flags: number, errors: number): Report {
  return {
    today: TODAY,
    failOn: ['expired', 'undeclared'],
    failures: flags + errors,
    warnings: [],
    skipped: [],
    flags: Array.from({ length: flags }, (_, index) => expiredFlag(index)),
    errors: Array.from({ length: errors }, (_, index) => undeclaredError(index)),
  };
}

describe('text report', () => {
  it('50,000 flags ready for removal and 50,000 errors: every line, no stack overflow', () => {
    const lines = formatReport(hugeReport(50_000, 50_000), 'text', { color: false, toolVersion: '1.2.3' }).split('\n');
    // Title, a blank and a heading per section, three lines per flag, one per error, a blank, the summary, the final newline.
    expect(lines).toHaveLength(1 + 2 + 3 * 50_000 + 2 + 50_000 + 2 + 1);
    expect(lines.slice(0, 6)).toEqual([
      'Flag hygiene report for 2026-11-28',
      '',
      'Flags ready for removal (50000)',
      '  ✖ flag_0  release · web · 331 days old',
      '      expired — keep the on path',
      '      src/f0.ts:3:7',
    ]);
    expect(lines.slice(-6)).toEqual([
      '  ✖ src/e49997.ts:9:5  undeclared  flag "new_chekout" is not declared in the manifest',
      '  ✖ src/e49998.ts:9:5  undeclared  flag "new_chekout" is not declared in the manifest',
      '  ✖ src/e49999.ts:9:5  undeclared  flag "new_chekout" is not declared in the manifest',
      '',
      '✖ 50000 flags ready for removal, 50000 hygiene errors; 100000 findings fail --fail-on expired,undeclared',
      '',
    ]);
  });

  it('grouped by owner, the same 50,000 flags', () => {
    const lines = formatReport(hugeReport(50_000, 0), 'text', { color: false, toolVersion: '1.2.3', groupBy: 'owner' }).split('\n');
    expect(lines).toHaveLength(1 + 2 + 3 * 50_000 + 2 + 1);
    expect(lines.slice(0, 4)).toEqual(['Flag hygiene report for 2026-11-28', '', 'Owner: web', '  ✖ flag_0  release · web · 331 days old']);
  });
});

describe('text report: bidirectional formatting characters', () => {
  it('are shown as \\u escapes in keys, owners, tickets, file names and messages, like control characters', () => {
    const report = hostileReport({
      key: 'is_admin\u202e',
      owner: 'web\u2066',
      ticket: 'T\u200e',
      description: 'd',
      file: 'src/\u202dx.ts',
      message: 'flag "y\u2069" \u061c\u200f\u202a',
    });
    expect(formatReport(report, 'text', { color: false, toolVersion: '1.2.3' }).split('\n')).toEqual([
      'Flag hygiene report for 2026-11-28',
      '',
      'Flags ready for removal (1)',
      '  ✖ is_admin\\u202e  release · web\\u2066 · T\\u200e · 331 days old',
      '      expired — keep the on path',
      '      src/\\u202dx.ts:3:7',
      '      src/\\u202dx.ts:8:1',
      '',
      'Hygiene errors (1)',
      '  ✖ src/\\u202dx.ts:5:2  undeclared  flag "y\\u2069" \\u061c\\u200f\\u202a',
      '',
      '✖ 1 flag ready for removal, 1 hygiene error; 2 findings fail --fail-on expired,undeclared',
      '',
    ]);
  });
});

describe('markdown report', () => {
  it('a table of 150,000 errors: every row, no stack overflow', () => {
    const lines = formatReport(hugeReport(0, 150_000), 'markdown', { color: false, toolVersion: '1.2.3' }).split('\n');
    const rows = lines.filter((line) => line.startsWith('| `undeclared` (failing) |'));
    expect(rows).toHaveLength(150_000);
    expect(rows.at(-1)).toBe(
      '| `undeclared` (failing) | new\\_chekout | src/e149999.ts:9 | flag "new\\_chekout" is not declared in the manifest |',
    );
  });
});
