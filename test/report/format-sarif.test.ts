import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvFormats from 'ajv-formats';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CODE_HELP, formatReport, type FindingCode, type Report } from '../../src/report/index.js';
import { hostileReport, sampleReport } from '../helpers/sample-report.js';

/*
 * SARIF 2.1.0 for GitHub code scanning, checked against the official schema (shipped, MIT, in the
 * SARIF multitool's npm package) and, for the sample report, field by field.
 */

const require = createRequire(import.meta.url);

function schemaPath(): string {
  for (const platform of ['linux', 'darwin', 'win32']) {
    try {
      return require.resolve(`@microsoft/sarif-multitool-${platform}/sarif-2.1.0.json`);
    } catch {
      // the platform package of another system is not installed
    }
  }
  throw new Error('the SARIF 2.1.0 schema was not found: npm install installs @microsoft/sarif-multitool with its platform package');
}

const ajv = new Ajv2020({ allErrors: true });
// ajv-formats is CommonJS: its plugin is the module's `default` export.
ajvFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(schemaPath(), 'utf8')) as object);

function sarif(report: Report): string {
  return formatReport(report, 'sarif', { color: false, toolVersion: '1.2.3' });
}

function expectValid(text: string): void {
  const valid = validateSarif(JSON.parse(text));
  expect(validateSarif.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

/** The documented fingerprint: a hash of code, key and file, numbered among equal ones. */
function fingerprint(code: string, key: string, file: string, occurrence = 1): string {
  return `${createHash('sha256').update(`${code}\u0000${key}\u0000${file}`).digest('hex').slice(0, 16)}:${occurrence}`;
}

const at = (uri: string, startLine: number, startColumn: number) => ({
  artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
  region: { startLine, startColumn },
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0: the sample, hostile values, scan warnings, a finding without a location', () => {
    expectValid(sarif(sampleReport()));
    expectValid(sarif(sampleReport([])));
    expectValid(
      sarif(
        hostileReport({
          key: 'x\n::error::pwned',
          owner: '@octocat',
          ticket: '[x](javascript:alert(1))',
          description: '<script>',
          file: 'src/a b%/#?[x](y).ts',
          message: '{0} ](http://e)',
        }),
      ),
    );
    const withWarnings = sampleReport();
    withWarnings.warnings = [
      { file: 'src/broken file.ts', line: 4, column: 2, message: 'cannot parse: unexpected token' },
      { file: 'src/huge.ts', message: 'skipped: larger than 1 MB' },
    ];
    expectValid(sarif(withWarnings));
    const unlocated = sampleReport();
    for (const flag of unlocated.flags) delete flag.declaredAt;
    expectValid(sarif(unlocated));
  });

  it('the schema check is not vacuous: it rejects a raw space in a URI and a result without a message', () => {
    const log = JSON.parse(sarif(sampleReport())) as { runs: [{ results: Record<string, unknown>[] }] };
    const spaced = structuredClone(log);
    (
      spaced.runs[0].results[0]!.locations as { physicalLocation: { artifactLocation: { uri: string } } }[]
    )[0]!.physicalLocation.artifactLocation.uri = 'src/a b.ts';
    expect(validateSarif(spaced)).toBe(false);
    const silent = structuredClone(log);
    delete silent.runs[0].results[0]!.message;
    expect(validateSarif(silent)).toBe(false);
  });

  it('writes the sample report: the driver, a rule per code, a result per reason and per error', () => {
    const text = sarif(sampleReport());
    const rule = (code: FindingCode, level: 'error' | 'warning') => ({
      id: code,
      shortDescription: { text: CODE_HELP[code].title },
      fullDescription: { text: CODE_HELP[code].help },
      help: { text: CODE_HELP[code].help },
      defaultConfiguration: { level },
    });
    const expected = {
      version: '2.1.0',
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      runs: [
        {
          tool: {
            driver: {
              name: 'flag-hygiene',
              version: '1.2.3',
              semanticVersion: '1.2.3',
              informationUri: 'https://github.com/flag-hygiene/eslint-plugin-flag-hygiene#readme',
              rules: [
                rule('expired', 'error'),
                rule('fully-rolled-out', 'warning'),
                rule('always-off', 'warning'),
                rule('not-evaluated', 'warning'),
                rule('unreferenced', 'warning'),
                rule('undeclared', 'error'),
                rule('dynamic', 'warning'),
                rule('untested-state', 'warning'),
                rule('nested', 'warning'),
                rule('missing-fallback', 'warning'),
                rule('text-mention', 'warning'),
                rule('skipped', 'warning'),
              ],
            },
          },
          columnKind: 'utf16CodeUnits',
          results: [
            {
              ruleId: 'expired',
              level: 'error',
              message: {
                text: 'Flag "legacy_search" is ready for removal (expired on 2026-01-31): keep the off path; owner search-team. Declared at [flags.yaml:11](1).',
              },
              locations: [{ physicalLocation: at('src/search.ts', 7, 9) }],
              relatedLocations: [{ id: 1, physicalLocation: at('flags.yaml', 11, 3) }],
              partialFingerprints: { primaryLocationLineHash: fingerprint('expired', 'legacy_search', 'src/search.ts') },
            },
            {
              ruleId: 'always-off',
              level: 'warning',
              message: {
                text: 'Flag "legacy_search" is ready for removal (always off): keep the off path; owner search-team. Declared at [flags.yaml:11](1).',
              },
              locations: [{ physicalLocation: at('src/search.ts', 7, 9) }],
              relatedLocations: [{ id: 1, physicalLocation: at('flags.yaml', 11, 3) }],
              partialFingerprints: { primaryLocationLineHash: fingerprint('always-off', 'legacy_search', 'src/search.ts') },
            },
            {
              ruleId: 'fully-rolled-out',
              level: 'warning',
              message: {
                text:
                  'Flag "new_payment_processor" is ready for removal (fully rolled out): keep the on path; owner payments-team, ticket PAY-123.' +
                  ' Other references: [src/pay.ts:3](1), [test/pay.test.ts:4](2) (test), [test/pay.test.ts:9](3) (test). Declared at [flags.yaml:2](4).',
              },
              locations: [{ physicalLocation: at('src/checkout.ts', 12, 5) }],
              relatedLocations: [
                { id: 1, physicalLocation: at('src/pay.ts', 3, 10) },
                { id: 2, physicalLocation: at('test/pay.test.ts', 4, 3) },
                { id: 3, physicalLocation: at('test/pay.test.ts', 9, 3) },
                { id: 4, physicalLocation: at('flags.yaml', 2, 3) },
              ],
              partialFingerprints: { primaryLocationLineHash: fingerprint('fully-rolled-out', 'new_payment_processor', 'src/checkout.ts') },
            },
            {
              ruleId: 'unreferenced',
              level: 'warning',
              message: {
                text: 'Flag "old_banner" is ready for removal (not used outside tests): delete its manifest entry; owner payments-team.',
              },
              locations: [{ physicalLocation: at('flags.yaml', 22, 3) }],
              partialFingerprints: { primaryLocationLineHash: fingerprint('unreferenced', 'old_banner', 'flags.yaml') },
            },
            {
              ruleId: 'undeclared',
              level: 'error',
              message: { text: 'Flag "new_chekout" is not declared in the manifest.' },
              locations: [{ physicalLocation: at('src/a.ts', 9, 5) }],
              partialFingerprints: { primaryLocationLineHash: fingerprint('undeclared', 'new_chekout', 'src/a.ts') },
            },
            {
              ruleId: 'untested-state',
              level: 'warning',
              message: { text: 'No test forces flag "new_chekout" on or off.' },
              locations: [{ physicalLocation: at('src/a.ts', 9, 5) }],
              partialFingerprints: { primaryLocationLineHash: fingerprint('untested-state', 'new_chekout', 'src/a.ts') },
            },
            {
              ruleId: 'untested-state',
              level: 'warning',
              message: { text: 'No test forces flag "legacy_search" on or off.' },
              locations: [{ physicalLocation: at('src/search.ts', 7, 9) }],
              partialFingerprints: { primaryLocationLineHash: fingerprint('untested-state', 'legacy_search', 'src/search.ts') },
            },
          ],
        },
      ],
    };
    expect(JSON.parse(text)).toEqual(expected);
    expect(text).toBe(JSON.stringify(expected, null, 2) + '\n');
  });

  it('levels follow --fail-on: every result is a warning with --fail-on none, and so is every rule', () => {
    const log = JSON.parse(sarif(sampleReport([]))) as {
      runs: [{ results: { level: string }[]; tool: { driver: { rules: { defaultConfiguration: { level: string } }[] } } }];
    };
    expect(new Set(log.runs[0].results.map((result) => result.level))).toEqual(new Set(['warning']));
    expect(new Set(log.runs[0].tool.driver.rules.map((rule) => rule.defaultConfiguration.level))).toEqual(new Set(['warning']));
  });

  it('a finding --fail-on names but --changed-since left out is a warning under an error rule', () => {
    const report = sampleReport();
    const legacy = report.flags.find((flag) => flag.key === 'legacy_search')!;
    legacy.failing = [];
    report.failures = 1;
    const log = JSON.parse(sarif(report)) as { runs: [{ results: { ruleId: string; level: string }[] }] };
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'expired', level: 'warning' });
  });

  it('fingerprints survive moved lines, change with the file, and number equal findings in order', () => {
    const fingerprints = (report: Report) =>
      (
        JSON.parse(sarif(report)) as { runs: [{ results: { partialFingerprints: { primaryLocationLineHash: string } }[] }] }
      ).runs[0].results.map((result) => result.partialFingerprints.primaryLocationLineHash);
    const before = sampleReport();
    const moved = sampleReport();
    for (const flag of moved.flags) for (const reference of flag.references) reference.line += 10;
    for (const error of moved.errors) error.line += 10;
    expect(fingerprints(moved)).toEqual(fingerprints(before));

    const renamed = sampleReport();
    renamed.errors[0]!.file = 'src/b.ts';
    expect(fingerprints(renamed)[4]).not.toBe(fingerprints(before)[4]);

    const twice = sampleReport();
    twice.errors.splice(1, 0, { ...twice.errors[0]!, line: 20 });
    expect(fingerprints(twice).slice(4, 6)).toEqual([
      fingerprint('undeclared', 'new_chekout', 'src/a.ts', 1),
      fingerprint('undeclared', 'new_chekout', 'src/a.ts', 2),
    ]);
  });

  it('a flag with neither references nor a declared position has a result without a location', () => {
    const report = sampleReport();
    const oldBanner = report.flags.find((flag) => flag.key === 'old_banner')!;
    delete oldBanner.declaredAt;
    const log = JSON.parse(sarif(report)) as { runs: [{ results: Record<string, unknown>[] }] };
    const result = log.runs[0].results.find((candidate) => candidate.ruleId === 'unreferenced')!;
    expect(result.locations).toBeUndefined();
    expect(result.partialFingerprints).toEqual({ primaryLocationLineHash: fingerprint('unreferenced', 'old_banner', '') });
  });

  it('reports scan warnings as tool execution notifications', () => {
    const report = sampleReport();
    report.warnings = [
      { file: 'src/broken file.ts', line: 4, column: 2, message: 'cannot parse: unexpected token' },
      { file: 'src/huge.ts', message: 'skipped: larger than 1 MB' },
    ];
    const log = JSON.parse(sarif(report)) as { runs: [{ invocations: unknown }] };
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'warning',
            message: { text: 'cannot parse: unexpected token' },
            locations: [{ physicalLocation: at('src/broken%20file.ts', 4, 2) }],
          },
          {
            level: 'warning',
            message: { text: 'skipped: larger than 1 MB' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'src/huge.ts', uriBaseId: '%SRCROOT%' } } }],
          },
        ],
      },
    ]);
  });
});

describe('sarif: values from the pull request stay plain text', () => {
  const key = 'x\n::error::pwned|<script>alert(1)</script>';
  const file = 'src/a,b:c%25 (1)/[id].ts';
  const report = hostileReport({
    key,
    owner: '@octocat\n## Owned',
    ticket: '[x](javascript:alert(1))',
    description: 'unused by SARIF',
    file,
    message: 'flag "x" is not declared {0} ](http://e) \r\n::warning::again',
  });
  const text = sarif(report);
  const log = JSON.parse(text) as {
    runs: [
      {
        results: {
          message: { text: string };
          locations: { physicalLocation: unknown }[];
          relatedLocations?: unknown[];
          partialFingerprints: unknown;
        }[];
      },
    ];
  };
  const [removal, error] = log.runs[0].results;

  it('breaks every link a key, ticket or message would make, escapes link text, doubles braces and shows line breaks', () => {
    expect(removal!.message.text).toBe(
      'Flag "x\\u000a::error::pwned|<script>alert(1)</script>" is ready for removal (expired on 2026-06-01): keep the on path; owner @octocat\\u000a## Owned, ticket [x]\u200b(javascript:alert(1)).' +
        ' Other references: [src/a,b:c%25 (1)/\\[id\\].ts:8](1). Declared at [src/a,b:c%25 (1)/\\[id\\].ts:2](2).',
    );
    expect(error!.message.text).toBe('Flag "x" is not declared {{0}} ]\u200b(http://e) \\u000d\\u000a::warning::again.');
    // The only links left are the embedded links to related locations, by id.
    for (const result of log.runs[0].results)
      expect(result.message.text.match(/\]\([^)]*\)/g) ?? []).toEqual(result.message.text.match(/\]\(\d+\)/g) ?? []);
  });

  it('percent-encodes the file as a relative URI reference', () => {
    const uri = 'src/a%2Cb%3Ac%2525%20%281%29/%5Bid%5D.ts';
    expect(removal!.locations).toEqual([{ physicalLocation: at(uri, 3, 7) }]);
    expect(removal!.relatedLocations).toEqual([
      { id: 1, physicalLocation: at(uri, 8, 1) },
      { id: 2, physicalLocation: at(uri, 2, 3) },
    ]);
    expect(error!.locations).toEqual([{ physicalLocation: at(uri, 5, 2) }]);
    expect(removal!.partialFingerprints).toEqual({ primaryLocationLineHash: fingerprint('expired', key, file) });
    expect(decodeURIComponent(uri)).toBe(file);
  });
});
