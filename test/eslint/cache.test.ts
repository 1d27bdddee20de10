import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, type FixtureCopy } from '../helpers/scanner-fixtures.js';
import { lintJson, messageAt, problemLines, requireBuiltPlugin, writeEslintConfig } from '../helpers/eslint-cli.js';

/*
 * Issue 4: correct under `eslint --cache`. ESLint keys its cache by each file's content and by the
 * config, settings included; the plugin's `settings()` helper puts the manifest's content hash
 * and today's date into the settings, so an edited manifest or a new day re-lints every file even
 * though no source file changed.
 *
 * The scene is a copy of fixtures/cross-file-nesting, clean at 2026-11-28 (see test/helpers/fixture-problems.ts):
 * - loyalty_points expires on 2027-01-15 and is read at src/loyalty/loyalty-badge.ts:5:35;
 * - split_shipping is read at src/orders/shipping.ts:6:34.
 * Nothing else in it expires within 14 days of 2027-01-15 or 2027-01-16 (checkout_redesign, the next,
 * expires on 2027-01-31), and no other key is near enough to split_shipping to be suggested.
 */

const LOYALTY_EXPIRED = 'src/loyalty/loyalty-badge.ts:5:35 no-expired-flag/expired warn';
const LOYALTY_EXPIRING = 'src/loyalty/loyalty-badge.ts:5:35 no-expired-flag/expiringSoon warn';
const SPLIT_SHIPPING_UNDECLARED = 'src/orders/shipping.ts:6:34 no-undeclared-flag/undeclared error';

const copies: FixtureCopy[] = [];

beforeAll(() => requireBuiltPlugin());
afterEach(() => {
  for (const copy of copies.splice(0)) copy.cleanup();
});

interface Scene {
  dir: string;
  cacheFile: string;
  lint(env?: Record<string, string>): { lines: string[]; message(line: string): string | undefined };
  editManifest(edit: (text: string) => string): void;
}

/** A fixture copy with a config (with or without the helper) and a cache file outside it. */
function scene(settings: 'helper' | 'plain'): Scene {
  const copy = copyFixture('cross-file-nesting');
  copies.push(copy);
  const { dir } = copy;
  const configDir = join(dir, '..');
  const cacheFile = join(configDir, 'eslintcache');
  const raw = JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' });
  const config = writeEslintConfig(
    configDir,
    settings === 'helper'
      ? `  flagHygiene.configs.recommended,\n  flagHygiene.settings(${raw}),`
      : `  flagHygiene.configs.recommended,\n  { settings: { 'flag-hygiene': ${raw} } },`,
  );
  return {
    dir,
    cacheFile,
    lint(env = {}) {
      const results = lintJson(['--config', config, '--cache', '--cache-location', cacheFile, '.'], { cwd: dir, env });
      return { lines: problemLines(results, dir), message: (line) => messageAt(results, dir, line) };
    },
    editManifest(edit) {
      const path = join(dir, 'flags.yaml');
      writeFileSync(path, edit(readFileSync(path, 'utf8')));
    },
  };
}

const withoutSplitShipping = (text: string) => {
  const edited = text.replace(/\n {2}split_shipping:[\s\S]*$/, '\n');
  expect(edited).not.toContain('split_shipping');
  return edited;
};

describe('eslint --cache with the settings() helper', { timeout: 90_000 }, () => {
  it('a manifest edit shows its new problems on the cached run, with no source file touched', () => {
    const { dir, lint, editManifest, cacheFile } = scene('helper');
    const original = readFileSync(join(dir, 'flags.yaml'), 'utf8');
    expect(lint().lines).toEqual([]);
    expect(existsSync(cacheFile)).toBe(true);

    // A declared flag removed from the manifest: its reference is undeclared now.
    editManifest(withoutSplitShipping);
    expect(lint().lines).toEqual([SPLIT_SHIPPING_UNDECLARED]);

    // Back in the manifest, but with an expiry in the past: expired now.
    editManifest(() => original.replace('expiresAt: 2027-01-15', 'expiresAt: 2026-11-27'));
    const run = lint();
    expect(run.lines).toEqual([LOYALTY_EXPIRED]);
    expect(run.message(LOYALTY_EXPIRED)).toContain('Flag "loyalty_points" expired on 2026-11-27 (owner: growth-team, ticket: GROW-97).');
  });

  it('a new day (FLAG_HYGIENE_TODAY) changes the cached answer: expired after the expiry, expiring on the day, clean again at the pinned date', () => {
    const { lint } = scene('helper');
    expect(lint().lines).toEqual([]);

    const later = lint({ FLAG_HYGIENE_TODAY: '2027-01-16' });
    expect(later.lines).toEqual([LOYALTY_EXPIRED]);
    expect(later.message(LOYALTY_EXPIRED)).toContain('Flag "loyalty_points" expired on 2027-01-15 (owner: growth-team, ticket: GROW-97).');

    const onTheDay = lint({ FLAG_HYGIENE_TODAY: '2027-01-15' });
    expect(onTheDay.lines).toEqual([LOYALTY_EXPIRING]);
    expect(onTheDay.message(LOYALTY_EXPIRING)).toContain(
      'Flag "loyalty_points" expires on 2027-01-15, in less than a day (owner: growth-team, ticket: GROW-97).',
    );

    expect(lint().lines).toEqual([]);
  });
});

describe(
  'eslint --cache with settings written by hand (the README says: clear the cache after editing the manifest)',
  { timeout: 90_000 },
  () => {
    it('keeps serving the cached results after a manifest edit, which is what the helper is for', () => {
      const { lint, editManifest, cacheFile } = scene('plain');
      expect(lint().lines).toEqual([]);
      editManifest(withoutSplitShipping);
      // The cache is really in use: the stale answer comes back …
      expect(lint().lines).toEqual([]);
      expect(lint({ FLAG_HYGIENE_TODAY: '2027-01-16' }).lines).toEqual([]);
      // … until it is cleared.
      rmSync(cacheFile);
      expect(lint().lines).toEqual([SPLIT_SHIPPING_UNDECLARED]);
    });
  },
);
