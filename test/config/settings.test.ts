import { afterEach, describe, expect, it, vi } from 'vitest';
import { globMatcher } from '../../src/config/globs.js';
import { PRESETS } from '../../src/config/presets.js';
import { resolveSettings, type ResolveOptions } from '../../src/config/settings.js';
import { UserError } from '../../src/errors.js';
import { lazyLocator } from '../../src/text-positions.js';

const ROOT = '/repo';
const ORIGIN = '/repo/flag-hygiene.config.json';

function resolve(raw: unknown, options: Partial<ResolveOptions> = {}) {
  return resolveSettings(raw, { root: ROOT, origin: ORIGIN, env: {}, todayOverride: undefined, ...options });
}

/** The UserError a call throws; fails the test when it throws nothing or something else. */
function userError(call: () => unknown): UserError {
  try {
    call();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

function messages(error: UserError): string[] {
  return error.problems.map((problem) => problem.message);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('resolveSettings: defaults', () => {
  it('uses the seed preset when neither presets nor accessors are given', () => {
    const settings = resolve({});
    expect(settings.presets).toEqual(['seed']);
    const seedPatterns = PRESETS.seed.map((setting) => (typeof setting === 'string' ? setting : setting.pattern));
    expect(settings.accessors.map((accessor) => accessor.source)).toEqual(seedPatterns);
  });

  it('accepts undefined as empty settings', () => {
    expect(resolve(undefined).presets).toEqual(['seed']);
  });

  it('accessors alone replace the default preset', () => {
    const settings = resolve({ accessors: ['useUiFlag($KEY)'] });
    expect(settings.presets).toEqual([]);
    expect(settings.accessors.map((accessor) => accessor.source)).toEqual(['useUiFlag($KEY)']);
  });

  it("presets and accessors together: the presets' patterns, then the accessors", () => {
    const settings = resolve({ presets: ['unleash'], accessors: [{ pattern: 'flags.override($KEY, $STATE)', role: 'override' }] });
    expect(settings.presets).toEqual(['unleash']);
    expect(settings.accessors.at(-1)).toMatchObject({ source: 'flags.override($KEY, $STATE)', role: 'override' });
    expect(settings.accessors.length).toBe(PRESETS.unleash.length + 1);
  });

  it('the policy defaults are 30, 90 and 14 days, and a partial policy keeps the rest', () => {
    expect(resolve({}).policy).toEqual({ releaseMaxAgeDays: 30, unevaluatedDays: 90, expiringSoonDays: 14 });
    expect(resolve({ policy: { releaseMaxAgeDays: 60 } }).policy).toEqual({
      releaseMaxAgeDays: 60,
      unevaluatedDays: 90,
      expiringSoonDays: 14,
    });
  });

  it('a relative manifest path is taken from the root; an absolute one is kept', () => {
    expect(resolve({}).manifestPath).toBeUndefined();
    expect(resolve({ manifest: 'config/flags.yaml' }).manifestPath).toBe('/repo/config/flags.yaml');
    expect(resolve({ manifest: '/repo/config/flags.yaml' }).manifestPath).toBe('/repo/config/flags.yaml');
  });

  it("a manifest outside the repository is refused, naming the field; --manifest (the user's own) may be anywhere", () => {
    // /repo does not exist, so holds no .git: the root is the repository.
    for (const manifest of ['/etc/flags.yaml', '../flags.yaml']) {
      expect(messages(userError(() => resolve({ manifest })))).toEqual([
        `manifest ${JSON.stringify(manifest)} is outside the repository /repo (symlinks followed); settings may only name a manifest inside it: pass --manifest on the command line for one elsewhere`,
      ]);
    }
    expect(resolve({ manifest: '/etc/flags.yaml' }, { manifest: '/etc/other.yaml' }).manifestPath).toBe('/etc/other.yaml');
  });

  it('accepts the example configuration of the contracts', () => {
    const settings = resolve({
      manifest: 'flags.yaml',
      presets: ['openfeature'],
      accessors: [
        'flags.get($KEY)',
        '*.isEnabled($KEY)',
        'useUiFlag($KEY)',
        'uiConfig.flags.$KEY',
        '<IfFeatureEnabled feature={$KEY} />',
        { pattern: 'flags.override($KEY, $STATE)', role: 'override' },
      ],
      today: '2026-11-28',
      policy: { releaseMaxAgeDays: 30, unevaluatedDays: 90, expiringSoonDays: 14 },
      include: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
      exclude: ['**/node_modules/**', '**/dist/**'],
      tests: ['**/*.{test,spec}.*', '**/__tests__/**', 'test/**'],
    });
    expect(settings.today).toBe('2026-11-28');
    expect(settings.include).toEqual(['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}']);
    expect(settings.exclude).toEqual(['**/node_modules/**', '**/dist/**']);
    expect(settings.tests).toEqual(['**/*.{test,spec}.*', '**/__tests__/**', 'test/**']);
  });
});

describe('resolveSettings: errors name the field', () => {
  it('an unknown field, with a suggestion', () => {
    const error = userError(() => resolve({ manifst: 'flags.yaml' }));
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.file).toBe(ORIGIN);
    expect(error.problems[0]!.message).toMatch(/^manifst\b/);
    expect(error.problems[0]!.message).toContain('did you mean "manifest"');
  });

  it('the config entry flagHygiene.settings() returns, nested under settings again, says where it belongs', async () => {
    const { withCacheKey } = await import('../../src/eslint/cache-key.js');
    const error = userError(() => resolve(withCacheKey({ presets: ['openfeature'] }, { cwd: '/work', env: {} })));
    expect(error.problems).toEqual([
      {
        file: ORIGIN,
        message:
          "holds a whole config entry, what flagHygiene.settings({…}) returns: put flagHygiene.settings({…}) in the config array itself, or write settings: { 'flag-hygiene': {…} } with the plain settings object",
      },
    ]);
  });

  it('an unknown field inside policy names its full path', () => {
    const error = userError(() => resolve({ policy: { releaseMaxAgeDay: 30 } }));
    expect(messages(error)).toEqual([expect.stringMatching(/^policy\.releaseMaxAgeDay\b.*did you mean "releaseMaxAgeDays"/)]);
  });

  it('a wrong type', () => {
    expect(messages(userError(() => resolve({ presets: 'seed' })))).toEqual([expect.stringMatching(/^presets\b.*a list/)]);
    expect(messages(userError(() => resolve({ policy: { releaseMaxAgeDays: '30' } })))).toEqual([
      expect.stringMatching(/^policy\.releaseMaxAgeDays\b.*whole number/),
    ]);
  });

  it('a number out of range', () => {
    expect(messages(userError(() => resolve({ policy: { unevaluatedDays: -1 } })))).toEqual([
      expect.stringMatching(/^policy\.unevaluatedDays\b/),
    ]);
  });

  it('a preset listed twice', () => {
    expect(messages(userError(() => resolve({ presets: ['seed', 'seed'] })))).toEqual([expect.stringMatching(/^presets\b/)]);
  });

  it('an unknown preset names its index', () => {
    expect(messages(userError(() => resolve({ presets: ['seed', 'optimizely'] })))).toEqual([expect.stringMatching(/^presets\[1\]/)]);
  });

  it('an accessor pattern that does not parse names its index', () => {
    const error = userError(() => resolve({ accessors: ['flags.get($KEY)', 'flags.get($KEY'] }).accessors);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.message).toMatch(/^accessors\[1\]/);
    expect(error.problems[0]!.message).toContain('does not parse');
  });

  it('an accessor without $KEY and an override without $STATE are both reported, each at its index', () => {
    const error = userError(
      () => resolve({ accessors: ['flags.get(name)', 'flags.get($KEY)', { pattern: 'flags.force($KEY)', role: 'override' }] }).accessors,
    );
    expect(messages(error)).toEqual([expect.stringMatching(/^accessors\[0\].*\$KEY/), expect.stringMatching(/^accessors\[2\].*\$STATE/)]);
  });

  it('patterns compile when the accessors are first read, unless another problem is thrown: then all at once', () => {
    const settings = resolve({ accessors: ['flags.get(name)'] });
    expect(messages(userError(() => settings.accessors))).toEqual([expect.stringMatching(/^accessors\[0\].*\$KEY/)]);
    // Read again, the same problem (nothing was kept of the failed compile).
    expect(messages(userError(() => settings.accessors))).toEqual([expect.stringMatching(/^accessors\[0\].*\$KEY/)]);
    expect(messages(userError(() => resolve({ accessors: ['flags.get(name)'], include: ['../outside/**'] })))).toEqual([
      expect.stringMatching(/^accessors\[0\].*\$KEY/),
      expect.stringMatching(/^include\[0\]/),
    ]);
  });

  it('the detection hash follows the written accessors without compiling them', () => {
    const hash = (accessors: unknown[]) => resolve({ accessors }).detectionHash;
    expect(hash(['flags.get($KEY)'])).toBe(hash(['flags.get($KEY)']));
    expect(hash(['flags.get($KEY)'])).not.toBe(hash(['flags.is($KEY)']));
    expect(hash(['flags.get($KEY)'])).not.toBe(hash([{ pattern: 'flags.get($KEY)', returns: 'value' }]));
  });

  it('an accessor object with an unknown option names it', () => {
    const error = userError(() => resolve({ accessors: [{ pattern: 'flags.get($KEY)', rol: 'override' }] }));
    expect(messages(error)).toEqual([expect.stringMatching(/^accessors\[0\]\.rol\b.*did you mean "role"/)]);
  });

  it('an accessor of the wrong type names its index', () => {
    const error = userError(() => resolve({ accessors: [42] }));
    expect(messages(error)).toEqual([expect.stringMatching(/^accessors\[0\]/)]);
  });

  it('a role that is neither evaluate nor override', () => {
    const error = userError(() => resolve({ accessors: [{ pattern: 'flags.get($KEY)', role: 'force' }] }));
    expect(messages(error)).toEqual([expect.stringMatching(/^accessors\[0\]\.role\b/)]);
  });
});

describe('resolveSettings: positions in the config file', () => {
  it('with a locator (the CLI reads flag-hygiene.config.json), each problem has a line and column', () => {
    const text = JSON.stringify(
      { colour: 'blue', accessors: ['flags.get(key)', { pattern: 'flags.is($KEY, ' }], policy: { releaseMaxAgeDays: -1 } },
      null,
      2,
    );
    const raw: unknown = JSON.parse(text);
    const schema = userError(() => resolve(raw, { locate: lazyLocator(text) }));
    // Schema problems come first (and alone); an unknown field is placed at its key, other problems at the value.
    expect(schema.problems.map(({ line, column, message }) => `${line}:${column} ${message.split(' ')[0]}`)).toEqual([
      '2:3 colour',
      '10:26 policy.releaseMaxAgeDays',
    ]);
    const { colour: _colour, policy: _policy, ...rest } = raw as Record<string, unknown>;
    const patterns = userError(() => resolve(rest, { locate: lazyLocator(text) }).accessors);
    // An accessor with options is named as one, and placed at its pattern.
    expect(patterns.problems.map(({ line, column, message }) => `${line}:${column} ${message.split(' ')[0]}`)).toEqual([
      '4:5 accessors[0]',
      '6:18 accessors[1]',
    ]);
  });
});

describe('resolveSettings: globs (include, exclude, tests)', () => {
  it('extglob and regex syntax is taken literally, so no glob nests quantifiers', () => {
    const settings = resolve({
      include: ['app/(shop)/**/*.ts'],
      exclude: ['**/+(*a)+(a*)b', '**/*(a|aa)c', '\\(x\\)', '[(]y[)]'],
      tests: ['**/{a,aa}+c'],
    });
    expect(settings.include).toEqual(['app/[(]shop[)]/**/*.ts']);
    expect(settings.exclude).toEqual(['**/[+][(]*a[)][+][(]a*[)]b', '**/*[(]a[|]aa[)]c', '[(]x[)]', '[(]y[)]']);
    expect(settings.tests).toEqual(['**/{a,aa}[+]c']);
  });

  it('matches a hostile file name in linear time, and the literal name itself', () => {
    const settings = resolve({ tests: ['**/+(*a)+(a*)b', '**/(a|aa)+c', 'app/(shop)/**'] });
    const matches = globMatcher(settings.tests);
    const started = performance.now();
    expect(matches(`src/${'a'.repeat(250)}.ts`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(matches('src/+(xa)+(ay)b')).toBe(true);
    expect(matches('app/(shop)/page.tsx')).toBe(true);
    expect(matches('app/shop/page.tsx')).toBe(false);
  });

  it('more than three "*" in one path segment, or a glob longer than 4096 characters, is refused naming the glob', () => {
    const error = userError(() => resolve({ include: ['src/**/*.ts'], exclude: ['**/*a*a*a*a*b'], tests: ['x'.repeat(5_000)] }));
    expect(messages(error)).toEqual([
      'exclude[0] "**/*a*a*a*a*b" has 5 "*" in one path segment; at most 3 are allowed (more makes matching a long file name slow)',
      `tests[0] "${'x'.repeat(40)}…" is 5000 characters long; at most 4096 are allowed`,
    ]);
    expect(resolve({ exclude: ['**/*.{test,spec}.*', '**/**/**/x'] }).exclude).toEqual(['**/*.{test,spec}.*', '**/**/**/x']);
  });
});

describe('resolveSettings: today', () => {
  it('--today beats FLAG_HYGIENE_TODAY, which beats settings.today', () => {
    const raw = { today: '2026-01-01' };
    const env = { FLAG_HYGIENE_TODAY: '2026-02-02' };
    expect(resolve(raw, { env, todayOverride: '2026-03-03' }).today).toBe('2026-03-03');
    expect(resolve(raw, { env }).today).toBe('2026-02-02');
    expect(resolve(raw).today).toBe('2026-01-01');
  });

  it('without any of them, today is the current UTC date', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 23:30 on the 28th in UTC is already the 29th east of UTC: the UTC date is what counts.
    vi.setSystemTime(new Date('2026-11-28T23:30:00Z'));
    expect(resolve({}).today).toBe('2026-11-28');
  });

  it('an invalid --today is an error', () => {
    const error = userError(() => resolve({}, { todayOverride: '2026-02-30' }));
    expect(messages(error)).toEqual([expect.stringContaining('--today')]);
  });

  it('an invalid FLAG_HYGIENE_TODAY is an error', () => {
    const error = userError(() => resolve({}, { env: { FLAG_HYGIENE_TODAY: '28/11/2026' } }));
    expect(messages(error)).toEqual([expect.stringContaining('FLAG_HYGIENE_TODAY')]);
  });

  it('settings.today that is no real date is an error naming today', () => {
    expect(messages(userError(() => resolve({ today: '2026-02-30' })))).toEqual([expect.stringMatching(/^today\b/)]);
    expect(messages(userError(() => resolve({ today: 'tomorrow' })))).toEqual([expect.stringMatching(/^today\b/)]);
  });

  it('a leap day is a real date', () => {
    expect(resolve({ today: '2028-02-29' }).today).toBe('2028-02-29');
    expect(() => resolve({ today: '2027-02-29' })).toThrow(UserError);
  });
});
