import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { afterAll, describe, it } from 'vitest';
import type { FlagHygieneSettings } from '../../src/config/schema.js';

/*
 * Shared setup of the rule tests: @typescript-eslint/rule-tester wired to vitest, and settings
 * pointing at test/rules/fixtures/flags.yaml with today pinned, so expiry and staleness are exact.
 */

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

// The environment beats settings['flag-hygiene'].today; the suite pins the date itself.
delete process.env.FLAG_HYGIENE_TODAY;

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'rules', 'fixtures');
export const MANIFEST = join(FIXTURES, 'flags.yaml');
export const TODAY = '2026-11-28';

/** An absolute path in the fixtures folder: relative imports of a case resolve from there. */
export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

/**
 * The settings every case starts from. `tests` leaves out `test/**`, so a case whose filename lies
 * in test/rules/fixtures is linted as application code; test files are named `*.test.ts`.
 */
export const BASE_SETTINGS: FlagHygieneSettings = {
  manifest: MANIFEST,
  today: TODAY,
  tests: ['**/*.{test,spec}.*', '**/__tests__/**'],
};

/** `settings` for a case or a tester: the base settings plus some fields. */
export function settings(extra: FlagHygieneSettings = {}): { 'flag-hygiene': FlagHygieneSettings } {
  return { 'flag-hygiene': { ...BASE_SETTINGS, ...extra } };
}

/**
 * A RuleTester whose every case uses these settings. RuleTester merges a case's settings into the
 * tester's with lodash.merge (arrays index by index), so presets are chosen per tester, not per case.
 */
export function createRuleTester(extra: FlagHygieneSettings = {}): RuleTester {
  return new RuleTester({ settings: settings(extra) });
}

/** Joins source lines, so a case's line and column can be read off the array. */
export function lines(...source: string[]): string {
  return source.join('\n');
}

/** How every rule reports a settings problem: the message of `settings['flag-hygiene']` at one field. */
export function settingsProblem(field: string, problem: string): string {
  return `ESLint settings['flag-hygiene']: ${field} ${problem}`;
}
