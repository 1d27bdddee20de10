import { afterEach, describe, expect, it, vi } from 'vitest';
import { assessFlag, findStaleFlags, type ManifestFlag } from '../../src/manifest/index.js';

/*
 * The removal policy of CONTRACTS.md, on the exact boundary days. Today is fixed: policy is a pure
 * function of the manifest entry, the references and today.
 */

const TODAY = '2026-11-28';

/** A release flag fully rolled out, created and expiring far enough from today to trigger nothing. */
function release(overrides: Partial<ManifestFlag> = {}): ManifestFlag {
  return {
    key: 'new_checkout',
    type: 'release',
    owner: 'web',
    createdAt: '2026-11-20',
    expiresAt: '2027-06-01',
    enabled: true,
    rolloutPercentage: 100,
    killSwitch: false,
    ...overrides,
  };
}

function assess(flag: ManifestFlag, input: Partial<Parameters<typeof assessFlag>[1]> = {}) {
  return assessFlag(flag, { today: TODAY, ...input });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('fully-rolled-out: a release flag older than releaseMaxAgeDays (30), enabled at 100%', () => {
  it('30 days old is not yet ready; 31 days old is, keeping the on path', () => {
    const day30 = assess(release({ createdAt: '2026-10-29' }));
    expect(day30.ageDays).toBe(30);
    expect(day30.readyForRemoval).toBe(false);
    expect(day30.reasons).toEqual([]);

    const day31 = assess(release({ createdAt: '2026-10-28' }));
    expect(day31.ageDays).toBe(31);
    expect(day31).toMatchObject({ readyForRemoval: true, reasons: ['fully-rolled-out'], keep: 'on' });
  });

  it('the boundary follows a configured releaseMaxAgeDays', () => {
    const policy = { releaseMaxAgeDays: 60 };
    expect(assess(release({ createdAt: '2026-09-29' }), { policy }).reasons).toEqual([]); // 60 days
    expect(assess(release({ createdAt: '2026-09-28' }), { policy }).reasons).toEqual(['fully-rolled-out']); // 61 days
  });

  it('not when below 100%, segmented or behind a kill switch', () => {
    const old = { createdAt: '2026-01-01' };
    expect(assess(release({ ...old, rolloutPercentage: 99 })).reasons).not.toContain('fully-rolled-out');
    expect(assess(release({ ...old, targetSegments: ['beta'] })).reasons).not.toContain('fully-rolled-out');
    expect(assess(release({ ...old, killSwitch: true })).reasons).not.toContain('fully-rolled-out');
    expect(assess(release({ ...old, enabled: false })).reasons).not.toContain('fully-rolled-out');
  });

  it('an empty segment list is no segmentation', () => {
    expect(assess(release({ createdAt: '2026-01-01', targetSegments: [] })).reasons).toEqual(['fully-rolled-out']);
  });

  it('only release flags: experiment, operational and permission flags at 100% do not age out', () => {
    for (const type of ['experiment', 'operational', 'permission'] as const) {
      const assessment = assess(release({ type, createdAt: '2024-01-01' }));
      expect(assessment.readyForRemoval, type).toBe(false);
    }
  });
});

describe('expired: expiresAt is before today', () => {
  it('expiring today is not expired; expiring yesterday is', () => {
    const today = assess(release({ expiresAt: TODAY }));
    expect(today.expiresInDays).toBe(0);
    expect(today.reasons).not.toContain('expired');

    const yesterday = assess(release({ expiresAt: '2026-11-27' }));
    expect(yesterday.expiresInDays).toBe(-1);
    expect(yesterday.reasons).toContain('expired');
  });

  it('keeps the on path when enabled at 100% with no segments and no kill switch', () => {
    expect(assess(release({ expiresAt: '2026-11-27' }))).toMatchObject({ reasons: ['expired'], keep: 'on' });
  });

  it('keeps the off path when disabled or killed', () => {
    const operational = { type: 'operational' as const, expiresAt: '2026-11-27' };
    expect(assess(release({ ...operational, enabled: false }))).toMatchObject({ reasons: ['expired'], keep: 'off' });
    expect(assess(release({ ...operational, killSwitch: true }))).toMatchObject({ reasons: ['expired'], keep: 'off' });
  });

  it('keeps no path when the state decides nothing: a partial rollout, or segments', () => {
    expect(assess(release({ expiresAt: '2026-11-27', rolloutPercentage: 50 }))).toMatchObject({ reasons: ['expired'], keep: null });
    expect(assess(release({ expiresAt: '2026-11-27', targetSegments: ['beta'] }))).toMatchObject({ reasons: ['expired'], keep: null });
  });

  it('an explicit expiry applies to long-lived flag types too', () => {
    expect(assess(release({ type: 'permission', expiresAt: '2026-11-27' })).reasons).toEqual(['expired']);
  });

  it("an experiment past its expiry (the article's case)", () => {
    const experiment = release({ type: 'experiment', createdAt: '2026-10-01', expiresAt: '2026-11-01', rolloutPercentage: 50 });
    expect(assess(experiment)).toMatchObject({ readyForRemoval: true, reasons: ['expired'], keep: null, expiresInDays: -27 });
  });
});

describe('expiring soon', () => {
  it('within expiringSoonDays (14) of expiresAt, and not yet expired', () => {
    expect(assess(release({ expiresAt: '2026-12-12' })).expiringSoon).toBe(true); // 14 days
    expect(assess(release({ expiresAt: '2026-12-13' })).expiringSoon).toBe(false); // 15 days
    expect(assess(release({ expiresAt: TODAY })).expiringSoon).toBe(true);
    expect(assess(release({ expiresAt: '2026-11-27' })).expiringSoon).toBe(false);
  });

  it('follows a configured expiringSoonDays', () => {
    expect(assess(release({ expiresAt: '2026-12-05' }), { policy: { expiringSoonDays: 7 } }).expiringSoon).toBe(true);
    expect(assess(release({ expiresAt: '2026-12-06' }), { policy: { expiringSoonDays: 7 } }).expiringSoon).toBe(false);
  });

  it('a flag without expiresAt is never expiring soon', () => {
    const assessment = assess(release({ type: 'operational', expiresAt: undefined }));
    expect(assessment.expiringSoon).toBe(false);
    expect(assessment.expiresInDays).toBeUndefined();
  });
});

describe('always-off: a release or experiment flag that is disabled or killed', () => {
  it('disabled release and killed experiment flags, keeping the off path', () => {
    expect(assess(release({ enabled: false }))).toMatchObject({ readyForRemoval: true, reasons: ['always-off'], keep: 'off' });
    expect(assess(release({ type: 'experiment', killSwitch: true }))).toMatchObject({
      readyForRemoval: true,
      reasons: ['always-off'],
      keep: 'off',
    });
  });

  it('not operational or permission flags: a kill switch that is off is their job', () => {
    expect(assess(release({ type: 'operational', enabled: false })).readyForRemoval).toBe(false);
    expect(assess(release({ type: 'operational', killSwitch: true })).readyForRemoval).toBe(false);
    expect(assess(release({ type: 'permission', enabled: false })).readyForRemoval).toBe(false);
  });

  it('an enabled release flag with a partial rollout is not always off', () => {
    expect(assess(release({ rolloutPercentage: 10 })).reasons).toEqual([]);
  });
});

describe('not-evaluated: lastEvaluated older than unevaluatedDays (90)', () => {
  it('90 days ago is not; 91 days ago is, keeping the path by state', () => {
    const operational = release({ type: 'operational', expiresAt: undefined });
    expect(assess({ ...operational, lastEvaluated: '2026-08-30' }).reasons).toEqual([]); // 90 days
    expect(assess({ ...operational, lastEvaluated: '2026-08-29' })).toMatchObject({ reasons: ['not-evaluated'], keep: 'on' }); // 91 days
  });

  it('keeps the off path for a disabled flag and none for a partial rollout', () => {
    const operational = release({ type: 'operational', expiresAt: undefined, lastEvaluated: '2026-01-01' });
    expect(assess({ ...operational, enabled: false })).toMatchObject({ reasons: ['not-evaluated'], keep: 'off' });
    expect(assess({ ...operational, rolloutPercentage: 20 })).toMatchObject({ reasons: ['not-evaluated'], keep: null });
  });

  it('follows a configured unevaluatedDays', () => {
    const flag = release({ type: 'permission', expiresAt: undefined, lastEvaluated: '2026-10-29' }); // 30 days
    expect(assess(flag, { policy: { unevaluatedDays: 30 } }).reasons).toEqual([]);
    expect(assess(flag, { policy: { unevaluatedDays: 29 } }).reasons).toEqual(['not-evaluated']);
  });

  it('a flag never evaluated (no lastEvaluated) is not concluded stale by this rule', () => {
    expect(assess(release({ type: 'operational', expiresAt: undefined, createdAt: '2020-01-01' })).reasons).toEqual([]);
  });
});

describe('unreferenced: declared, but evaluated by no code outside tests', () => {
  it('is a reason, with no path to keep', () => {
    expect(assess(release(), { referencedOutsideTests: false })).toMatchObject({
      readyForRemoval: true,
      reasons: ['unreferenced'],
      keep: null,
    });
  });

  it('is never concluded when it is unknown, and not when referenced', () => {
    expect(assess(release()).reasons).toEqual([]);
    expect(assess(release(), { referencedOutsideTests: true }).reasons).toEqual([]);
  });

  it('applies to long-lived flags too: no code means nothing to keep', () => {
    expect(assess(release({ type: 'permission' }), { referencedOutsideTests: false }).reasons).toEqual(['unreferenced']);
  });
});

describe('several reasons', () => {
  it('a disabled release flag past its expiry is expired and always off, keeping off', () => {
    expect(assess(release({ enabled: false, expiresAt: '2026-11-01' }))).toMatchObject({ reasons: ['expired', 'always-off'], keep: 'off' });
  });

  it('a release flag fully rolled out long ago and past its expiry keeps on', () => {
    expect(assess(release({ createdAt: '2026-01-01', expiresAt: '2026-06-01' }))).toMatchObject({
      reasons: ['expired', 'fully-rolled-out'],
      keep: 'on',
    });
  });
});

describe('policy is pure', () => {
  it('reads no clock: the same input gives the same answer whatever the date', () => {
    const flag = release({ createdAt: '2026-10-28' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2020-01-01T00:00:00Z'));
    const early = assess(flag);
    vi.setSystemTime(new Date('2035-01-01T00:00:00Z'));
    expect(assess(flag)).toEqual(early);
    expect(early.reasons).toEqual(['fully-rolled-out']);
  });
});

describe("findStaleFlags: the article's cases", () => {
  const manifest: ManifestFlag[] = [
    // Release flags older than 30 days at 100% are stale.
    release({ key: 'new_payment_processor', createdAt: '2026-10-28' }),
    // …but not at exactly 30 days, nor below 100%.
    release({ key: 'checkout_v2', createdAt: '2026-10-29' }),
    release({ key: 'search_v2', createdAt: '2026-01-01', rolloutPercentage: 40 }),
    // Experiment flags that expired.
    release({ key: 'recommendation_v2', type: 'experiment', createdAt: '2026-10-01', expiresAt: '2026-11-27', rolloutPercentage: 50 }),
    release({ key: 'pricing_test', type: 'experiment', createdAt: '2026-10-01', expiresAt: TODAY, rolloutPercentage: 50 }),
    // Flags never evaluated in 90 days.
    release({ key: 'external_api_circuit_breaker', type: 'operational', expiresAt: undefined, lastEvaluated: '2026-08-29' }),
    release({ key: 'bulk_import', type: 'permission', expiresAt: undefined, lastEvaluated: '2026-08-30' }),
  ];

  it('returns exactly the stale flags, in manifest order, with reasons and the path to keep', () => {
    expect(findStaleFlags(manifest, { today: TODAY }).map(({ key, reasons, keep }) => ({ key, reasons, keep }))).toEqual([
      { key: 'new_payment_processor', reasons: ['fully-rolled-out'], keep: 'on' },
      { key: 'recommendation_v2', reasons: ['expired'], keep: null },
      { key: 'external_api_circuit_breaker', reasons: ['not-evaluated'], keep: 'on' },
    ]);
  });

  it('passes the policy on', () => {
    const keys = findStaleFlags(manifest, { today: TODAY, policy: { releaseMaxAgeDays: 29, unevaluatedDays: 89 } }).map((a) => a.key);
    expect(keys).toEqual(['new_payment_processor', 'checkout_v2', 'recommendation_v2', 'external_api_circuit_breaker', 'bulk_import']);
  });

  it('adds unreferenced flags when told which keys code evaluates', () => {
    const referenced = new Set([
      'new_payment_processor',
      'checkout_v2',
      'recommendation_v2',
      'pricing_test',
      'external_api_circuit_breaker',
      'bulk_import',
    ]);
    const stale = findStaleFlags(manifest, { today: TODAY, referencedOutsideTests: (key) => referenced.has(key) });
    expect(stale.map(({ key, reasons }) => ({ key, reasons }))).toEqual([
      { key: 'new_payment_processor', reasons: ['fully-rolled-out'] },
      { key: 'search_v2', reasons: ['unreferenced'] },
      { key: 'recommendation_v2', reasons: ['expired'] },
      { key: 'external_api_circuit_breaker', reasons: ['not-evaluated'] },
    ]);
  });

  it('an empty manifest has no stale flags', () => {
    expect(findStaleFlags([], { today: TODAY })).toEqual([]);
  });
});
