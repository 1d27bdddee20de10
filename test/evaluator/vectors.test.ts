import { describe, expect, it } from 'vitest';
import { generateVectors, isFeatureEnabled, vectorsToCsv, verifyVectors, type FeatureFlag } from '../../src/evaluator/index.js';
import { referenceBucket, referenceMurmur3 } from '../helpers/murmur-reference.js';

const NON_ASCII = /[^ -~]/u;

/** A second implementation of the article's isFeatureEnabled on top of the reference hash. */
function independentEvaluate(flag: FeatureFlag, context: { userId?: string; segment?: string }) {
  if (flag.killSwitch || !flag.enabled) return { enabled: false };
  if (flag.targetSegments?.length && !flag.targetSegments.includes(context.segment ?? '\u0000')) {
    return { enabled: false };
  }
  if (!context.userId) return { enabled: flag.rolloutPercentage === 100 };
  const b = referenceBucket(flag.key, context.userId);
  return { enabled: b <= flag.rolloutPercentage, bucket: b };
}

describe('consistency vectors', () => {
  const rows = generateVectors({ users: 40, seed: 7 });

  it('cover multi-byte keys and ids, an empty id, a very long id and both sides of a boundary', () => {
    expect(rows.some((row) => NON_ASCII.test(row.flag))).toBe(true);
    expect(rows.some((row) => /[\u{10000}-\u{10ffff}]/u.test(row.unitId))).toBe(true);
    expect(rows.some((row) => row.unitId === '' && row.bucket === null)).toBe(true);
    expect(rows.some((row) => Buffer.byteLength(row.unitId) > 1000)).toBe(true);
    const onBoundary = rows.filter((row) => row.bucket === row.rolloutPercentage && row.killSwitch === false);
    const belowBoundary = rows.filter((row) => row.bucket === row.rolloutPercentage + 1 && row.flagEnabled);
    expect(onBoundary.some((row) => row.enabled)).toBe(true);
    expect(belowBoundary.some((row) => !row.enabled)).toBe(true);
    expect(rows.some((row) => row.killSwitch)).toBe(true);
    expect(rows.some((row) => row.targetSegments.length > 0 && row.segment !== undefined)).toBe(true);
  });

  it('are reproducible from the seed, and another seed gives other ids', () => {
    expect(generateVectors({ users: 40, seed: 7 })).toEqual(rows);
    expect(generateVectors({ users: 40, seed: 8 })).not.toEqual(rows);
  });

  it('are all confirmed by an independent implementation', () => {
    const result = verifyVectors(rows, independentEvaluate);
    expect(result.mismatches).toEqual([]);
    expect(result.checked).toBe(rows.length);
  });

  it('round-trip through JSON and are confirmed by the reference evaluator', () => {
    const parsed = JSON.parse(JSON.stringify(rows)) as typeof rows;
    expect(verifyVectors(parsed, (flag, context) => isFeatureEnabled(flag, context)).mismatches).toEqual([]);
  });

  it('catch an evaluator that buckets Latin-1 instead of UTF-8', () => {
    const wrong = (flag: FeatureFlag, context: { userId?: string; segment?: string }) => {
      const right = independentEvaluate(flag, context);
      if (right.bucket === undefined || context.userId === undefined) return right;
      const b = (referenceMurmur3(Buffer.from(`${flag.key}:${context.userId}`, 'latin1')) % 100) + 1;
      return { enabled: b <= flag.rolloutPercentage, bucket: b };
    };
    const result = verifyVectors(rows, wrong);
    expect(result.mismatches.length).toBeGreaterThan(0);
    expect(result.mismatches.every((mismatch) => NON_ASCII.test(mismatch.row.flag + mismatch.row.unitId))).toBe(true);
    expect(result.mismatches.some((mismatch) => mismatch.field === 'bucket')).toBe(true);
  });

  it('catch an off-by-one at the boundary and report every mismatching row', () => {
    const offByOne = (flag: FeatureFlag, context: { userId?: string; segment?: string }) => {
      const right = independentEvaluate(flag, context);
      if (right.bucket === undefined) return right.enabled;
      return right.bucket < flag.rolloutPercentage;
    };
    const result = verifyVectors(rows, offByOne);
    const expected = rows.filter((row) => row.enabled && row.bucket === row.rolloutPercentage).length;
    expect(expected).toBeGreaterThan(0);
    expect(result.mismatches).toHaveLength(expected);
    expect(result.mismatches.every((mismatch) => mismatch.field === 'enabled' && mismatch.expected === true)).toBe(true);
  });

  it('write RFC 4180 CSV with quoting', () => {
    const csv = vectorsToCsv([
      {
        flag: 'a,"b"',
        unitId: 'line\nbreak',
        bucket: null,
        enabled: false,
        flagEnabled: true,
        killSwitch: false,
        rolloutPercentage: 5,
        targetSegments: ['x', 'y'],
      },
    ]);
    expect(csv).toBe(
      'flag,unitId,bucket,enabled,flagEnabled,killSwitch,rolloutPercentage,targetSegments,segment\r\n' +
        '"a,""b""","line\nbreak",,false,true,false,5,x|y,\r\n',
    );
  });
});
