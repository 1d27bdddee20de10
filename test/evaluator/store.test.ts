import { describe, expect, it } from 'vitest';
import { createFlagStore, type EvaluationRecord } from '../../src/evaluator/index.js';

const fixedClock = (iso: string) => () => new Date(iso);

function paymentStore(now = fixedClock('2026-11-20T10:00:00Z')) {
  return createFlagStore(
    [
      { key: 'new_payment_processor', enabled: true, rolloutPercentage: 10, killSwitch: false },
      { key: 'external_api_circuit_breaker', enabled: true, rolloutPercentage: 100, killSwitch: false },
    ],
    { now },
  );
}

describe('createFlagStore', () => {
  it('accepts a record keyed by flag key as well as a list', () => {
    const store = createFlagStore({ beta_banner: { enabled: true, rolloutPercentage: 100, killSwitch: false } });
    expect(store.get('beta_banner')?.key).toBe('beta_banner');
    expect(store.isEnabled('beta_banner', {})).toBe(true);
  });

  it('serves the off path for a flag it does not know, and records why', () => {
    const store = paymentStore();
    expect(store.get('nope')).toBeUndefined();
    expect(store.isEnabled('nope', { userId: 'u1' })).toBe(false);
    expect(store.evaluations().at(-1)).toMatchObject({ key: 'nope', enabled: false, reason: 'missing' });
  });

  it('override(true) forces a flag fully on, override(false) off, and reset() restores it', () => {
    const store = paymentStore();
    const users = Array.from({ length: 200 }, (_, i) => ({ userId: `u${i}` }));
    const baseline = users.filter((context) => store.isEnabled('new_payment_processor', context)).length;
    expect(baseline).toBeGreaterThan(0);
    expect(baseline).toBeLessThan(200);

    store.override('new_payment_processor', true);
    expect(users.every((context) => store.isEnabled('new_payment_processor', context))).toBe(true);
    store.override('new_payment_processor', false);
    expect(users.some((context) => store.isEnabled('new_payment_processor', context))).toBe(false);

    store.reset();
    expect(users.filter((context) => store.isEnabled('new_payment_processor', context)).length).toBe(baseline);
  });

  it("a partial override patches the stored flag, as the article's tests do", () => {
    const store = paymentStore();
    store.override('new_payment_processor', { enabled: true, rolloutPercentage: 100 });
    expect(store.get('new_payment_processor')).toEqual({
      key: 'new_payment_processor',
      enabled: true,
      rolloutPercentage: 100,
      killSwitch: false,
    });
    store.override('external_api_circuit_breaker', { killSwitch: true });
    expect(store.isEnabled('external_api_circuit_breaker', { userId: 'u' })).toBe(false);
  });

  it('an override of an unknown flag starts from off', () => {
    const store = paymentStore();
    store.override('brand_new', { enabled: true });
    expect(store.get('brand_new')).toEqual({ key: 'brand_new', enabled: true, rolloutPercentage: 0, killSwitch: false });
    expect(store.isEnabled('brand_new', { userId: 'u' })).toBe(false);
  });

  it('tells listeners which variant served each decision', () => {
    const store = paymentStore();
    const seen: EvaluationRecord[] = [];
    const unsubscribe = store.onEvaluation((record) => seen.push(record));
    store.override('external_api_circuit_breaker', { killSwitch: true });
    store.isEnabled('external_api_circuit_breaker', { userId: 'u' });
    unsubscribe();
    store.isEnabled('external_api_circuit_breaker', { userId: 'u' });
    expect(seen).toEqual([
      {
        key: 'external_api_circuit_breaker',
        enabled: false,
        reason: 'kill-switch',
        overridden: true,
        time: new Date('2026-11-20T10:00:00Z'),
      },
    ]);
  });

  it('keeps a bounded log and the last evaluation date per flag', () => {
    let day = 1;
    const store = createFlagStore([{ key: 'a', enabled: true, rolloutPercentage: 100, killSwitch: false }], {
      now: () => new Date(Date.UTC(2026, 10, day)),
      logLimit: 3,
    });
    for (; day <= 5; day++) store.isEnabled('a', { userId: 'u' });
    store.isEnabled('zzz', {});
    expect(store.evaluations().map((record) => record.key)).toEqual(['a', 'a', 'zzz']);
    expect(store.lastEvaluated()).toEqual({ a: '2026-11-05', zzz: '2026-11-06' });
  });
});
