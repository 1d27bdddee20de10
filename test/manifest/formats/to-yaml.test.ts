import { describe, expect, it } from 'vitest';
import { manifestYamlOf, readManifestText, type ManifestFlag } from '../../../src/manifest/index.js';
import { readFixture } from '../../helpers/manifest-format-fixtures.js';

/** Reads imported YAML back as our format: the problems, as [flag, field, message]. */
function readBack(text: string) {
  const { manifest, problems } = readManifestText(text, 'flags.yaml', 'flag-hygiene');
  return { manifest: manifest!, problems: problems.map((problem) => [problem.flag, problem.field, problem.message]) };
}

/** What the reader adds that our format does not write: where it came from. */
function withoutSourceNotes({ missing: _missing, notes: _notes, ...flag }: ManifestFlag): ManifestFlag {
  return flag;
}

describe('manifestYamlOf: our YAML from another format', () => {
  it('writes one flag as the contracts write it, with TODO comments for the required fields it lacks', () => {
    const flag: ManifestFlag = {
      key: 'checkout',
      type: 'release',
      owner: 'payments-team',
      enabled: true,
      rolloutPercentage: 25,
      missing: ['createdAt', 'expiresAt'],
    };
    expect(manifestYamlOf([flag], { format: 'flagd', file: 'flags.flagd.json' })).toBe(
      [
        '# Imported by flag-hygiene from flags.flagd.json (flagd flag definitions).',
        '# flagd gives the state (DISABLED, default variant, a fractional split) and the lifecycle its metadata holds.',
        '# Carried over: what the source says. Never invented: what it does not.',
        '# Each "# TODO" line is a field the source lacks (createdAt, expiresAt): fill it in and uncomment it.',
        '# Until then `flag-hygiene check-manifest` reports it as required, and the policy cannot use it:',
        '#   createdAt: fully-rolled-out (the age of a release flag)',
        '#   expiresAt: expired, no-expired-flag',
        'flags:',
        '  checkout:',
        '    type: release',
        '    owner: payments-team',
        '    # TODO createdAt: YYYY-MM-DD',
        '    # TODO expiresAt: YYYY-MM-DD (release and experiment flags)',
        '    enabled: true',
        '    rolloutPercentage: 25',
        '',
      ].join('\n'),
    );
  });

  it('an imported flagd file is our format: its only problems are the required fields left as TODO', () => {
    const source = readFixture('flagd.flags.json');
    const { manifest, problems } = readBack(manifestYamlOf(source.flags.values(), { format: 'flagd', file: 'flags.flagd.json' }));
    // Both problems of a flag are placed at its key; their order there is the validator's.
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['new-welcome-banner', 'expiresAt', 'is required for a release flag'],
        ['beta-pricing', 'createdAt', 'is required'],
        ['beta-pricing', 'expiresAt', 'is required for an experiment flag'],
        ['header-color', 'type', 'is required'],
        ['header-color', 'createdAt', 'is required'],
      ]),
    );
    // The flags that lack nothing come back exactly as flagd said.
    for (const key of ['checkout-v2', 'legacy-search', 'dark-mode', 'emergency-read-only']) {
      expect(manifest.flags.get(key)).toEqual(source.flags.get(key));
    }
  });

  it('filling in the TODO lines gives a valid manifest', () => {
    const source = readFixture('unleash.state-export.json');
    const imported = manifestYamlOf(source.flags.values(), { format: 'unleash', file: 'state.json' });
    const filled = imported.replace(/# TODO owner: .*/g, 'owner: growth-team').replace(/# TODO expiresAt: .*/g, 'expiresAt: 2027-01-31');
    const { manifest, problems } = readBack(filled);
    expect(problems).toEqual([]);
    for (const flag of source.flags.values()) {
      expect(manifest.flags.get(flag.key)).toEqual({
        ...withoutSourceNotes(flag),
        owner: 'growth-team',
        ...(flag.type === 'release' ? { expiresAt: '2027-01-31' } : {}),
      });
    }
  });

  it('a state the source does not decide is left out (not read as on), with the reason as a comment', () => {
    const source = readFixture('flagd.flags.json');
    const text = manifestYamlOf([source.flags.get('new-welcome-banner')!], { format: 'flagd', file: 'f.json' });
    expect(text).toContain(
      '    # enabled / rolloutPercentage: not carried over: its targeting rules decide whether it is on, per evaluation context\n',
    );
    expect(text).not.toMatch(/^ {4}enabled:/m);
  });

  it("carries segments, lastEvaluated and Unleash's stale mark (as a comment)", () => {
    const source = readFixture('unleash.state-export.json');
    const text = manifestYamlOf([source.flags.get('old-onboarding')!], { format: 'unleash', file: 'state.json' });
    expect(text).toContain(
      [
        '    rolloutPercentage: 30',
        '    targetSegments: [internal-staff]',
        '    lastEvaluated: 2026-05-03',
        '    # marked stale in Unleash',
        '',
      ].join('\n'),
    );
  });

  it('quotes what YAML would misread: keys and values with colons, hashes, line breaks, numbers and booleans', () => {
    const flags: ManifestFlag[] = [
      {
        key: 'promo: spring',
        type: 'experiment',
        owner: 'true',
        createdAt: '2026-03-01',
        expiresAt: '2026-04-01',
        ticket: '1234',
        description: 'Spring sale #2: "big"\nsecond line',
        targetSegments: ['beta testers', 'null'],
      },
    ];
    const { manifest, problems } = readBack(manifestYamlOf(flags, { format: 'openfeature', file: 'flags.json' }));
    expect(problems).toEqual([]);
    expect(manifest.flags.get('promo: spring')).toEqual(flags[0]);
  });

  it('writes a bidirectional override escaped, so the file shows what it holds; read back, such a key is refused by name', () => {
    const flag: ManifestFlag = {
      key: 'beta\u202egnp.exe',
      type: 'release',
      owner: 'web\u2066team',
      createdAt: '2026-03-01',
      expiresAt: '2026-04-01',
      enabled: true,
      rolloutPercentage: 100,
    };
    const text = manifestYamlOf([flag], { format: 'openfeature', file: 'flags.json' });
    expect(text.split('\n').slice(-8)).toEqual([
      '  "beta\\u202egnp.exe":',
      '    type: release',
      '    owner: "web\\u2066team"',
      '    createdAt: 2026-03-01',
      '    expiresAt: 2026-04-01',
      '    enabled: true',
      '    rolloutPercentage: 100',
      '',
    ]);
    // No flag SDK takes an invisible character in a key (flagKeyProblem): the flag is named, not kept.
    const { manifest, problems } = readBack(text);
    expect(problems).toEqual([
      [
        'beta\u202egnp.exe',
        undefined,
        'the key contains the invisible or control character U+202E at position 5: no flag SDK accepts it; retype the key',
      ],
    ]);
    expect(manifest.flags.has('beta\u202egnp.exe')).toBe(false);
  });

  it('writes an invisible character of a field escaped and reads it back exactly', () => {
    const flag: ManifestFlag = {
      key: 'beta',
      type: 'release',
      owner: 'web\u2066team',
      createdAt: '2026-03-01',
      expiresAt: '2026-04-01',
      enabled: true,
      rolloutPercentage: 100,
    };
    const text = manifestYamlOf([flag], { format: 'openfeature', file: 'flags.json' });
    expect(text).toContain('    owner: "web\\u2066team"\n');
    const { manifest, problems } = readBack(text);
    expect(problems).toEqual([]);
    expect(withoutSourceNotes(manifest.flags.get('beta')!)).toEqual(flag);
  });

  it('no flags at all is an empty map', () => {
    const text = manifestYamlOf([], { format: 'openfeature', file: 'flags.json' });
    expect(text.endsWith('flags: {}\n')).toBe(true);
    expect(readBack(text).problems).toEqual([]);
  });
});
