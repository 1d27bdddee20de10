import { describe, expect, it } from 'vitest';
import { assessFlag } from '../../../src/manifest/index.js';
import { lines, problemsOf, read, readFixture } from '../../helpers/manifest-format-fixtures.js';

/*
 * The OpenFeature CLI flag manifest (schema/v0/flag-manifest.json of open-feature/cli):
 * `flags.<key>` with a required flagType (boolean, string, integer, float, object) and
 * defaultValue of that type, and an optional description. No state, no lifecycle data.
 */

const EVERYTHING = ['type', 'owner', 'createdAt', 'expiresAt', 'enabled'];

describe('OpenFeature CLI manifest: a valid file', () => {
  it('reads every flag type of the schema, with its description, and lists all lifecycle data as missing', () => {
    const manifest = readFixture('openfeature.flags.json');
    expect(manifest.format).toBe('openfeature');
    expect([...manifest.flags.keys()]).toEqual([
      'enableNewCheckout',
      'welcomeBanner',
      'searchPageSize',
      'loyaltyDiscount',
      'themeOverrides',
    ]);
    expect(manifest.flags.get('enableNewCheckout')).toEqual({
      key: 'enableNewCheckout',
      description: 'Route buyers through the rebuilt checkout.',
      missing: EVERYTHING,
    });
    expect(manifest.flags.get('searchPageSize')).toEqual({ key: 'searchPageSize', missing: EVERYTHING });
    for (const flag of manifest.flags.values()) expect(flag.missing).toEqual(EVERYTHING);
  });

  it('does not read defaultValue as the state: it is what code gets when evaluation fails', () => {
    const manifest = readFixture('openfeature.flags.json');
    const flag = manifest.flags.get('enableNewCheckout')!;
    expect(flag.enabled).toBeUndefined();
    expect(flag.rolloutPercentage).toBeUndefined();
  });

  it('places a flag at its key', () => {
    const manifest = readFixture('openfeature.flags.json');
    // "enableNewCheckout" is the first key under "flags" (line 4, after 4 spaces).
    expect(manifest.positionOf('enableNewCheckout')).toEqual({ line: 4, column: 5 });
  });

  it('the policy concludes nothing it would need lifecycle data for; unreferenced needs none', () => {
    const manifest = readFixture('openfeature.flags.json');
    for (const flag of manifest.flags.values()) {
      const referenced = assessFlag(flag, { today: '2026-11-28', referencedOutsideTests: true });
      expect(referenced).toEqual({ key: flag.key, readyForRemoval: false, reasons: [], keep: null, expiringSoon: false });
      expect(assessFlag(flag, { today: '2026-11-28', referencedOutsideTests: false }).reasons).toEqual(['unreferenced']);
    }
  });

  it('reads the same manifest written in YAML', () => {
    const { manifest, problems } = read(
      lines('flags:', '  enableBeta:', '    flagType: boolean', '    defaultValue: true', '    description: Beta features'),
      'auto',
      'flags.yaml',
    );
    expect(problems).toEqual([]);
    expect(manifest!.format).toBe('openfeature');
    expect(manifest!.flags.get('enableBeta')).toEqual({ key: 'enableBeta', description: 'Beta features', missing: EVERYTHING });
  });
});

describe('OpenFeature CLI manifest: malformed files, each problem at its flag and field', () => {
  it('an unknown flagType, at its value', () => {
    const text = lines(
      '{', // 1
      '  "flags": {', // 2
      '    "enableBeta": {', // 3
      '      "flagType": "bool",', // 4
      '      "defaultValue": false', // 5
      '    }', // 6
      '  }', // 7
      '}', // 8
    );
    expect(problemsOf(text)).toEqual([
      {
        flag: 'enableBeta',
        field: 'flagType',
        message: 'must be one of boolean, string, integer, float, object, got the string "bool"',
        line: 4,
        column: 19,
      },
    ]);
  });

  it('a missing flagType or defaultValue, at the flag', () => {
    const text = lines(
      '{', // 1
      '  "flags": {', // 2
      '    "welcomeBanner": {', // 3
      '      "flagType": "string"', // 4
      '    },', // 5
      '    "maxItems": {', // 6
      '      "defaultValue": 3', // 7
      '    }', // 8
      '  }', // 9
      '}', // 10
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'welcomeBanner', field: 'defaultValue', message: 'is required', line: 3, column: 5 },
      { flag: 'maxItems', field: 'flagType', message: 'is required', line: 6, column: 5 },
    ]);
  });

  it('a defaultValue of the wrong type for its flagType', () => {
    const text = lines(
      '{', // 1
      '  "flags": {', // 2
      '    "enableBeta": { "flagType": "boolean", "defaultValue": "false" },', // 3
      '    "pageSize": { "flagType": "integer", "defaultValue": 2.5 },', // 4
      '    "discount": { "flagType": "float", "defaultValue": 0.1 }', // 5
      '  }', // 6
      '}', // 7
    );
    expect(problemsOf(text)).toEqual([
      {
        flag: 'enableBeta',
        field: 'defaultValue',
        message: 'must be a boolean (flagType boolean), got the string "false"',
        line: 3,
        column: 60,
      },
      { flag: 'pageSize', field: 'defaultValue', message: 'must be an integer (flagType integer), got number 2.5', line: 4, column: 58 },
    ]);
  });

  it('an empty flag key (the schema asks for at least one character)', () => {
    const text = lines('{', '  "flags": {', '    "": { "flagType": "boolean", "defaultValue": true }', '  }', '}');
    expect(problemsOf(text)).toEqual([{ flag: '', message: 'a flag key must not be empty', line: 3, column: 5 }]);
  });

  it('a non-string description', () => {
    const text = lines('{', '  "flags": {', '    "beta": { "flagType": "boolean", "defaultValue": true, "description": 7 }', '  }', '}');
    expect(problemsOf(text)).toEqual([
      { flag: 'beta', field: 'description', message: 'must be a string, got number 7', line: 3, column: 75 },
    ]);
  });

  it('flags that are not a map, or no flags at all, when the format is set', () => {
    expect(problemsOf(lines('{', '  "flags": []', '}'), 'openfeature')).toEqual([
      { field: 'flags', message: 'must be a map of flag keys to flags, got a list', line: 2, column: 12 },
    ]);
    expect(problemsOf(lines('{', '  "version": 1', '}'), 'openfeature')).toEqual([
      { field: 'flags', message: 'is required', line: 1, column: 1 },
    ]);
  });

  it('a JSON syntax error, with its position', () => {
    const text = lines('{', '  "flags": {', '    "beta": { "flagType": "boolean" "defaultValue": true }', '  }', '}');
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3 });
  });
});
