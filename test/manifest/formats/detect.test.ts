import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { detectManifestFormat, loadManifest, loadManifestCached } from '../../../src/manifest/index.js';
import { FIXTURES, lines, read } from '../../helpers/manifest-format-fixtures.js';

describe('detectManifestFormat: the format from the content', () => {
  it.each([
    ['our format', { flags: { a: { type: 'release', owner: 'web', createdAt: '2026-01-01' } } }, 'flag-hygiene'],
    ['OpenFeature CLI: flagType', { flags: { a: { flagType: 'boolean', defaultValue: false } } }, 'openfeature'],
    ['flagd: state and variants', { flags: { a: { state: 'ENABLED', variants: { on: true }, defaultVariant: 'on' } } }, 'flagd'],
    ['flagd without state (variants only)', { flags: { a: { variants: { on: true }, defaultVariant: 'on' } } }, 'flagd'],
    ['flagd import form: flags in a list', { flags: [{ key: 'a', state: 'ENABLED' }] }, 'flagd'],
    ['Unleash: a features list', { features: [{ name: 'a', type: 'release' }], featureStrategies: [] }, 'unleash'],
    ['an empty Unleash export', { features: [] }, 'unleash'],
    [
      'ours with a stray state field: ours, so validation names the field',
      { flags: { a: { type: 'release', owner: 'web', state: { enabled: true } } } },
      'flag-hygiene',
    ],
    ['empty flags', { flags: {} }, 'flag-hygiene'],
    ['no flags at all', { version: 1 }, 'flag-hygiene'],
    ['not an object', ['a'], 'flag-hygiene'],
    ['nothing', null, 'flag-hygiene'],
  ] as const)('%s', (_name, data, format) => {
    expect(detectManifestFormat(data)).toBe(format);
  });

  it('a $schema naming a format decides, even before the flags say anything', () => {
    expect(detectManifestFormat({ $schema: 'https://flagd.dev/schema/v0/flags.json', flags: {} })).toBe('flagd');
    expect(
      detectManifestFormat({
        $schema: 'https://raw.githubusercontent.com/open-feature/cli/refs/heads/main/schema/v0/flag-manifest.json',
        flags: {},
      }),
    ).toBe('openfeature');
    // Our own schema is called flag-manifest too.
    expect(
      detectManifestFormat({ $schema: 'https://unpkg.com/eslint-plugin-flag-hygiene/schema/flag-manifest.schema.json', flags: {} }),
    ).toBe('flag-hygiene');
  });
});

describe('manifestFormat overrides detection', () => {
  const FLAGD = lines(
    'flags:',
    '  checkout:',
    '    state: ENABLED',
    '    variants: { "on": true, "off": false }',
    '    defaultVariant: "on"',
  );

  it('auto reads a flagd file as flagd', () => {
    const { manifest, problems } = read(FLAGD);
    expect(problems).toEqual([]);
    expect(manifest!.format).toBe('flagd');
  });

  it('flag-hygiene reads it as our format, which it is not: each foreign field is a problem', () => {
    const { problems } = read(FLAGD, 'flag-hygiene');
    expect(problems.map((problem) => [problem.field, problem.message])).toEqual(
      expect.arrayContaining([
        ['type', 'is required'],
        ['state', 'is not a known field'],
        ['variants', 'is not a known field'],
      ]),
    );
  });

  it('a format that does not fit says what it expected', () => {
    expect(read(FLAGD, 'unleash').problems).toEqual([{ field: 'features', message: 'is required', line: 1, column: 1 }]);
  });
});

describe('loadManifest and loadManifestCached with a format', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('loads another format, and names it', () => {
    const manifest = loadManifest(join(FIXTURES, 'unleash.state-export.json'));
    expect(manifest.format).toBe('unleash');
    expect(manifest.flags.size).toBe(3);
  });

  it('a malformed file of another format throws one UserError naming file:line:column, flag and field', () => {
    dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-formats-'));
    const path = join(dir, 'flags.flagd.yaml');
    writeFileSync(path, lines('flags:', '  checkout:', '    state: ON', '    variants: { "on": true }'));
    expect(() => loadManifest(path)).toThrow(UserError);
    expect(() => loadManifest(path)).toThrow(
      `${path}:3:12: flag "checkout", field "state": must be ENABLED or DISABLED, got the string "ON"`,
    );
  });

  it('caches per format: the same file read as another format is read again', () => {
    dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-formats-'));
    const path = join(dir, 'flags.yaml');
    writeFileSync(path, lines('flags:', '  checkout:', '    state: ENABLED', '    variants: { "on": true }', '    defaultVariant: "on"'));
    expect(loadManifestCached(path).format).toBe('flagd');
    expect(loadManifestCached(path, 'flagd').format).toBe('flagd');
    expect(() => loadManifestCached(path, 'flag-hygiene')).toThrow(/is not a known field/);
    expect(loadManifestCached(path, 'auto').flags.get('checkout')!.enabled).toBe(true);
  });
});
