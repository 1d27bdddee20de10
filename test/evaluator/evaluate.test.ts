import { describe, expect, it } from 'vitest';
import { bucket, evaluateFlag, isFeatureEnabled, type FeatureFlag } from '../../src/evaluator/index.js';
import { referenceBucket, referenceMurmur3 } from '../helpers/murmur-reference.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function flag(overrides: Partial<FeatureFlag> = {}): FeatureFlag {
  return { key: 'new_payment_processor', enabled: true, rolloutPercentage: 100, killSwitch: false, ...overrides };
}

describe('the independent reference hash', () => {
  // Published MurmurHash3_x86_32 values (seed 0), so the reference itself is checked.
  it.each([
    ['', 0],
    ['hello', 0x248bfa47],
    ['The quick brown fox jumps over the lazy dog', 0x2e4ff723],
  ])('hashes %j to its published value', (text, expected) => {
    expect(referenceMurmur3(utf8(text))).toBe(expected);
  });
});

describe('bucket', () => {
  it.each([
    ['ascii key and id', 'new_payment_processor', 'user-42'],
    ['2-byte UTF-8', 'checkout-ü', 'müller'],
    ['3-byte UTF-8', '推荐算法', '用户-7'],
    ['4-byte UTF-8 (surrogate pairs in JS)', 'launch-🚀', '🧑‍💻'],
    ['combining characters are not normalised', 'cafe\u0301', 'e\u0301'],
    ['a tail of one byte', 'k', 'abcd'],
    ['a tail of two bytes', 'k', 'abcde'],
    ['a tail of three bytes', 'k', 'abcdef'],
    ['a very long id', 'recommendation_v2', 'x'.repeat(5000)],
  ])('agrees with the byte-level reference for %s', (_name, key, unitId) => {
    expect(bucket(key, unitId)).toBe(referenceBucket(key, unitId));
  });

  it('hashes UTF-8 bytes, not UTF-16 code units or Latin-1', () => {
    const key = 'ø';
    const id = '你好';
    const latin1 = (referenceMurmur3(Buffer.from(`${key}:${id}`, 'latin1')) % 100) + 1;
    const utf16 = (referenceMurmur3(Buffer.from(`${key}:${id}`, 'utf16le')) % 100) + 1;
    const expected = referenceBucket(key, id);
    expect(bucket(key, id)).toBe(expected);
    // The three encodings give three different buckets here, so the check above is discriminating.
    expect(new Set([expected, latin1, utf16]).size).toBe(3);
  });

  it('stays within 1..100', () => {
    for (let i = 0; i < 5000; i++) {
      const value = bucket('range-check', `u${i}`);
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThanOrEqual(100);
    }
  });
});

describe('Unleash compatibility (client-specification vectors, group id = flag key)', () => {
  // From Unleash's public client specification: 10-flexible-rollout-strategy.json and
  // 03-gradual-rollout-user-id-strategy.json. A flexible rollout uses the flag name as group id.
  it.each([
    ['Feature.flexibleRollout.10', '174', 10, true],
    ['Feature.flexibleRollout.10', '499', 10, false],
    ['Feature.flexibleRollout.userId.55', '25', 55, true],
    ['Feature.flexibleRollout.sessionId.42', '147', 42, true],
    ['AB12A', '122', 50, true],
    ['AB12A', '155', 50, false],
  ])('%s for unit %s at %i%% is %s', (groupId, unitId, percentage, expected) => {
    expect(isFeatureEnabled(flag({ key: groupId, rolloutPercentage: percentage }), { userId: unitId })).toBe(expected);
  });

  it('honours a stickiness field other than userId', () => {
    const sessionFlag = flag({ key: 'Feature.flexibleRollout.sessionId.42', rolloutPercentage: 42 });
    expect(isFeatureEnabled(sessionFlag, { sessionId: '147' }, { stickiness: 'sessionId' })).toBe(true);
    // Without the sticky field there is no unit: below 100% that is off.
    expect(isFeatureEnabled(sessionFlag, { userId: '147' }, { stickiness: 'sessionId' })).toBe(false);
  });
});

describe('isFeatureEnabled precedence', () => {
  const everyone = { userId: 'user-1', segment: 'beta' };

  it('a kill switch turns off a flag that is otherwise fully on', () => {
    expect(isFeatureEnabled(flag({ killSwitch: true }), everyone)).toBe(false);
    expect(evaluateFlag(flag({ killSwitch: true, enabled: false }), everyone).reason).toBe('kill-switch');
  });

  it('a disabled flag is off whatever its rollout', () => {
    expect(isFeatureEnabled(flag({ enabled: false }), everyone)).toBe(false);
    expect(evaluateFlag(flag({ enabled: false, targetSegments: ['x'] }), everyone).reason).toBe('disabled');
  });

  it('segments: only listed segments can be on; an empty list targets everyone', () => {
    const beta = flag({ targetSegments: ['beta', 'staff'] });
    expect(isFeatureEnabled(beta, { userId: 'u', segment: 'beta' })).toBe(true);
    expect(isFeatureEnabled(beta, { userId: 'u', segment: 'staff' })).toBe(true);
    expect(isFeatureEnabled(beta, { userId: 'u', segment: 'free' })).toBe(false);
    expect(isFeatureEnabled(beta, { userId: 'u' })).toBe(false);
    expect(isFeatureEnabled(flag({ targetSegments: [] }), { userId: 'u' })).toBe(true);
  });

  it('the rollout is on exactly when the bucket is at most the percentage', () => {
    const id = 'user-1234';
    const b = referenceBucket('new_payment_processor', id);
    expect(isFeatureEnabled(flag({ rolloutPercentage: b }), { userId: id })).toBe(true);
    expect(isFeatureEnabled(flag({ rolloutPercentage: b - 1 }), { userId: id })).toBe(false);
    expect(isFeatureEnabled(flag({ rolloutPercentage: 0 }), { userId: id })).toBe(false);
  });

  it('without a unit id, 100% is on and anything less is off', () => {
    expect(isFeatureEnabled(flag({ rolloutPercentage: 100 }), {})).toBe(true);
    expect(isFeatureEnabled(flag({ rolloutPercentage: 99 }), {})).toBe(false);
    expect(isFeatureEnabled(flag({ rolloutPercentage: 99 }), { userId: '' })).toBe(false);
    expect(evaluateFlag(flag({ rolloutPercentage: 99 }), { userId: '' }).reason).toBe('no-unit-id');
  });
});

describe('rollout properties', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);

  it('a unit on at p% stays on at every q > p', () => {
    for (const id of ids.slice(0, 2000)) {
      let seenOn = false;
      for (let p = 0; p <= 100; p++) {
        const on = isFeatureEnabled(flag({ key: 'monotone', rolloutPercentage: p }), { userId: id });
        if (seenOn) expect(on).toBe(true);
        seenOn ||= on;
      }
      expect(seenOn).toBe(true);
    }
  });

  it('buckets are uniform over 100k ids (chi-square, 99 degrees of freedom, alpha = 0.001)', () => {
    const counts = new Array<number>(101).fill(0);
    for (const id of ids) counts[bucket('uniformity', id)]! += 1;
    const expected = ids.length / 100;
    let chiSquare = 0;
    for (let b = 1; b <= 100; b++) chiSquare += (counts[b]! - expected) ** 2 / expected;
    expect(counts[0]).toBe(0);
    // The 0.999 quantile of chi-square with 99 degrees of freedom is 148.23.
    expect(chiSquare).toBeLessThan(148.23);
  });

  it('different flags bucket the same unit independently (2x2 chi-square, 1 df, alpha = 0.001)', () => {
    const table = [
      [0, 0],
      [0, 0],
    ];
    for (const id of ids) {
      const a = bucket('flag-a', id) <= 50 ? 1 : 0;
      const b = bucket('flag-b', id) <= 50 ? 1 : 0;
      table[a]![b]! += 1;
    }
    const n = ids.length;
    let chiSquare = 0;
    for (const a of [0, 1]) {
      for (const b of [0, 1]) {
        const rowTotal = table[a]![0]! + table[a]![1]!;
        const columnTotal = table[0]![b]! + table[1]![b]!;
        const expected = (rowTotal * columnTotal) / n;
        chiSquare += (table[a]![b]! - expected) ** 2 / expected;
      }
    }
    // The 0.999 quantile of chi-square with 1 degree of freedom is 10.83.
    expect(chiSquare).toBeLessThan(10.83);
    // And the same unit does land in different buckets for different flags.
    const differing = ids.slice(0, 1000).filter((id) => bucket('flag-a', id) !== bucket('flag-b', id)).length;
    expect(differing).toBeGreaterThan(950);
  });

  it('is deterministic: the same input always gives the same answer', () => {
    const subject = flag({ key: 'recommendation_v2', rolloutPercentage: 37 });
    const first = ids.slice(0, 500).map((id) => isFeatureEnabled(subject, { userId: id }));
    const second = ids.slice(0, 500).map((id) => isFeatureEnabled(subject, { userId: id }));
    expect(second).toEqual(first);
  });
});
