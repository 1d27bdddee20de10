import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadManifest, loadManifestCached, readManifestText, validateManifest } from '../../src/manifest/index.js';

/** Joins lines, so positions in a test are easy to count: line n is the n-th string. */
const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** The contracts' example manifest, line by line. */
const VALID = lines(
  'flags:', // 1
  '  new_payment_processor:', // 2
  '    type: release', // 3
  '    owner: payments-team', // 4
  '    createdAt: 2026-05-01', // 5
  '    expiresAt: 2026-08-01', // 6
  '    ticket: PAY-123', // 7
  '    description: Route orders to the new payment processor', // 8
  '    enabled: true', // 9
  '    rolloutPercentage: 100', // 10
  '    targetSegments: [beta]', // 11
  '    killSwitch: false', // 12
  '    lastEvaluated: 2026-11-20', // 13
);

/** A manifest with one flag whose fields are given as YAML lines (indented under the flag at line 2). */
function oneFlag(...fields: string[]): string {
  return lines('flags:', '  checkout_v2:', ...fields.map((field) => `    ${field}`));
}

function problemsOf(text: string) {
  return readManifestText(text, 'flags.yaml').problems;
}

/**
 * A problem about a field's value, placed on the field's line: at the field's name or at its value
 * (the contracts ask for a position naming the field, not for one of the two).
 */
function atField(flag: string, field: string, line: number, nameColumn: number, valueColumn: number) {
  return expect.objectContaining({
    flag,
    field,
    line,
    column: expect.toSatisfy((column: number) => column === nameColumn || column === valueColumn),
  });
}

describe('readManifestText: a valid manifest', () => {
  it("reads the contracts' example", () => {
    const { manifest, problems } = readManifestText(VALID, 'flags.yaml');
    expect(problems).toEqual([]);
    expect(manifest!.flags.get('new_payment_processor')).toEqual({
      key: 'new_payment_processor',
      type: 'release',
      owner: 'payments-team',
      createdAt: '2026-05-01',
      expiresAt: '2026-08-01',
      ticket: 'PAY-123',
      description: 'Route orders to the new payment processor',
      enabled: true,
      rolloutPercentage: 100,
      targetSegments: ['beta'],
      killSwitch: false,
      lastEvaluated: '2026-11-20',
    });
    expect(manifest!.path).toBe('flags.yaml');
    expect(manifest!.positionOf('new_payment_processor')).toEqual({ line: 2, column: 3 });
  });

  it('operational and permission flags need no expiresAt', () => {
    const text = lines(
      'flags:',
      '  circuit_breaker:',
      '    type: operational',
      '    owner: platform',
      '    createdAt: 2025-01-01',
      '  bulk_import:',
      '    type: permission',
      '    owner: enterprise',
      '    createdAt: 2025-01-01',
    );
    const { manifest, problems } = readManifestText(text);
    expect(problems).toEqual([]);
    expect([...manifest!.flags.keys()]).toEqual(['circuit_breaker', 'bulk_import']);
  });

  it('reads a JSON manifest', () => {
    const json = JSON.stringify(
      {
        flags: {
          new_checkout: { type: 'experiment', owner: 'growth', createdAt: '2026-01-01', expiresAt: '2026-03-01', rolloutPercentage: 50 },
        },
      },
      null,
      2,
    );
    const { manifest, problems } = readManifestText(json, 'flags.json');
    expect(problems).toEqual([]);
    expect(manifest!.flags.get('new_checkout')).toMatchObject({ type: 'experiment', rolloutPercentage: 50 });
  });

  it('ignores a byte-order mark', () => {
    const { manifest, problems } = readManifestText(`\uFEFF${VALID}`);
    expect(problems).toEqual([]);
    expect([...manifest!.flags.keys()]).toEqual(['new_payment_processor']);
  });

  it('reads CRLF line endings', () => {
    const { manifest, problems } = readManifestText(VALID.replace(/\n/g, '\r\n'));
    expect(problems).toEqual([]);
    expect(manifest!.flags.get('new_payment_processor')?.owner).toBe('payments-team');
  });

  it('accepts a few YAML anchors and aliases', () => {
    const text = lines(
      'flags:',
      '  a:',
      '    type: operational',
      '    owner: &team platform',
      '    createdAt: 2025-01-01',
      '  b:',
      '    type: operational',
      '    owner: *team',
      '    createdAt: 2025-01-01',
    );
    const { manifest, problems } = readManifestText(text);
    expect(problems).toEqual([]);
    expect(manifest!.flags.get('b')?.owner).toBe('platform');
  });

  it('keeps YAML 1.2 scalars: dates stay strings, a key like `on` is a string', () => {
    const text = lines('flags:', '  on:', '    type: operational', '    owner: ops', '    createdAt: 2025-01-01');
    const { manifest, problems } = readManifestText(text);
    expect(problems).toEqual([]);
    expect(manifest!.flags.get('on')?.createdAt).toBe('2025-01-01');
  });
});

describe('readManifestText: errors name line, column, flag and field', () => {
  it('a missing owner is reported at the flag', () => {
    expect(problemsOf(oneFlag('type: operational', 'createdAt: 2026-01-01'))).toEqual([
      { message: 'is required', flag: 'checkout_v2', field: 'owner', line: 2, column: 3 },
    ]);
  });

  it('a flag whose key is digits is named as the flag, not taken for a list index', () => {
    expect(problemsOf(lines('flags:', '  "123":', '    type: operational', '    createdAt: 2026-01-01'))).toEqual([
      { message: 'is required', flag: '123', field: 'owner', line: 2, column: 3 },
    ]);
  });

  it('a flag key with a control or invisible character, or blank at an end, is an error naming the flag (issue 16 item 11)', () => {
    const flag = (key: string) =>
      lines('flags:', `  ${JSON.stringify(key)}:`, '    type: operational', '    owner: ops', '    createdAt: 2026-01-01');
    expect(problemsOf(flag('checkout\n'))).toEqual([
      {
        flag: 'checkout\n',
        line: 2,
        column: 3,
        message: 'the key contains the invisible or control character U+000A at position 9: no flag SDK accepts it; retype the key',
      },
    ]);
    expect(problemsOf(flag('new\u200bcheckout'))).toEqual([
      {
        flag: 'new\u200bcheckout',
        line: 2,
        column: 3,
        message: 'the key contains the invisible or control character U+200B at position 4: no flag SDK accepts it; retype the key',
      },
    ]);
    expect(problemsOf(flag(' checkout'))).toEqual([
      { flag: ' checkout', line: 2, column: 3, message: 'the key starts or ends with a space: no flag SDK accepts it; remove the space' },
    ]);
    expect(problemsOf(flag(''))).toEqual([{ flag: '', line: 2, column: 3, message: 'is an empty flag key' }]);
    // Keys the SDKs take: dots, dashes, colons, slashes, and letters beyond ASCII.
    for (const key of ['billing.new-checkout', 'team:checkout/v2', 'café_flag']) expect(problemsOf(flag(key))).toEqual([]);
    const { manifest } = readManifestText(flag('checkout\n'), 'flags.yaml');
    expect(manifest === undefined || !manifest.flags.has('checkout\n')).toBe(true);
  });

  it('a missing createdAt', () => {
    expect(problemsOf(oneFlag('type: operational', 'owner: web'))).toEqual([
      expect.objectContaining({ flag: 'checkout_v2', field: 'createdAt', line: 2, column: 3 }),
    ]);
  });

  it('a missing type', () => {
    expect(problemsOf(oneFlag('owner: web', 'createdAt: 2026-01-01'))).toEqual([
      expect.objectContaining({ flag: 'checkout_v2', field: 'type', line: 2, column: 3 }),
    ]);
  });

  it('expiresAt is required for release and experiment flags', () => {
    for (const type of ['release', 'experiment']) {
      expect(problemsOf(oneFlag(`type: ${type}`, 'owner: web', 'createdAt: 2026-01-01'))).toEqual([
        {
          message: `is required for ${type === 'release' ? 'a release' : 'an experiment'} flag`,
          flag: 'checkout_v2',
          field: 'expiresAt',
          line: 2,
          column: 3,
        },
      ]);
    }
  });

  it('an unknown type', () => {
    const problems = problemsOf(oneFlag('type: rollout', 'owner: web', 'createdAt: 2026-01-01'));
    expect(problems).toEqual([atField('checkout_v2', 'type', 3, 5, 11)]);
    expect(problems[0]!.message).toContain('"release"');
  });

  it('rolloutPercentage above 100 or below 0, at the value', () => {
    const base = ['type: operational', 'owner: web', 'createdAt: 2026-01-01'];
    const over = problemsOf(oneFlag(...base, 'rolloutPercentage: 101'));
    expect(over).toEqual([atField('checkout_v2', 'rolloutPercentage', 6, 5, 24)]);
    expect(over[0]!.message).toContain('100');
    const under = problemsOf(oneFlag(...base, 'rolloutPercentage: -1'));
    expect(under).toEqual([atField('checkout_v2', 'rolloutPercentage', 6, 5, 24)]);
    expect(under[0]!.message).toContain('0');
    expect(problemsOf(oneFlag(...base, 'rolloutPercentage: 0'))).toEqual([]);
    expect(problemsOf(oneFlag(...base, 'rolloutPercentage: 100'))).toEqual([]);
  });

  it('wrong types', () => {
    const base = ['type: operational', 'owner: web', 'createdAt: 2026-01-01'];
    expect(problemsOf(oneFlag(...base, 'rolloutPercentage: "50"'))).toEqual([atField('checkout_v2', 'rolloutPercentage', 6, 5, 24)]);
    // YAML 1.2: `yes` is a string, not a boolean.
    expect(problemsOf(oneFlag(...base, 'enabled: yes'))).toEqual([atField('checkout_v2', 'enabled', 6, 5, 14)]);
    expect(problemsOf(oneFlag(...base, 'targetSegments: beta'))).toEqual([atField('checkout_v2', 'targetSegments', 6, 5, 21)]);
    expect(problemsOf(oneFlag(...base, 'killSwitch: 1'))).toEqual([atField('checkout_v2', 'killSwitch', 6, 5, 17)]);
    expect(problemsOf(oneFlag('type: operational', 'owner: ""', 'createdAt: 2026-01-01'))).toEqual([
      atField('checkout_v2', 'owner', 4, 5, 12),
    ]);
  });

  it('a date that is not written YYYY-MM-DD', () => {
    expect(problemsOf(oneFlag('type: operational', 'owner: web', 'createdAt: 2026-5-1'))).toEqual([
      atField('checkout_v2', 'createdAt', 5, 5, 16),
    ]);
  });

  it('a date that is not a real calendar date: 2026-02-30', () => {
    const problems = problemsOf(oneFlag('type: release', 'owner: web', 'createdAt: 2026-01-01', 'expiresAt: 2026-02-30'));
    expect(problems).toEqual([atField('checkout_v2', 'expiresAt', 6, 5, 16)]);
    expect(problems[0]!.message).toContain('2026-02-30');
    expect(problemsOf(oneFlag('type: operational', 'owner: web', 'createdAt: 2026-01-01', 'lastEvaluated: 2026-13-01'))).toEqual([
      atField('checkout_v2', 'lastEvaluated', 6, 5, 20),
    ]);
  });

  it('expiresAt before createdAt', () => {
    expect(problemsOf(oneFlag('type: release', 'owner: web', 'createdAt: 2026-05-01', 'expiresAt: 2026-04-30'))).toEqual([
      atField('checkout_v2', 'expiresAt', 6, 5, 16),
    ]);
  });

  it('an unknown field, with "did you mean", at the field\'s name', () => {
    const [problem] = problemsOf(oneFlag('type: operational', 'ownr: web', 'owner: web', 'createdAt: 2026-01-01'));
    expect(problem).toEqual({
      message: 'is not a known field (did you mean "owner"?)',
      flag: 'checkout_v2',
      field: 'ownr',
      line: 4,
      column: 5,
    });
  });

  it('an unknown field far from any known one gets no guess', () => {
    const [problem] = problemsOf(oneFlag('type: operational', 'owner: web', 'createdAt: 2026-01-01', 'colour: blue'));
    expect(problem).toEqual({ message: 'is not a known field', flag: 'checkout_v2', field: 'colour', line: 6, column: 5 });
  });

  it('an unknown top-level field is placed and suggests "flags"', () => {
    const problems = problemsOf(lines('# the flags', 'flag:', '  checkout_v2:', '    type: operational'));
    const unknown = problems.find((problem) => problem.message.includes('known field'));
    expect(unknown).toMatchObject({ line: 2, column: 1 });
    expect(unknown!.message).toContain('did you mean "flags"');
  });

  it('top-level problems name their field: a missing "flags", an unknown "version", a "flags" that is no map', () => {
    // What a user reads: `flags.yaml:L:C: <field, if any>: <message>` — the field must be in it.
    const described = (text: string) => problemsOf(text).map((problem) => `${problem.field ?? ''}: ${problem.message}`);
    expect(described(lines('version: 1'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/\bflags\b/), expect.stringMatching(/\bversion\b/)]),
    );
    expect(described(lines('flags:'))).toEqual([expect.stringMatching(/\bflags\b/)]);
  });

  it('a flag that is not a map names the flag at its key', () => {
    expect(problemsOf(lines('flags:', '  checkout_v2: true'))).toEqual([
      expect.objectContaining({ flag: 'checkout_v2', line: 2, column: 3, message: expect.stringContaining('object') }),
    ]);
  });

  it('an unknown YAML tag is refused with its position, never run', () => {
    const problems = problemsOf(lines('flags:', '  a: !!js/function "function () {}"'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0]!.message).toMatch(/tag/);
  });

  it('an unknown tag on a block scalar: at the tag, naming the flag (not at the next key)', () => {
    const problems = problemsOf(
      lines('flags:', '  checkout_v2: !!js/function >', '    function () { return true }', '  other:', '    type: release'),
    );
    expect(problems).toEqual([
      {
        flag: 'checkout_v2',
        line: 2,
        column: 16,
        message: 'unknown tag !!js/function: a manifest is plain data; write the value without a tag',
      },
    ]);
  });

  it('every unknown tag, each at its tag with its flag and field; also in a file with anchors', () => {
    const tagged = lines('flags:', '  a:', '    owner: !!js/regexp /x/', '  b: !<tag:yaml.org,2002:js/function> "function () {}"');
    const expected = [
      expect.objectContaining({
        flag: 'a',
        field: 'owner',
        line: 3,
        column: 12,
        message: expect.stringMatching(/^unknown tag !!js\/regexp:/),
      }),
      expect.objectContaining({
        flag: 'b',
        line: 4,
        column: 6,
        message: expect.stringMatching(/^unknown tag !<tag:yaml\.org,2002:js\/function>:/),
      }),
    ];
    expect(problemsOf(tagged)).toEqual(expected);
    // A file with an anchor is read by the `yaml` package, which would keep the tagged value as a string.
    expect(problemsOf(`${tagged}defaults: &defaults { owner: web }\n`)).toEqual(expected);
  });

  it('a duplicate flag key names the flag and the line of the first one; also in a file with anchors', () => {
    const text = lines(
      'flags:',
      '  checkout_v2: &flag',
      '    type: operational',
      '    owner: web',
      '    createdAt: 2026-01-01',
      '  checkout_v2: *flag',
    );
    expect(problemsOf(text)).toEqual([{ line: 6, column: 3, message: 'duplicate flag "checkout_v2": already declared on line 2' }]);
  });

  it('a duplicate flag key, at the second one', () => {
    const text = lines(
      'flags:',
      '  checkout_v2:',
      '    type: operational',
      '    owner: web',
      '    createdAt: 2026-01-01',
      '  checkout_v2:',
      '    type: operational',
      '    owner: web',
      '    createdAt: 2026-01-01',
    );
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 6 });
    expect(problems[0]!.message).toMatch(/duplicate/i);
  });

  it('a duplicate flag key in a JSON manifest', () => {
    const json = [
      '{ "flags": {',
      '  "a": { "type": "operational", "owner": "x", "createdAt": "2026-01-01" },',
      '  "a": { "type": "operational", "owner": "y", "createdAt": "2026-01-01" }',
      '} }',
    ].join('\n');
    const problems = problemsOf(json);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0]!.message).toMatch(/duplicate/i);
  });

  it('a duplicate field inside a flag', () => {
    const problems = problemsOf(oneFlag('type: operational', 'owner: web', 'owner: ops', 'createdAt: 2026-01-01'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 5 });
    expect(problems[0]!.message).toMatch(/duplicate/i);
    expect(problems[0]).toEqual({
      flag: 'checkout_v2',
      field: 'owner',
      line: 5,
      column: 5,
      message: 'duplicate field: already set on line 4',
    });
  });

  it('an empty file, or one with only comments', () => {
    for (const text of ['', '   \n\n', '# flags will go here\n']) {
      expect(problemsOf(text)).toEqual([{ message: expect.stringContaining('empty'), line: 1, column: 1 }]);
    }
  });

  it('a YAML alias bomb is refused', () => {
    const bomb = lines(
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'flags: *g',
    );
    const problems = problemsOf(bomb);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/alias/);
    expect(problems[0]).toMatchObject({ line: 1, column: 1 });
  });

  it('a YAML syntax error has its position', () => {
    const problems = problemsOf(lines('flags:', '  checkout_v2:', '    type: [release', '    owner: web'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]!.column).toBeGreaterThanOrEqual(1);
  });

  it('CRLF line endings do not move positions', () => {
    const text = oneFlag('type: operational', 'owner: web', 'createdAt: 2026-01-01', 'rolloutPercentage: 101').replace(/\n/g, '\r\n');
    expect(problemsOf(text)).toEqual([atField('checkout_v2', 'rolloutPercentage', 6, 5, 24)]);
  });

  it('a byte-order mark does not move positions', () => {
    const text = `\uFEFF${oneFlag('type: operational', 'owner: web', 'createdAt: 2026-01-01', 'rolloutPercentage: 101')}`;
    expect(problemsOf(text)).toEqual([atField('checkout_v2', 'rolloutPercentage', 6, 5, 24)]);
  });

  it('errors in a JSON manifest have positions too', () => {
    const json = [
      '{', // 1
      '  "flags": {', // 2
      '    "new_checkout": {', // 3
      '      "type": "release",', // 4
      '      "owner": "growth",', // 5
      '      "createdAt": "2026-01-01",', // 6
      '      "expiresAt": "2026-03-01",', // 7
      '      "rolloutPercentage": 150', // 8
      '    }',
      '  }',
      '}',
    ].join('\n');
    expect(problemsOf(json)).toEqual([atField('new_checkout', 'rolloutPercentage', 8, 7, 28)]);
  });

  it('every problem is reported, in file order, and the valid flags are still read', () => {
    const text = lines(
      'flags:', // 1
      '  good:', // 2
      '    type: operational', // 3
      '    owner: web', // 4
      '    createdAt: 2026-01-01', // 5
      '  bad:', // 6
      '    type: release', // 7
      '    createdAt: 2026-02-30', // 8
      '    rolloutPercentage: 200', // 9
    );
    const { manifest, problems } = readManifestText(text);
    // Two fields are missing at the flag (line 6); their order between themselves does not matter.
    expect(problems.map((problem) => problem.line)).toEqual([6, 6, 8, 9]);
    expect(problems.map((problem) => [problem.flag, problem.field, problem.line])).toEqual(
      expect.arrayContaining([
        ['bad', 'owner', 6],
        ['bad', 'expiresAt', 6],
        ['bad', 'createdAt', 8],
        ['bad', 'rolloutPercentage', 9],
      ]),
    );
    expect([...manifest!.flags.keys()]).toEqual(['good']);
  });
});

describe('validateManifest on parsed data', () => {
  it('validates data without positions', () => {
    const { flags, problems } = validateManifest({ flags: { x: { type: 'permission', owner: 'sales' } } });
    expect(flags.size).toBe(0);
    expect(problems).toEqual([{ message: 'is required', flag: 'x', field: 'createdAt' }]);
  });

  it('null data is an empty manifest', () => {
    expect(validateManifest(null).problems).toEqual([expect.objectContaining({ message: expect.stringContaining('empty') })]);
  });

  it('flags must be a map', () => {
    const { problems } = validateManifest({ flags: ['a', 'b'] });
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('object') })]);
  });
});

describe('loadManifest and loadManifestCached', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const tempFile = (name: string, text: string) => {
    dir ??= mkdtempSync(join(tmpdir(), 'flag-hygiene-manifest-'));
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads a file', () => {
    const path = tempFile('flags.yaml', VALID);
    const manifest = loadManifest(path);
    expect(manifest.path).toBe(path);
    expect([...manifest.flags.keys()]).toEqual(['new_payment_processor']);
  });

  it('throws one UserError listing every problem as file:line:column with flag and field', () => {
    const path = tempFile('flags.yaml', oneFlag('type: release', 'createdAt: 2026-02-30', 'expiresAt: 2026-08-01'));
    let error: unknown;
    try {
      loadManifest(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    const problems = (error as UserError).problems;
    expect(problems).toEqual([
      { file: path, line: 2, column: 3, message: expect.stringMatching(/^flag "checkout_v2", field "owner": /) },
      {
        file: path,
        line: 4,
        column: expect.toSatisfy((column: number) => column === 5 || column === 16),
        message: expect.stringMatching(/^flag "checkout_v2", field "createdAt": /),
      },
    ]);
    expect((error as UserError).message.split('\n')[0]).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:3: flag "checkout_v2", field "owner"`),
    );
  });

  it('a key with a control character is printed escaped, never raw (issue 16 item 11)', () => {
    const path = tempFile(
      'flags.yaml',
      lines('flags:', '  "checkout\\n":', '    type: operational', '    owner: ops', '    createdAt: 2026-01-01'),
    );
    let error: unknown;
    try {
      loadManifest(path);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      {
        file: path,
        line: 2,
        column: 3,
        message:
          'flag "checkout\\n": the key contains the invisible or control character U+000A at position 9: no flag SDK accepts it; retype the key',
      },
    ]);
  });

  it('a missing file is a UserError', () => {
    expect(() => loadManifest(join(tmpdir(), 'no-such-dir-flag-hygiene', 'flags.yaml'))).toThrow(/manifest not found/);
  });

  it('loadManifestCached returns the cached manifest until the file changes', () => {
    const path = tempFile('flags.yaml', VALID);
    const first = loadManifestCached(path);
    expect(loadManifestCached(path)).toBe(first);

    writeFileSync(path, VALID.replace('payments-team', 'checkout-team'));
    expect(loadManifestCached(path).flags.get('new_payment_processor')?.owner).toBe('checkout-team');
  });

  it('loadManifestCached sees an edit of the same size (a new modification time)', () => {
    const path = tempFile('flags.yaml', VALID);
    expect(loadManifestCached(path).flags.get('new_payment_processor')?.owner).toBe('payments-team');
    const before = statSync(path).mtime;
    writeFileSync(path, VALID.replace('payments-team', 'paymentz-team'));
    const later = new Date(before.getTime() + 5_000);
    utimesSync(path, later, later);
    expect(loadManifestCached(path).flags.get('new_payment_processor')?.owner).toBe('paymentz-team');
  });

  it('loadManifestCached sees a broken manifest fixed', () => {
    const path = tempFile('flags.yaml', oneFlag('type: operational', 'createdAt: 2026-01-01'));
    expect(() => loadManifestCached(path)).toThrow(UserError);
    writeFileSync(path, oneFlag('type: operational', 'owner: web', 'createdAt: 2026-01-01'));
    expect(loadManifestCached(path).flags.get('checkout_v2')?.owner).toBe('web');
  });
});
