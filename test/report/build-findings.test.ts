import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/report/index.js';
import { inventory, reference, TODAY } from '../helpers/sample-report.js';

/*
 * The gate decides its hygiene errors with the findings layer the ESLint rules use, with the same
 * options (from the settings' `findings`): issue 18, where the two front-ends had drifted.
 */

const POLICY = { releaseMaxAgeDays: 30, unevaluatedDays: 90, expiringSoonDays: 14 };

function dynamicErrors(findings?: {
  'missing-fallback': { requireElse: boolean; allowJsxShortCircuit: boolean };
  dynamic: { allowInTests: boolean };
}) {
  const references = [
    reference('flagKey', 'src/a.ts', 3, 10, { dynamic: true }),
    // `flags.override(flagKey, true)` in a test: no-dynamic-flag-key reports it, and so must the gate.
    reference('flagKey', 'test/a.test.ts', 7, 18, { dynamic: true, role: 'override', via: 'flags.override($KEY, $STATE)', state: 'on' }),
    // A fixed-key wrapper's call writes no key: the finding is where the key is written.
    reference('keyOf(x)', 'src/b.ts', 2, 1, { dynamic: true, indirect: true }),
  ];
  const report = buildReport({
    inventory: inventory(references),
    manifest: undefined,
    today: TODAY,
    policy: POLICY,
    root: '/repo',
    failOn: ['dynamic'],
    ...(findings ? { findings } : {}),
  });
  return report.errors.map(({ code, file, line, column, failing }) => ({ code, file, line, column, failing }));
}

describe('buildReport: dynamic keys as no-dynamic-flag-key decides them', () => {
  it('an override with a dynamic key is a finding, as in ESLint; a fixed-key wrapper call is not', () => {
    expect(dynamicErrors()).toEqual([
      { code: 'dynamic', file: 'src/a.ts', line: 3, column: 10, failing: true },
      { code: 'dynamic', file: 'test/a.test.ts', line: 7, column: 18, failing: true },
    ]);
  });

  it('findings.dynamic.allowInTests leaves the test file out, as the rule option does', () => {
    expect(
      dynamicErrors({ 'missing-fallback': { requireElse: false, allowJsxShortCircuit: true }, dynamic: { allowInTests: true } }),
    ).toEqual([{ code: 'dynamic', file: 'src/a.ts', line: 3, column: 10, failing: true }]);
  });
});
