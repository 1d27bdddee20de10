import { describe, expect, it } from 'vitest';
import { escapeCommandData, escapeCommandProperty } from '../../src/report/format-github.js';
import { formatReport, type Report } from '../../src/report/index.js';
import { hostileReport, sampleReport } from '../helpers/sample-report.js';

/*
 * GitHub Actions workflow commands: one annotation per line, `error` for what fails --fail-on,
 * `warning` for the rest, a `notice` with the summary last. The runner reads a command only at
 * the start of a line, so no value may put a line break (or end a property) where it does not belong.
 */

function github(report: Report): string {
  return formatReport(report, 'github', { color: false, toolVersion: '1.2.3' });
}

describe('github', () => {
  it('writes the sample report: flags by key and reason, then errors by position, then the summary', () => {
    expect(github(sampleReport()).split('\n')).toEqual([
      '::error file=src/search.ts,line=7,col=9,title=Flag past its expiry date (expired)::Flag "legacy_search" is ready for removal (expired on 2026-01-31): keep the off path; owner search-team',
      '::warning file=src/search.ts,line=7,col=9,title=Flag always off (always-off)::Flag "legacy_search" is ready for removal (always off): keep the off path; owner search-team',
      '::warning file=src/checkout.ts,line=12,col=5,title=Release flag fully rolled out (fully-rolled-out)::Flag "new_payment_processor" is ready for removal (fully rolled out): keep the on path; owner payments-team, ticket PAY-123',
      '::warning file=flags.yaml,line=22,col=3,title=Flag declared but never used (unreferenced)::Flag "old_banner" is ready for removal (not used outside tests): delete its manifest entry; owner payments-team',
      '::error file=src/a.ts,line=9,col=5,title=Flag not declared in the manifest (undeclared)::Flag "new_chekout" is not declared in the manifest',
      '::warning file=src/a.ts,line=9,col=5,title=Flag state never tested (untested-state)::No test forces flag "new_chekout" on or off',
      '::warning file=src/search.ts,line=7,col=9,title=Flag state never tested (untested-state)::No test forces flag "legacy_search" on or off',
      '::notice::Flag hygiene: 3 flags ready for removal, 3 hygiene errors; 2 findings fail --fail-on expired,undeclared',
      '',
    ]);
  });

  it('with --fail-on none everything is a warning and the summary says the gate passes', () => {
    const lines = github(sampleReport([])).trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('::error'))).toEqual([]);
    expect(lines.filter((line) => line.startsWith('::warning'))).toHaveLength(7);
    expect(lines.at(-1)).toBe('::notice::Flag hygiene: 3 flags ready for removal, 3 hygiene errors; passes --fail-on none');
  });

  it('one failing finding: "1 finding fails"', () => {
    const report = sampleReport(['undeclared']);
    expect(report.failures).toBe(1);
    expect(github(report).trimEnd().split('\n').at(-1)).toBe(
      '::notice::Flag hygiene: 3 flags ready for removal, 3 hygiene errors; 1 finding fails --fail-on undeclared',
    );
  });

  it('a finding without a location has no file property; scan warnings are warnings', () => {
    const report = sampleReport();
    delete report.flags.find((flag) => flag.key === 'old_banner')!.declaredAt;
    report.warnings = [
      { file: 'src/broken.ts', line: 4, column: 2, message: 'cannot parse: unexpected token' },
      { file: 'src/huge.ts', message: 'skipped: larger than 1 MB' },
    ];
    const lines = github(report).trimEnd().split('\n');
    expect(lines[3]).toBe(
      '::warning title=Flag declared but never used (unreferenced)::Flag "old_banner" is ready for removal (not used outside tests): delete its manifest entry; owner payments-team',
    );
    expect(lines.slice(-3, -1)).toEqual([
      '::warning file=src/broken.ts,line=4,col=2,title=Flag hygiene scan warning::cannot parse: unexpected token',
      '::warning file=src/huge.ts,title=Flag hygiene scan warning::skipped: larger than 1 MB',
    ]);
  });
});

describe('github: escaping', () => {
  it('escapes data as @actions/core does: % first, then CR and LF', () => {
    expect(escapeCommandData('100%\r\n::error::x')).toBe('100%25%0D%0A::error::x');
    expect(escapeCommandData('%0A')).toBe('%250A');
  });

  it('escapes property values: also : and ,', () => {
    expect(escapeCommandProperty('a,b:c%\nd')).toBe('a%2Cb%3Ac%25%0Ad');
  });

  it('shows other control characters rather than sending them to the log', () => {
    expect(escapeCommandData('a\u001b[31mred\u0007')).toBe('a\\u001b[31mred\\u0007');
  });

  it('shows bidirectional formatting characters (right-to-left overrides, isolates, marks) as in the text report', () => {
    expect(escapeCommandData('a\u202eb\u2066c\u2069\u200f\u061c\u2028')).toBe('a\\u202eb\\u2066c\\u2069\\u200f\\u061c\\u2028');
    const report = hostileReport({
      key: 'is_admin\u202e',
      owner: 'web\u2066',
      ticket: 'T\u200e',
      description: 'd',
      file: 'src/\u202dx.ts',
      message: 'flag "y\u2069" \u061c',
    });
    expect(github(report).split('\n')).toEqual([
      '::error file=src/\\u202dx.ts,line=3,col=7,title=Flag past its expiry date (expired)::Flag "is_admin\\u202e" is ready for removal (expired on 2026-06-01): keep the on path; owner web\\u2066, ticket T\\u200e',
      '::error file=src/\\u202dx.ts,line=5,col=2,title=Flag not declared in the manifest (undeclared)::Flag "y\\u2069" \\u061c',
      '::notice::Flag hygiene: 1 flag ready for removal, 1 hygiene error; 2 findings fail --fail-on expired,undeclared',
      '',
    ]);
  });

  it('a hostile key, owner, ticket, file and message stay inside their own annotation', () => {
    const report = hostileReport({
      key: 'x\n::error::pwned|<script>alert(1)</script>',
      owner: '@octocat\n## Owned',
      ticket: '[x](javascript:alert(1))',
      description: 'not in annotations',
      file: 'src/a,b:c%25 (1)/[id].ts',
      message: 'flag "x" is not declared {0} ](http://e) \r\n::warning::again',
    });
    const output = github(report);
    expect(output.split('\n')).toEqual([
      '::error file=src/a%2Cb%3Ac%2525 (1)/[id].ts,line=3,col=7,title=Flag past its expiry date (expired)::' +
        'Flag "x%0A::error::pwned|<script>alert(1)</script>" is ready for removal (expired on 2026-06-01): keep the on path; owner @octocat%0A## Owned, ticket [x](javascript:alert(1))',
      '::error file=src/a%2Cb%3Ac%2525 (1)/[id].ts,line=5,col=2,title=Flag not declared in the manifest (undeclared)::Flag "x" is not declared {0} ](http://e) %0D%0A::warning::again',
      '::notice::Flag hygiene: 1 flag ready for removal, 1 hygiene error; 2 findings fail --fail-on expired,undeclared',
      '',
    ]);
    expect(output).not.toMatch(/\r/);
  });

  it('a key that is a whole workflow command cannot start one', () => {
    const report = hostileReport({
      key: '\n::stop-commands::token\n',
      owner: 'o',
      ticket: 't',
      description: 'd',
      file: 'f.ts',
      message: 'm',
    });
    const lines = github(report).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('Flag "%0A::stop-commands::token%0A" is ready for removal');
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=f\.ts,|^::notice::/);
  });
});
