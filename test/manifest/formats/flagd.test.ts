import { describe, expect, it } from 'vitest';
import { assessFlag } from '../../../src/manifest/index.js';
import { lines, problemsOf, read, readFixture } from '../../helpers/manifest-format-fixtures.js';

/*
 * flagd flag definitions (flagd.dev/reference/flag-definitions, schemas json/flags.json and
 * json/targeting.json of open-feature/flagd-schemas): `flags.<key>` with state (ENABLED |
 * DISABLED), variants, defaultVariant, targeting (JSONLogic plus `fractional`, `$ref` to
 * `$evaluators`) and metadata; metadata at the flag set level too, merged under the flag's.
 */

/** One boolean flag in YAML, with extra lines under it (indented four spaces). */
function booleanFlag(...fields: string[]): string {
  return lines(
    'flags:',
    '  checkout:',
    '    state: ENABLED',
    '    variants:',
    '      "on": true',
    '      "off": false',
    ...fields.map((field) => `    ${field}`),
  );
}

function flagOf(text: string) {
  const { manifest, problems } = read(text, 'auto', 'flags.flagd.yaml');
  expect(problems).toEqual([]);
  return manifest!.flags.get('checkout')!;
}

describe('flagd: a valid flag definition file', () => {
  it("reads state, rollout and the lifecycle fields of each flag's metadata", () => {
    const manifest = readFixture('flagd.flags.json');
    expect(manifest.format).toBe('flagd');
    expect([...manifest.flags.keys()]).toEqual([
      'checkout-v2',
      'new-welcome-banner',
      'legacy-search',
      'dark-mode',
      'beta-pricing',
      'emergency-read-only',
      'header-color',
    ]);
    // Flag metadata over flag set metadata: its own owner, not the set's team.
    expect(manifest.flags.get('checkout-v2')).toEqual({
      key: 'checkout-v2',
      type: 'release',
      owner: 'payments-team',
      createdAt: '2026-05-01',
      expiresAt: '2026-08-01',
      ticket: 'PAY-123',
      enabled: true,
      rolloutPercentage: 25,
    });
    // DISABLED is off, whatever the default variant.
    expect(manifest.flags.get('legacy-search')).toEqual({
      key: 'legacy-search',
      type: 'release',
      owner: 'storefront-team',
      createdAt: '2025-11-02',
      expiresAt: '2026-02-01',
      enabled: false,
    });
    // ENABLED without targeting serves the default variant to everyone.
    expect(manifest.flags.get('dark-mode')).toMatchObject({ enabled: true, description: 'Dark colour scheme' });
    expect(manifest.flags.get('dark-mode')!.rolloutPercentage).toBeUndefined();
    // kill-switch is what our format calls operational; its default variant "off" is false.
    expect(manifest.flags.get('emergency-read-only')).toEqual({
      key: 'emergency-read-only',
      type: 'operational',
      owner: 'storefront-team',
      createdAt: '2024-03-18',
      enabled: false,
    });
  });

  it('lists what the metadata lacks as missing, and a state the file does not decide', () => {
    const manifest = readFixture('flagd.flags.json');
    expect(manifest.flags.get('new-welcome-banner')).toEqual({
      key: 'new-welcome-banner',
      type: 'release',
      owner: 'storefront-team',
      createdAt: '2026-09-01',
      missing: ['expiresAt', 'enabled'],
      notes: ['state unknown: its targeting rules decide whether it is on, per evaluation context'],
    });
    expect(manifest.flags.get('beta-pricing')!.missing).toEqual(['createdAt', 'expiresAt']);
    expect(manifest.flags.get('header-color')).toEqual({
      key: 'header-color',
      owner: 'storefront-team',
      missing: ['type', 'createdAt', 'expiresAt', 'enabled'],
      notes: ['state unknown: it serves string variants, not on and off'],
    });
    expect(manifest.flags.get('checkout-v2')!.missing).toBeUndefined();
  });

  it('follows a $ref to a shared fractional evaluator: variant "enabled" has 1 of 4 weights', () => {
    const manifest = readFixture('flagd.flags.json');
    expect(manifest.flags.get('beta-pricing')).toMatchObject({ type: 'experiment', enabled: true, rolloutPercentage: 25 });
  });

  it('reads flag definitions written in YAML', () => {
    const manifest = readFixture('flagd.flags.yaml');
    expect(manifest.format).toBe('flagd');
    expect(manifest.flags.get('one-click-buy')).toEqual({
      key: 'one-click-buy',
      type: 'release',
      owner: 'checkout-team',
      createdAt: '2026-10-01',
      expiresAt: '2027-01-15',
      enabled: true,
      rolloutPercentage: 10,
    });
  });

  it('places a flag at its key', () => {
    const manifest = readFixture('flagd.flags.json');
    // "checkout-v2" is the first key under "flags", line 9, after 4 spaces.
    expect(manifest.positionOf('checkout-v2')).toEqual({ line: 9, column: 5 });
  });

  it('the lifecycle policy uses what the file says, and only that', () => {
    const manifest = readFixture('flagd.flags.json');
    const assess = (key: string) => assessFlag(manifest.flags.get(key)!, { today: '2026-11-28' });
    // Expired on 2026-08-01, at 25%: the state does not say which path to keep.
    expect(assess('checkout-v2')).toMatchObject({ reasons: ['expired'], keep: null });
    expect(assess('legacy-search')).toMatchObject({ reasons: ['expired', 'always-off'], keep: 'off' });
    // Created 2026-01-10, on for everyone, a release flag: fully rolled out.
    expect(assess('dark-mode')).toMatchObject({ reasons: ['fully-rolled-out'], keep: 'on', ageDays: 322 });
    // No expiresAt and no known state: nothing is concluded.
    expect(assess('new-welcome-banner')).toMatchObject({ readyForRemoval: false, reasons: [] });
    // No createdAt: no age, so no fully-rolled-out even if it were at 100%.
    expect(assess('beta-pricing').ageDays).toBeUndefined();
    // Operational flags never age out, even disabled.
    expect(assess('emergency-read-only')).toMatchObject({ readyForRemoval: false });
  });
});

describe('flagd: the served state of a boolean flag', () => {
  it('a fractional split gives the share of buckets serving true, whatever the weights sum to', () => {
    expect(flagOf(booleanFlag('defaultVariant: "off"', 'targeting:', '  fractional: [["on", 1], ["off", 2]]'))).toMatchObject({
      enabled: true,
      rolloutPercentage: 33.33,
    });
    expect(flagOf(booleanFlag('defaultVariant: "off"', 'targeting:', '  fractional: [["on", 100], ["off", 0]]'))).toMatchObject({
      enabled: true,
      rolloutPercentage: 100,
    });
    expect(flagOf(booleanFlag('defaultVariant: "off"', 'targeting:', '  fractional: [["on", 0], ["off", 10]]'))).toMatchObject({
      enabled: true,
      rolloutPercentage: 0,
    });
  });

  it('a bucket without a weight weighs 1', () => {
    expect(flagOf(booleanFlag('defaultVariant: "off"', 'targeting:', '  fractional: [["on"], ["off"]]'))).toMatchObject({
      rolloutPercentage: 50,
    });
  });

  it('a bucketing expression before the buckets is not a bucket', () => {
    const flag = flagOf(booleanFlag('defaultVariant: "off"', 'targeting:', '  fractional: [{ "var": "email" }, ["on", 3], ["off", 1]]'));
    expect(flag.rolloutPercentage).toBe(75);
  });

  it('weights computed at evaluation time leave the state unknown', () => {
    const flag = flagOf(
      booleanFlag(
        'defaultVariant: "off"',
        'targeting:',
        '  fractional: [["on", { "-": [{ "var": "$flagd.timestamp" }, 1740000000] }], ["off", 100]]',
      ),
    );
    expect(flag.enabled).toBeUndefined();
    expect(flag.missing).toContain('enabled');
    expect(flag.notes).toEqual(['state unknown: its fractional weights are computed at evaluation time']);
  });

  it('a fractional split inside a condition leaves the state unknown', () => {
    const flag = flagOf(
      booleanFlag(
        'defaultVariant: "off"',
        'targeting:',
        '  if: [{ "in": ["@example.com", { "var": "email" }] }, { "fractional": [["on", 50], ["off", 50]] }, null]',
      ),
    );
    expect(flag.enabled).toBeUndefined();
    expect(flag.rolloutPercentage).toBeUndefined();
  });

  it('without targeting (or with an empty one), the default variant decides; without one, nothing does', () => {
    expect(flagOf(booleanFlag('defaultVariant: "on"')).enabled).toBe(true);
    expect(flagOf(booleanFlag('defaultVariant: "off"', 'targeting: {}')).enabled).toBe(false);
    const codeDefault = flagOf(booleanFlag('defaultVariant: null'));
    expect(codeDefault.enabled).toBeUndefined();
    expect(codeDefault.notes).toEqual(['state unknown: without a defaultVariant, the code default is served']);
  });

  it('a DISABLED flag of any variant type is off', () => {
    const text = lines(
      'flags:',
      '  banner-text:',
      '    state: DISABLED',
      '    variants:',
      '      short: Hi',
      '      long: Hello there',
      '    defaultVariant: short',
    );
    expect(read(text).manifest!.flags.get('banner-text')!.enabled).toBe(false);
  });
});

describe('flagd: lifecycle fields from metadata', () => {
  it("the flag's metadata wins over the flag set's; team stands in for owner", () => {
    const text = lines(
      'metadata:',
      '  team: growth',
      '  type: experiment',
      'flags:',
      '  checkout:',
      '    state: ENABLED',
      '    variants: { "on": true, "off": false }',
      '    defaultVariant: "on"',
      '    metadata:',
      '      type: release',
      '      createdAt: "2026-03-04T10:00:00Z"',
      '      expiresAt: "2026-06-01"',
      '      lastEvaluated: "2026-11-27"',
      '      createdBy: ana',
    );
    expect(flagOf(text)).toEqual({
      key: 'checkout',
      type: 'release',
      owner: 'growth',
      createdAt: '2026-03-04',
      expiresAt: '2026-06-01',
      lastEvaluated: '2026-11-27',
      createdBy: 'ana',
      enabled: true,
    });
  });

  it('owner is preferred to team; other metadata (flagSetId, version) is ignored', () => {
    const text = booleanFlag(
      'defaultVariant: "on"',
      'metadata:',
      '  team: storefront',
      '  owner: search-team',
      '  flagSetId: web',
      '  version: 17',
    );
    expect(flagOf(text)).toMatchObject({ owner: 'search-team' });
  });
});

describe('flagd: the import form, flags in a list with their keys', () => {
  it('reads each flag under its key, placed at the key', () => {
    const text = lines(
      'flags:', // 1
      '  - key: checkout', // 2
      '    state: ENABLED', // 3
      '    variants: { "on": true, "off": false }', // 4
      '    defaultVariant: "on"', // 5
    );
    const { manifest, problems } = read(text, 'auto', 'flags.yaml');
    expect(problems).toEqual([]);
    expect(manifest!.format).toBe('flagd');
    expect(manifest!.flags.get('checkout')).toMatchObject({ enabled: true });
    expect(manifest!.positionOf('checkout')).toEqual({ line: 2, column: 10 });
  });

  it('a listed flag without a key is a problem', () => {
    const text = lines('flags:', '  - state: ENABLED', '    variants: { "on": true }', '    defaultVariant: "on"');
    expect(problemsOf(text)).toEqual([
      { field: 'key', message: 'a flag in a list needs a non-empty "key", got undefined undefined', line: 2, column: 5 },
    ]);
  });
});

describe("flagd: malformed files, as the schema's negative examples", () => {
  it('a state other than ENABLED or DISABLED, at its value', () => {
    const text = booleanFlag('defaultVariant: "on"').replace('state: ENABLED', 'state: WILL-FAIL');
    expect(problemsOf(text)).toEqual([
      { flag: 'checkout', field: 'state', message: 'must be ENABLED or DISABLED, got the string "WILL-FAIL"', line: 3, column: 12 },
    ]);
  });

  it('missing state or variants, at the flag', () => {
    const text = lines(
      'flags:', // 1
      '  checkout:', // 2
      '    state: ENABLED', // 3
      '    defaultVariant: "on"', // 4
      '  search:', // 5
      '    variants: { "on": true, "off": false }', // 6
      '    defaultVariant: "on"', // 7
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'checkout', field: 'variants', message: 'is required', line: 2, column: 3 },
      { flag: 'search', field: 'state', message: 'is required', line: 5, column: 3 },
    ]);
  });

  it('empty variants, and variant values of mixed types', () => {
    const text = lines(
      'flags:', // 1
      '  empty:', // 2
      '    state: ENABLED', // 3
      '    variants: {}', // 4
      '  mixed:', // 5
      '    state: ENABLED', // 6
      '    variants: { "on": true, "off": "false" }', // 7
      '    defaultVariant: "on"', // 8
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'empty', field: 'variants', message: 'must map at least one variant name to its value, got an object', line: 4, column: 15 },
      {
        flag: 'mixed',
        field: 'variants',
        message: 'variant values must all be booleans, all strings, all numbers or all objects',
        line: 7,
        column: 15,
      },
    ]);
  });

  it('a defaultVariant that names no variant', () => {
    const text = lines(
      'flags:', // 1
      '  header-color:', // 2
      '    state: ENABLED', // 3
      '    variants: { red: "#c05543", green: "#2f5230" }', // 4
      '    defaultVariant: purple', // 5
    );
    expect(problemsOf(text)).toEqual([
      {
        flag: 'header-color',
        field: 'defaultVariant',
        message: 'names variant "purple", which the flag does not define (red, green)',
        line: 5,
        column: 21,
      },
    ]);
  });

  it('metadata values that are not strings, numbers or booleans', () => {
    const text = booleanFlag('defaultVariant: "on"', 'metadata:', '  invalid: { key: value }');
    // Line 9 is "      invalid: { key: value }": the value starts at column 16.
    expect(problemsOf(text)).toEqual([
      {
        flag: 'checkout',
        field: 'metadata',
        message: 'metadata values are strings, numbers or booleans, got an object',
        line: 9,
        column: 16,
      },
    ]);
  });

  it('a fractional weight that is a string, a negative weight, a bucket naming no variant', () => {
    const text = lines(
      '{', // 1
      '  "flags": {', // 2
      '    "checkout": {', // 3
      '      "state": "ENABLED",', // 4
      '      "variants": { "on": true, "off": false },', // 5
      '      "defaultVariant": "off",', // 6
      '      "targeting": {', // 7
      '        "fractional": [', // 8
      '          ["on", "25"],', // 9
      '          ["off", -5],', // 10
      '          ["maybe", 10]', // 11
      '        ]', // 12
      '      }', // 13
      '    }', // 14
      '  }', // 15
      '}', // 16
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'checkout', field: 'targeting', message: 'a fractional weight must be a number, got the string "25"', line: 9, column: 18 },
      { flag: 'checkout', field: 'targeting', message: 'a fractional weight must not be negative, got -5', line: 10, column: 19 },
      { flag: 'checkout', field: 'targeting', message: 'names variant "maybe", which the flag does not define', line: 11, column: 12 },
    ]);
  });

  it('a $ref to an evaluator that $evaluators does not define', () => {
    const text = booleanFlag('defaultVariant: "off"', 'targeting:', '  if: [{ "$ref": "emailWithFaas" }, "on", null]');
    // Line 9 is '      if: [{ "$ref": "emailWithFaas" }, "on", null]': the $ref value starts at column 22.
    expect(problemsOf(text)).toEqual([
      {
        flag: 'checkout',
        field: 'targeting',
        message: 'refers to the string "emailWithFaas", which $evaluators does not define',
        line: 9,
        column: 22,
      },
    ]);
  });

  it("a shared evaluator's problem names no flag", () => {
    const text = lines(
      '$evaluators:', // 1
      '  split:', // 2
      '    fractional: [["on", "half"], ["off", 50]]', // 3
      'flags:', // 4
      '  checkout:', // 5
      '    state: ENABLED', // 6
      '    variants: { "on": true, "off": false }', // 7
      '    defaultVariant: "off"', // 8
      '    targeting: { "$ref": split }', // 9
    );
    expect(problemsOf(text)).toEqual([
      { field: '$evaluators', message: 'a fractional weight must be a number, got the string "half"', line: 3, column: 25 },
    ]);
  });

  it("a shared evaluator's bucket that names a variant the referring flag lacks, at the bucket", () => {
    const text = lines(
      '$evaluators:', // 1
      '  split:', // 2
      '    fractional: [["yes", 1], ["no", 1]]', // 3
      'flags:', // 4
      '  checkout:', // 5
      '    state: ENABLED', // 6
      '    variants: { "on": true, "off": false }', // 7
      '    defaultVariant: "off"', // 8
      '    targeting: { "$ref": split }', // 9
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'checkout', field: 'targeting', message: 'names variant "yes", which flag "checkout" does not define', line: 3, column: 19 },
      { flag: 'checkout', field: 'targeting', message: 'names variant "no", which flag "checkout" does not define', line: 3, column: 31 },
    ]);
  });

  it('lifecycle metadata that is not a real date, not a flag type, or expires before it is created', () => {
    const text = lines(
      'flags:', // 1
      '  checkout:', // 2
      '    state: ENABLED', // 3
      '    variants: { "on": true, "off": false }', // 4
      '    defaultVariant: "on"', // 5
      '    metadata:', // 6
      '      type: temporary', // 7
      '      createdAt: "2026-02-30"', // 8
      '  search:', // 9
      '    state: ENABLED', // 10
      '    variants: { "on": true, "off": false }', // 11
      '    defaultVariant: "on"', // 12
      '    metadata: { createdAt: "2026-05-01", expiresAt: "2026-04-01" }', // 13
    );
    expect(problemsOf(text)).toEqual([
      {
        flag: 'checkout',
        field: 'metadata.type',
        message: 'must be one of release, operational, experiment, permission (or kill-switch), got the string "temporary"',
        line: 7,
        column: 13,
      },
      {
        flag: 'checkout',
        field: 'metadata.createdAt',
        message: 'must be a date (YYYY-MM-DD), got the string "2026-02-30"',
        line: 8,
        column: 18,
      },
      { flag: 'search', field: 'metadata.expiresAt', message: 'is before createdAt (2026-05-01)', line: 13, column: 53 },
    ]);
  });

  it("a flag set's metadata problem is reported once, naming no flag", () => {
    const text = lines(
      'metadata:', // 1
      '  owner: 42', // 2
      'flags:', // 3
      '  a: { state: ENABLED, variants: { "on": true }, defaultVariant: "on" }', // 4
      '  b: { state: ENABLED, variants: { "on": true }, defaultVariant: "on" }', // 5
    );
    expect(problemsOf(text)).toEqual([
      { field: 'metadata.owner', message: 'must be a non-empty string, got number 42', line: 2, column: 10 },
    ]);
  });

  it('a key defined twice is a syntax problem, as in our format', () => {
    const text = lines(
      '{',
      '  "flags": {',
      '    "a": { "state": "ENABLED", "variants": { "on": true } },',
      '    "a": { "state": "DISABLED", "variants": { "on": true } }',
      '  }',
      '}',
    );
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4 });
  });

  it('no flags, or not an object at all, when the format is set', () => {
    expect(problemsOf(lines('metadata:', '  flagSetId: web'), 'flagd')).toEqual([
      { field: 'flags', message: 'is required', line: 1, column: 1 },
    ]);
    expect(problemsOf(lines('- one', '- two'), 'flagd')).toEqual([
      { message: 'a flagd flag definition file is an object with a "flags" map', line: 1, column: 1 },
    ]);
  });
});
