import { describe, expect, it } from 'vitest';
import { assessFlag, type ManifestFlag } from '../../../src/manifest/index.js';

/* The policy with lifecycle data another format lacks: it concludes only what the data supports. */

const TODAY = '2026-11-28';
const assess = (flag: ManifestFlag) => assessFlag(flag, { today: TODAY });

describe('assessFlag with missing lifecycle fields', () => {
  it('without createdAt there is no age, so no fully-rolled-out', () => {
    const flag: ManifestFlag = { key: 'a', type: 'release', enabled: true, missing: ['owner', 'createdAt', 'expiresAt'] };
    expect(assess(flag)).toEqual({ key: 'a', readyForRemoval: false, reasons: [], keep: null, expiringSoon: false });
  });

  it('without createdAt, an expiry still decides expired, and the state the path', () => {
    const flag: ManifestFlag = { key: 'a', type: 'release', expiresAt: '2026-11-01', enabled: false, missing: ['owner', 'createdAt'] };
    expect(assess(flag)).toEqual({
      key: 'a',
      readyForRemoval: true,
      reasons: ['expired', 'always-off'],
      keep: 'off',
      expiresInDays: -27,
      expiringSoon: false,
    });
  });

  it('without expiresAt, nothing expires or expires soon', () => {
    const flag: ManifestFlag = {
      key: 'a',
      type: 'experiment',
      createdAt: '2020-01-01',
      enabled: true,
      rolloutPercentage: 50,
      missing: ['owner', 'expiresAt'],
    };
    expect(assess(flag)).toMatchObject({ reasons: [], expiringSoon: false, ageDays: 2523 });
    expect(assess(flag).expiresInDays).toBeUndefined();
  });

  it('without a known state, neither always-off nor fully-rolled-out, and no path to keep', () => {
    const flag: ManifestFlag = {
      key: 'a',
      type: 'release',
      createdAt: '2026-01-01',
      expiresAt: '2026-06-01',
      missing: ['owner', 'enabled'],
    };
    expect(assess(flag)).toMatchObject({ reasons: ['expired'], keep: null });
  });

  it('without a type, a disabled flag is not always-off (only release and experiment flags are)', () => {
    const flag: ManifestFlag = { key: 'a', createdAt: '2026-01-01', enabled: false, missing: ['type', 'owner', 'expiresAt'] };
    expect(assess(flag).reasons).toEqual([]);
  });

  it('a stale lastEvaluated needs nothing else', () => {
    const flag: ManifestFlag = {
      key: 'a',
      lastEvaluated: '2026-05-01',
      enabled: true,
      missing: ['type', 'owner', 'createdAt', 'expiresAt'],
    };
    expect(assess(flag)).toMatchObject({ reasons: ['not-evaluated'], keep: 'on' });
  });
});
