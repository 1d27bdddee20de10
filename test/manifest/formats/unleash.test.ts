import { describe, expect, it } from 'vitest';
import { assessFlag } from '../../../src/manifest/index.js';
import { lines, problemsOf, read, readFixture } from '../../helpers/manifest-format-fixtures.js';

/*
 * Unleash feature exports: the features-batch export (POST /api/admin/features-batch/export:
 * features[], featureStrategies[] named by `name` with `segments` ids, featureEnvironments[] of
 * the exported environment, segments[] of { id, name }, tagTypes, ...) and the older state
 * export (GET /api/admin/state/export: features with createdAt and lastSeenAt, featureStrategies
 * with `strategyName` and `environment`, featureStrategySegments).
 */

/** An export with the given features, strategies and environments, as JSON text. */
function exportOf(parts: { features: unknown[]; featureStrategies?: unknown[]; featureEnvironments?: unknown[]; segments?: unknown[] }) {
  return JSON.stringify({ featureStrategies: [], tagTypes: [], ...parts }, null, 2);
}

function flagOf(parts: Parameters<typeof exportOf>[0], key = 'checkout') {
  const { manifest, problems } = read(exportOf(parts));
  expect(problems).toEqual([]);
  return manifest!.flags.get(key)!;
}

const CHECKOUT = { name: 'checkout', type: 'release', project: 'default', stale: false, impressionData: false, archived: false };

describe('Unleash: the features-batch export', () => {
  it('maps types (kill-switch is operational), rollouts, segments and environments', () => {
    const manifest = readFixture('unleash.features-batch-export.json');
    expect(manifest.format).toBe('unleash');
    expect([...manifest.flags.keys()]).toEqual([
      'checkout-v2',
      'disable-recommendations',
      'pricing-experiment',
      'beta-dashboard',
      'admin-exports',
    ]);
    expect(manifest.flags.get('checkout-v2')).toEqual({
      key: 'checkout-v2',
      type: 'release',
      description: 'Route orders to the rebuilt checkout',
      enabled: true,
      rolloutPercentage: 40,
      missing: ['owner', 'createdAt', 'expiresAt'],
    });
    expect(manifest.flags.get('disable-recommendations')).toEqual({
      key: 'disable-recommendations',
      type: 'operational',
      description: 'Turn off recommendations when the model service struggles',
      enabled: false,
      missing: ['owner', 'createdAt'],
    });
    expect(manifest.flags.get('beta-dashboard')).toEqual({
      key: 'beta-dashboard',
      type: 'release',
      description: 'New dashboard for beta testers',
      enabled: true,
      targetSegments: ['beta-testers'],
      missing: ['owner', 'createdAt', 'expiresAt'],
    });
  });

  it('notes stale flags, and leaves the state unknown when constraints or user lists decide it', () => {
    const manifest = readFixture('unleash.features-batch-export.json');
    expect(manifest.flags.get('pricing-experiment')).toEqual({
      key: 'pricing-experiment',
      type: 'experiment',
      notes: ['marked stale in Unleash', 'state unknown: its flexibleRollout strategy has constraints'],
      missing: ['owner', 'createdAt', 'expiresAt', 'enabled'],
    });
    // The disabled default strategy does not count; userWithId decides per user.
    expect(manifest.flags.get('admin-exports')).toMatchObject({
      type: 'permission',
      notes: ['state unknown: its userWithId strategy decides per context'],
      missing: ['owner', 'createdAt', 'enabled'],
    });
  });

  it('places a flag at its name', () => {
    const manifest = readFixture('unleash.features-batch-export.json');
    // Line 4 is '      "name": "checkout-v2",': the value starts at column 15.
    expect(manifest.positionOf('checkout-v2')).toEqual({ line: 4, column: 15 });
  });
});

describe('Unleash: the state export', () => {
  it('keeps the dates of createdAt and lastSeenAt (as lastEvaluated), in UTC', () => {
    const manifest = readFixture('unleash.state-export.json');
    expect(manifest.flags.get('checkout-v2')).toEqual({
      key: 'checkout-v2',
      type: 'release',
      description: 'Route orders to the rebuilt checkout',
      createdAt: '2026-04-30',
      lastEvaluated: '2026-11-20',
      enabled: true,
      missing: ['owner', 'expiresAt'],
    });
  });

  it('reads the production environment, and segments through featureStrategySegments', () => {
    const manifest = readFixture('unleash.state-export.json');
    expect(manifest.flags.get('old-onboarding')).toEqual({
      key: 'old-onboarding',
      type: 'release',
      description: 'Previous onboarding flow',
      createdAt: '2025-06-02',
      lastEvaluated: '2026-05-03',
      enabled: true,
      rolloutPercentage: 30,
      targetSegments: ['internal-staff'],
      notes: ['marked stale in Unleash'],
      missing: ['owner', 'expiresAt'],
    });
    // Never seen (lastSeenAt null): no lastEvaluated rather than an invented one.
    expect(manifest.flags.get('maintenance-mode')).toEqual({
      key: 'maintenance-mode',
      type: 'operational',
      description: 'Read-only mode during migrations',
      createdAt: '2024-01-15',
      enabled: false,
      missing: ['owner'],
    });
  });

  it('the lifecycle policy concludes what the export supports', () => {
    const manifest = readFixture('unleash.state-export.json');
    const assess = (key: string) => assessFlag(manifest.flags.get(key)!, { today: '2026-11-28' });
    // A release flag at 100% in production since 2026-04-30: 212 days.
    expect(assess('checkout-v2')).toMatchObject({ reasons: ['fully-rolled-out'], keep: 'on', ageDays: 212 });
    // Last seen 2026-05-03, 209 days ago; at 30% of a segment, the state keeps no path.
    expect(assess('old-onboarding')).toMatchObject({ reasons: ['not-evaluated'], keep: null });
    expect(assess('maintenance-mode')).toMatchObject({ readyForRemoval: false });
  });
});

describe('Unleash: strategies and environments', () => {
  const on = { featureName: 'checkout', enabled: true, environment: 'production' };

  it('an enabled environment without strategies is on for everyone', () => {
    expect(flagOf({ features: [CHECKOUT], featureEnvironments: [on] })).toMatchObject({ enabled: true });
  });

  it('an unconditional default strategy beside a partial rollout is on for everyone', () => {
    const featureStrategies = [
      {
        name: 'flexibleRollout',
        featureName: 'checkout',
        parameters: { rollout: '10', stickiness: 'default', groupId: 'checkout' },
        constraints: [],
        segments: [],
      },
      { name: 'default', featureName: 'checkout', parameters: {}, constraints: [], segments: [] },
    ];
    const flag = flagOf({ features: [CHECKOUT], featureStrategies, featureEnvironments: [on] });
    expect(flag.enabled).toBe(true);
    expect(flag.rolloutPercentage).toBeUndefined();
  });

  it("gradualRolloutUserId's percentage is a rollout too; several partial strategies are not one", () => {
    const gradual = {
      name: 'gradualRolloutUserId',
      featureName: 'checkout',
      parameters: { percentage: 15, groupId: 'checkout' },
      constraints: [],
    };
    expect(flagOf({ features: [CHECKOUT], featureStrategies: [gradual], featureEnvironments: [on] }).rolloutPercentage).toBe(15);
    const two = flagOf({
      features: [CHECKOUT],
      featureStrategies: [gradual, { ...gradual, parameters: { percentage: '20' } }],
      featureEnvironments: [on],
    });
    expect(two.enabled).toBeUndefined();
    expect(two.notes).toEqual(['state unknown: its 2 strategies each turn it on for some users']);
  });

  it('production is preferred to the first environment listed; without it, the first one counts', () => {
    const environments = [
      { featureName: 'checkout', enabled: true, environment: 'development' },
      { featureName: 'checkout', enabled: false, environment: 'production' },
    ];
    expect(flagOf({ features: [CHECKOUT], featureEnvironments: environments }).enabled).toBe(false);
    const staging = [
      { featureName: 'checkout', enabled: false, environment: 'staging' },
      { featureName: 'checkout', enabled: true, environment: 'qa' },
    ];
    expect(flagOf({ features: [CHECKOUT], featureEnvironments: staging }).enabled).toBe(false);
  });

  it('without any environment the state is unknown', () => {
    const flag = flagOf({ features: [CHECKOUT] });
    expect(flag.enabled).toBeUndefined();
    expect(flag.notes).toEqual(['state unknown: the export has no environment for it']);
  });

  it('reads the environments inline, as the admin API lists a feature', () => {
    const feature = {
      ...CHECKOUT,
      createdAt: '2026-01-05T23:30:00+02:00',
      environments: [
        { name: 'development', enabled: true, strategies: [] },
        {
          name: 'production',
          enabled: true,
          strategies: [{ name: 'flexibleRollout', parameters: { rollout: '5' }, constraints: [] }],
          lastSeenAt: '2026-11-27T06:00:00Z',
        },
      ],
    };
    // 23:30 at UTC+2 is 21:30 UTC, the same day.
    expect(flagOf({ features: [feature] })).toMatchObject({
      createdAt: '2026-01-05',
      enabled: true,
      rolloutPercentage: 5,
      lastEvaluated: '2026-11-27',
    });
  });

  it('reads the Unleash 3 state export: enabled and strategies on the feature', () => {
    const feature = {
      name: 'checkout',
      type: 'release',
      enabled: true,
      strategies: [{ name: 'gradualRolloutRandom', parameters: { percentage: '60' } }],
    };
    expect(flagOf({ features: [feature] })).toMatchObject({ enabled: true, rolloutPercentage: 60 });
  });
});

describe('Unleash: malformed exports', () => {
  it('features that are not a list, or no features at all when the format is set', () => {
    expect(problemsOf(lines('{', '  "features": {}', '}'), 'unleash')).toEqual([
      { field: 'features', message: 'must be a list, got an object', line: 2, column: 15 },
    ]);
    expect(problemsOf(lines('{', '  "version": 4', '}'), 'unleash')).toEqual([
      { field: 'features', message: 'is required', line: 1, column: 1 },
    ]);
  });

  it('a feature without a name, a feature exported twice, an unknown type', () => {
    const text = lines(
      '{', // 1
      '  "features": [', // 2
      '    { "type": "release" },', // 3
      '    { "name": "checkout", "type": "release" },', // 4
      '    { "name": "checkout", "type": "release" },', // 5
      '    { "name": "search", "type": "temporary" }', // 6
      '  ]', // 7
      '}', // 8
    );
    expect(problemsOf(text)).toEqual([
      { field: 'name', message: 'a feature needs a non-empty "name", got undefined undefined', line: 3, column: 5 },
      { flag: 'checkout', message: 'feature "checkout" is exported twice', line: 5, column: 15 },
      {
        flag: 'search',
        field: 'type',
        message: 'must be an Unleash flag type (release, experiment, operational, kill-switch, permission), got the string "temporary"',
        line: 6,
        column: 33,
      },
    ]);
  });

  it('dates that are not ISO 8601 date-times', () => {
    const text = lines(
      '{', // 1
      '  "features": [', // 2
      '    { "name": "checkout", "createdAt": "yesterday", "lastSeenAt": "2026-13-01T00:00:00Z" }', // 3
      '  ]', // 4
      '}', // 5
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'checkout', field: 'createdAt', message: 'must be an ISO 8601 date-time, got the string "yesterday"', line: 3, column: 40 },
      {
        flag: 'checkout',
        field: 'lastSeenAt',
        message: 'must be an ISO 8601 date-time, got the string "2026-13-01T00:00:00Z"',
        line: 3,
        column: 67,
      },
    ]);
  });

  it('a rollout that is not a percentage, in any environment, at its value', () => {
    const text = lines(
      '{', // 1
      '  "features": [{ "name": "checkout", "type": "release" }],', // 2
      '  "featureStrategies": [', // 3
      '    { "name": "flexibleRollout", "featureName": "checkout", "environment": "development",', // 4
      '      "parameters": { "rollout": "abc" }, "constraints": [] },', // 5
      '    { "name": "flexibleRollout", "featureName": "checkout", "environment": "production",', // 6
      '      "parameters": { "rollout": "150" }, "constraints": [] }', // 7
      '  ],', // 8
      '  "featureEnvironments": [{ "featureName": "checkout", "environment": "production", "enabled": true }]', // 9
      '}', // 10
    );
    expect(problemsOf(text)).toEqual([
      { flag: 'checkout', field: 'rollout', message: 'must be a percentage from 0 to 100, got the string "abc"', line: 5, column: 34 },
      { flag: 'checkout', field: 'rollout', message: 'must be a percentage from 0 to 100, got the string "150"', line: 7, column: 34 },
    ]);
  });

  it('a strategy naming a segment the export does not list', () => {
    const text = lines(
      '{', // 1
      '  "features": [{ "name": "checkout" }],', // 2
      '  "featureStrategies": [', // 3
      '    { "name": "default", "featureName": "checkout", "parameters": {}, "constraints": [], "segments": [7] }', // 4
      '  ],', // 5
      '  "segments": [{ "id": 1, "name": "beta-testers" }]', // 6
      '}', // 7
    );
    expect(problemsOf(text)).toEqual([
      {
        flag: 'checkout',
        field: 'segments',
        message: 'refers to segment number 7, which the export\'s "segments" do not list',
        line: 4,
        column: 103,
      },
    ]);
  });

  it('a feature environment without enabled', () => {
    const text = lines(
      '{', // 1
      '  "features": [{ "name": "checkout" }],', // 2
      '  "featureEnvironments": [', // 3
      '    { "featureName": "checkout", "environment": "production" }', // 4
      '  ]', // 5
      '}', // 6
    );
    expect(problemsOf(text)).toEqual([
      {
        flag: 'checkout',
        field: 'featureEnvironments',
        message: 'a feature environment needs "featureName" and "enabled" (true or false)',
        line: 4,
        column: 5,
      },
    ]);
  });
});
