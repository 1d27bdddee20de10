import { execFileSync, spawn, spawnSync } from 'node:child_process';
import type * as NodeFs from 'node:fs';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { CORE_SCHEMA, load as yamlLoad } from 'js-yaml';
import { ESLint, type Linter } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parse as yamlParse } from 'yaml';
import { applyRemovalPlan, planFlagRemoval } from '../../src/codemod/index.js';
import { AccessorIndex, compileAccessor, PatternError } from '../../src/patterns/index.js';
import { resolveSettings } from '../../src/config/settings.js';
import { analyzeFile } from '../../src/detect/analyze.js';
import { parseSource } from '../../src/detect/parse-source.js';
import { UserError } from '../../src/errors.js';
import plugin from '../../src/index.js';
import { readManifestText } from '../../src/manifest/index.js';
import { formatText } from '../../src/report/format-text.js';
import { BIN, runBin, type BinResult } from '../helpers/run-bin.js';
import { hostileReport } from '../helpers/sample-report.js';
import { temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';

/*
 * Security (issue 8): nothing from a scanned repository runs; hostile patterns and globs cannot
 * hang the tool; the codemod writes only inside the root, never through a symlink, never half a
 * file; hostile text cannot drive the terminal.
 *
 * Escaping in the other formats (Markdown and HTML in Markdown, SARIF, GitHub workflow commands)
 * is tested with hostile keys, owners, descriptions and file names in test/report/.
 */

/*
 * File operations the codemod's writes can be made to fail, to see a plan applied all or nothing.
 * Everything else goes through to node:fs unchanged.
 */
const failing = vi.hoisted(() => ({ write: undefined as RegExp | undefined, rename: undefined as RegExp | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  const fault = (path: unknown, pattern: RegExp | undefined) => {
    if (pattern?.test(String(path))) throw Object.assign(new Error(`EIO: i/o error, ${String(path)}`), { code: 'EIO' });
  };
  const writeFileSync: typeof fs.writeFileSync = (path, ...rest) => {
    fault(path, failing.write);
    fs.writeFileSync(path, ...rest);
  };
  // The temporary files of src/atomic-write.ts are opened, then written through the descriptor.
  const openSync: typeof fs.openSync = (path, ...rest) => {
    fault(path, failing.write);
    return fs.openSync(path, ...rest);
  };
  const renameSync: typeof fs.renameSync = (from, to) => {
    fault(to, failing.rename);
    fs.renameSync(from, to);
  };
  return { ...fs, writeFileSync, openSync, renameSync, default: { ...fs, writeFileSync, openSync, renameSync } };
});

const folders: FixtureCopy[] = [];
afterEach(() => {
  failing.write = undefined;
  failing.rename = undefined;
  for (const folder of folders.splice(0)) folder.cleanup();
});

function folder(prefix: string): string {
  const made = temporaryDir(prefix);
  folders.push(made);
  return made.dir;
}

function write(root: string, path: string, content: string): string {
  const absolute = join(root, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return absolute;
}

const FLAGS_YAML = [
  'flags:',
  '  old_banner:',
  '    type: release',
  '    owner: web-team',
  '    createdAt: 2026-01-01',
  '    expiresAt: 2026-03-01',
  '    enabled: true',
  '    rolloutPercentage: 100',
  '  new_checkout:',
  '    type: release',
  '    owner: checkout-team',
  '    createdAt: 2026-11-01',
  '    expiresAt: 2027-03-01',
  '    enabled: true',
  '    rolloutPercentage: 50',
  '',
].join('\n');

const BANNER_TS = [
  "import { flags } from './flags';",
  '',
  "export const banner = flags.get('old_banner')?.enabled ? 'new' : 'old';",
  '',
].join('\n');
const CHECKOUT_TS = [
  "import { flags } from './flags';",
  '',
  "export const checkout = flags.get('new_checkout')?.enabled ? 'v2' : 'v1';",
  '',
].join('\n');

describe('nothing from the scanned repository is executed or required', () => {
  /** A repository whose every config-looking file would leave a marker file if anything ran it. */
  function trappedRepository(): { root: string; markers: string } {
    const root = folder('trapped');
    const markers = join(root, '.markers');
    mkdirSync(markers);
    const payload = (name: string) => `require('node:fs').writeFileSync(${JSON.stringify(join(markers, name))}, 'ran');`;
    const esmPayload = (name: string) =>
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(join(markers, name))}, 'ran');`;
    write(
      root,
      'package.json',
      JSON.stringify({ name: 'trapped', type: 'commonjs', main: 'index.js', scripts: { postinstall: payload('postinstall') } }),
    );
    write(root, 'eslint.config.js', `${payload('eslint.config.js')}\nmodule.exports = [];\n`);
    write(root, 'eslint.config.mjs', `${esmPayload('eslint.config.mjs')}\nexport default [];\n`);
    // The config names a JavaScript manifest: it must be read as text (and refused), never loaded.
    write(root, 'flag-hygiene.config.json', JSON.stringify({ manifest: 'flags.js', today: '2026-11-28' }));
    write(root, 'flags.js', `${payload('flags.js')}\nmodule.exports = { flags: {} };\n`);
    write(root, 'flags.mjs', `${esmPayload('flags.mjs')}\nexport const flags = {};\n`);
    // YAML tags that some loaders turn into code.
    write(
      root,
      'flags.yaml',
      [
        'flags:',
        `  old_banner: !!js/function "function () { ${payload('yaml-function').replaceAll('"', '\\"')} }"`,
        '  new_checkout: !!js/undefined ""',
        '  evil: !<tag:yaml.org,2002:js/function> "function () {}"',
        '',
      ].join('\n'),
    );
    write(root, 'safe-flags.yaml', FLAGS_YAML);
    // A tsconfig that extends a script and names a language-service plugin; module resolution reads it.
    write(
      root,
      'tsconfig.json',
      JSON.stringify({
        extends: './tsconfig.base.js',
        compilerOptions: { plugins: [{ name: './ts-plugin.js' }], baseUrl: '.', paths: { '@/*': ['src/*'] } },
      }),
    );
    write(root, 'tsconfig.base.js', `${payload('tsconfig.base.js')}\nmodule.exports = {};\n`);
    write(root, 'ts-plugin.js', `${payload('ts-plugin.js')}\nmodule.exports = () => ({});\n`);
    // Sources with side effects at the top level, and an import of a local package with a main script.
    write(root, 'src/flags.ts', `${payload('src-flags.ts')}\nexport const flags = { get: (key: string) => ({ key, enabled: true }) };\n`);
    write(
      root,
      'src/banner.ts',
      `${payload('src-banner.ts')}\n${BANNER_TS}import wrappers from 'evil-wrappers';\nexport const x = wrappers.isOn('new_checkout');\n`,
    );
    write(root, 'src/checkout.ts', CHECKOUT_TS.replace("from './flags'", "from '@/flags'"));
    write(
      root,
      'node_modules/evil-wrappers/package.json',
      JSON.stringify({ name: 'evil-wrappers', main: 'index.js', types: 'index.d.ts' }),
    );
    write(root, 'node_modules/evil-wrappers/index.js', `${payload('node_modules')}\nmodule.exports = { isOn: () => true };\n`);
    write(root, 'node_modules/evil-wrappers/index.d.ts', 'export declare function isOn(key: string): boolean;\n');
    return { root, markers };
  }

  it('the CLI (scan, report, check-manifest, remove) reads config and manifests as data and never runs them', () => {
    const { root, markers } = trappedRepository();
    const extra: Record<string, string[]> = {
      scan: ['--no-cache', '--no-progress'],
      report: ['--no-cache', '--no-progress'],
      remove: ['--no-cache'],
    };
    const run = (...args: string[]) => runBin([...args, ...(extra[args[0]!] ?? [])], { cwd: root });

    // The configured manifest is JavaScript: refused as a manifest, with its position, not loaded.
    const scanned = run('scan');
    expect(scanned.status).toBe(2);
    expect(scanned.stderr).toMatch(/^flag-hygiene: flags\.js(:\d+:\d+)?: [^\n]+\n/);
    expect(scanned.stderr).not.toMatch(/\n\s+at /);
    expect(run('check-manifest').status).toBe(2);
    // The YAML tags are refused, each with its position; none is turned into a function.
    const tagged = run('check-manifest', 'flags.yaml');
    expect(tagged.status).toBe(2);
    expect(tagged.stderr).toMatch(/^flag-hygiene: flags\.yaml:2:\d+: [^\n]*tag/m);
    expect(run('report', '--manifest', 'flags.yaml').status).toBe(2);
    // With a good manifest the commands work, still without running anything.
    expect(run('scan', '--manifest', 'safe-flags.yaml').status).toBe(0);
    expect(run('report', '--manifest', 'safe-flags.yaml', '--fail-on', 'none').status).toBe(0);
    const removed = run('remove', 'old_banner', '--manifest', 'safe-flags.yaml', '--dry-run');
    expect(removed.stderr).toBe('');
    expect(removed.status).toBe(0);

    expect(readdirSync(markers)).toEqual([]);
  });

  it('the ESLint rules, with the manifest setting pointing at a script or a tagged YAML file, never run them', async () => {
    const { root, markers } = trappedRepository();
    for (const manifest of ['flags.js', 'flags.mjs', 'flags.yaml']) {
      const config: Linter.Config = {
        ...(plugin.configs.all as unknown as Linter.Config),
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        settings: { 'flag-hygiene': { manifest, today: '2026-11-28' } },
      };
      // The repository's own eslint.config.* is ESLint's business (a user runs it knowingly); here
      // only the plugin is under test, so it is not loaded.
      const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [config], ignore: false });
      const results = await eslint.lintFiles(['src/**/*.ts']);
      const messages = results.flatMap((result) => result.messages);
      expect(messages.filter((message) => message.fatal)).toEqual([]);
      // The manifest's problem is reported once, as a configuration message.
      expect(messages.filter((message) => message.messageId === 'configuration').length).toBeGreaterThan(0);
    }
    expect(readdirSync(markers)).toEqual([]);
  });
});

describe('accessor patterns and globs cannot hang the tool', () => {
  /** Text the patterns are tried on: long runs of the characters hostile regexes choke on. */
  const HOSTILE_TEXT = [
    `const a = ${'a'.repeat(50_000)}!;`,
    `flags.get(${'('.repeat(100)}'k'${')'.repeat(100)});`,
    `x${'.get'.repeat(500)}('k');`,
    `${' '.repeat(50_000)}flags${' '.repeat(50_000)}.get('k');`,
    `useFlag(${'`${'.repeat(50)}k${'}`'.repeat(50)});`,
    '',
  ].join('\n');

  const PATTERNS: { name: string; pattern: string }[] = [
    { name: 'a regular expression written as the pattern', pattern: '(a+)+$' },
    { name: 'regular-expression text as the key position', pattern: '^(a|a)*$($KEY)' },
    { name: 'a regex literal as an argument (an "any" argument, never compiled)', pattern: 'flags.get($KEY, /(a+)+$/)' },
    { name: 'a regex literal as the receiver', pattern: '/(a+)+$/.test($KEY)' },
    { name: 'a call nested 20,000 deep', pattern: `${'f('.repeat(20_000)}$KEY${')'.repeat(20_000)}` },
    { name: 'an array nested 5,000 deep', pattern: `f(${'['.repeat(5_000)}$KEY${']'.repeat(5_000)})` },
    { name: 'an object nested 5,000 deep', pattern: `f(${'{ a: '.repeat(5_000)}$KEY${' }'.repeat(5_000)})` },
    { name: 'parentheses 10,000 deep', pattern: `${'('.repeat(10_000)}flags.get($KEY)${')'.repeat(10_000)}` },
    { name: 'a member chain 50,000 long', pattern: `a${'.a'.repeat(50_000)}.get($KEY)` },
    {
      name: 'an object with 20,000 properties',
      pattern: `f({ ${Array.from({ length: 20_000 }, (_, i) => `p${i}: ${i}`).join(', ')}, k: $KEY })`,
    },
    // Past ~32,000 characters V8 refuses the prefilter's regular expression ("too large"): today an internal error.
    { name: 'a receiver name of 100,000 characters', pattern: `${'x'.repeat(100_000)}.get($KEY)` },
    { name: 'regex metacharacters in property names', pattern: `new X({ '(a+)+$': { $KEY: $STATE }, '[^]*': 1, '\\\\': 2 })` },
    { name: 'a JSX pattern with a hostile element name', pattern: `<${'A.'.repeat(2_000)}B feature={$KEY} />` },
  ];

  it.each(PATTERNS.map((row) => [row.name, row] as const))(
    '%s: refused with a message, or compiled and matched in bounded time',
    (_name, { pattern }) => {
      const started = performance.now();
      let accessor;
      try {
        accessor = compileAccessor({ pattern, role: pattern.includes('$STATE') ? 'override' : 'evaluate' });
      } catch (error) {
        // A user's mistake is a PatternError (shown as one line naming accessors[i]), never a crash.
        expect(error).toBeInstanceOf(PatternError);
      }
      if (accessor !== undefined) {
        const index = new AccessorIndex([accessor]);
        index.mayMatch(HOSTILE_TEXT);
        analyzeFile(parseSource('/project/src/hostile.ts', HOSTILE_TEXT), { index, test: false, text: HOSTILE_TEXT });
      }
      expect(performance.now() - started).toBeLessThan(5_000);
    },
  );

  it('a pattern that does not compile is a user error naming the setting, through the settings', () => {
    // Patterns compile when the accessors are first read.
    expect(
      () =>
        resolveSettings(
          { accessors: ['(a+)+$', `${'f('.repeat(20_000)}$KEY${')'.repeat(20_000)}`] },
          { root: '/project', origin: 'flag-hygiene.config.json', env: {} },
        ).accessors,
    ).toThrow(UserError);
    try {
      void resolveSettings({ accessors: ['(a+)+$'] }, { root: '/project', origin: 'flag-hygiene.config.json', env: {} }).accessors;
    } catch (error) {
      expect((error as UserError).problems).toEqual([
        { file: 'flag-hygiene.config.json', message: expect.stringMatching(/^accessors\[0\] "\(a\+\)\+\$" does not parse as code/) },
      ]);
    }
  });

  it('a glob in the settings (include, exclude, tests) cannot hang a scan on a long file name', () => {
    // picomatch turns extglobs into backtracking regular expressions: `+(*a)+(a*)b` takes seconds on
    // a 26-character name and doubles with every character. The scan must refuse such a glob with a
    // message, or match it in linear time; it must not hang (killed after 20 s here).
    const root = folder('glob');
    write(root, 'flag-hygiene.config.json', JSON.stringify({ tests: ['**/+(*a)+(a*)b'], exclude: ['**/*(a|aa)*(a|aa)*(a|aa)c'] }));
    write(root, `src/${'a'.repeat(40)}.ts`, "export const x = flags.get('k');\n");
    const result = spawnSync(process.execPath, [BIN, 'scan', '--no-cache', '--no-progress', '--workers', '0'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.signal, 'the scan was killed: a glob hung it').toBeNull();
    expect([0, 2]).toContain(result.status);
    if (result.status === 2) expect(result.stderr).toMatch(/^flag-hygiene: flag-hygiene\.config\.json: (tests|exclude)\[0\][^\n]*\n$/);
  }, 40_000);
});

describe('the codemod writes only inside the root, never through a symlink, never half a file', () => {
  function repository(): { root: string; outside: string } {
    const parent = folder('codemod');
    const root = join(parent, 'repo');
    const outside = join(parent, 'outside');
    mkdirSync(outside);
    write(root, 'flag-hygiene.config.json', JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }));
    write(root, 'flags.yaml', FLAGS_YAML);
    write(root, 'src/banner.ts', BANNER_TS);
    write(root, 'src/promo/banner-copy.ts', BANNER_TS.replace('banner =', 'bannerCopy ='));
    write(root, 'src/checkout.ts', CHECKOUT_TS);
    write(outside, 'real.ts', BANNER_TS);
    return { root, outside };
  }

  const plan = (root: string) => planFlagRemoval({ key: 'old_banner', cwd: root, cache: false, workers: 0 });
  const snapshot = (paths: string[]) => paths.map((path) => (existsSync(path) ? readFileSync(path, 'utf8') : '<missing>'));

  function temporaryFiles(root: string): string[] {
    const found: string[] = [];
    const walk = (directory: string) => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(directory, entry.name));
        else if (entry.name.includes('.tmp')) found.push(join(directory, entry.name));
      }
    };
    walk(root);
    return found;
  }

  it('files linked in from outside the root are not scanned, so never planned nor written', async () => {
    const { root, outside } = repository();
    symlinkSync(join(outside, 'real.ts'), join(root, 'src/linked.ts'));
    symlinkSync(outside, join(root, 'src/linked-folder'), 'dir');
    const removal = await plan(root);
    expect(removal.changes.map((change) => change.relative).sort()).toEqual(['src/banner.ts', 'src/promo/banner-copy.ts']);
    await applyRemovalPlan(removal);
    expect(readFileSync(join(outside, 'real.ts'), 'utf8')).toBe(BANNER_TS);
    expect(readFileSync(join(root, 'src/banner.ts'), 'utf8')).not.toContain('old_banner');
  });

  it('refuses, changing nothing, when a planned file became a symlink out of the root after planning', async () => {
    const { root, outside } = repository();
    const removal = await plan(root);
    const files = [join(root, 'src/banner.ts'), join(root, 'src/promo/banner-copy.ts'), join(root, 'flags.yaml'), join(outside, 'real.ts')];
    // The attacker swaps the file for a link to a file outside with the very same text.
    rmSync(join(root, 'src/promo/banner-copy.ts'));
    symlinkSync(join(outside, 'real.ts'), join(root, 'src/promo/banner-copy.ts'));
    writeFileSync(join(outside, 'real.ts'), BANNER_TS.replace('banner =', 'bannerCopy ='));
    const before = snapshot(files);
    await expect(applyRemovalPlan(removal)).rejects.toThrow(/outside the project root|symbolic link/);
    expect(snapshot(files)).toEqual(before);
    expect(temporaryFiles(root)).toEqual([]);
  });

  it('refuses, changing nothing, when a planned folder became a symlink out of the root after planning', async () => {
    const { root, outside } = repository();
    const removal = await plan(root);
    mkdirSync(join(outside, 'promo'));
    writeFileSync(join(outside, 'promo/banner-copy.ts'), BANNER_TS.replace('banner =', 'bannerCopy ='));
    rmSync(join(root, 'src/promo'), { recursive: true });
    symlinkSync(join(outside, 'promo'), join(root, 'src/promo'), 'dir');
    const files = [join(root, 'src/banner.ts'), join(root, 'flags.yaml'), join(outside, 'promo/banner-copy.ts')];
    const before = snapshot(files);
    await expect(applyRemovalPlan(removal)).rejects.toThrow(UserError);
    expect(snapshot(files)).toEqual(before);
  });

  it('refuses, changing nothing, when a file changed on disk after planning', async () => {
    const { root } = repository();
    const removal = await plan(root);
    writeFileSync(join(root, 'src/promo/banner-copy.ts'), `${BANNER_TS}// edited meanwhile\n`);
    const files = [join(root, 'src/banner.ts'), join(root, 'src/promo/banner-copy.ts'), join(root, 'flags.yaml')];
    const before = snapshot(files);
    await expect(applyRemovalPlan(removal)).rejects.toThrow(/changed on disk since it was read; nothing was changed/);
    expect(snapshot(files)).toEqual(before);
  });

  it('writes each file whole (temporary file and rename) and leaves no temporary file behind', async () => {
    const { root } = repository();
    const removal = await plan(root);
    await applyRemovalPlan(removal);
    for (const change of [...removal.changes, removal.manifest!]) expect(readFileSync(change.path, 'utf8')).toBe(change.after);
    expect(temporaryFiles(root)).toEqual([]);
    for (const change of removal.changes) expect(lstatSync(change.path).isFile()).toBe(true);
  });

  it('does not follow a symlink planted at its temporary file name (it would write outside the root)', async () => {
    // The temporary name is predictable (.<pid>.flag-hygiene.tmp beside the file); a repository can
    // ship links under such names. Writing must not go through them.
    const { root, outside } = repository();
    const removal = await plan(root);
    const victim = join(outside, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    for (const directory of ['src', 'src/promo', '.']) symlinkSync(victim, join(root, directory, `.${process.pid}.flag-hygiene.tmp`));
    try {
      await applyRemovalPlan(removal);
    } catch (error) {
      // Refusing is fine too, as long as it is a user error and nothing changed.
      expect(error).toBeInstanceOf(UserError);
    }
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    for (const change of removal.changes) expect(lstatSync(change.path).isSymbolicLink()).toBe(false);
  });

  it('a write that fails half-way through the plan leaves every file as it was (all or nothing)', async () => {
    const { root } = repository();
    const removal = await plan(root);
    expect(removal.changes.map((change) => change.relative)).toEqual(['src/banner.ts', 'src/promo/banner-copy.ts']);
    // The second file's new text cannot be written, after the first file's was.
    failing.write = /src\/promo\/[^/]*\.tmp$/;
    const files = [join(root, 'src/banner.ts'), join(root, 'src/promo/banner-copy.ts'), join(root, 'flags.yaml')];
    const before = snapshot(files);
    let thrown: unknown;
    try {
      await applyRemovalPlan(removal);
    } catch (error) {
      thrown = error;
    }
    expect(thrown, 'a failed write is reported').toBeDefined();
    expect(thrown, 'as a user error (one line), not an internal error').toBeInstanceOf(UserError);
    expect(String(thrown)).toMatch(/src\/promo\/banner-copy\.ts: remove: cannot write the new text \(EIO.*nothing was changed/);
    expect(snapshot(files)).toEqual(before);
    expect(temporaryFiles(root)).toEqual([]);
  });

  it('a rename that fails half-way through the plan puts back the files already replaced', async () => {
    const { root } = repository();
    const removal = await plan(root);
    // Every new text is written; the first file is replaced, then replacing the second fails.
    failing.rename = /src\/promo\/banner-copy\.ts$/;
    const files = [join(root, 'src/banner.ts'), join(root, 'src/promo/banner-copy.ts'), join(root, 'flags.yaml')];
    const before = snapshot(files);
    await expect(applyRemovalPlan(removal)).rejects.toThrow(
      /src\/promo\/banner-copy\.ts: remove: cannot replace the file \(EIO.*nothing was changed/,
    );
    expect(snapshot(files)).toEqual(before);
    expect(temporaryFiles(root)).toEqual([]);
  });
});

describe('hostile text cannot drive the terminal', () => {
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
  const HOSTILE = {
    key: 'flag\u001b[2J\u001b[H',
    owner: 'team\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007',
    ticket: 'T-1\u0007\u0008\u0008',
    description: 'desc\r\u001b[31mred',
    file: 'src/\u001b]0;pwned\u0007.ts',
    message: 'msg\u009b31m\u001b[?1049h',
  };

  it('the text report shows control characters as escapes, in every field and grouping', () => {
    for (const options of [{ color: false }, { color: true }, { color: false, groupBy: 'owner' as const }]) {
      const text = formatText(hostileReport(HOSTILE), options);
      // With colour on, the report's own SGR codes are the only escapes.
      // eslint-disable-next-line no-control-regex -- the report's own colour codes are what is removed
      const withoutOwnColour = text.replace(/\u001b\[(?:1|2|22|31|32|33|36|39)m/g, '');
      expect(withoutOwnColour).not.toMatch(CONTROL);
      expect(text).toContain('flag\\u001b[2J\\u001b[H');
      expect(text).toContain('src/\\u001b]0;pwned\\u0007.ts');
    }
  });

  function hostileRepository(): string {
    const root = folder('terminal');
    write(root, 'flag-hygiene.config.json', JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }));
    // A key with control characters is a manifest error now (issue 16 item 11, bad.yaml below): the owner stays hostile.
    write(
      root,
      'flags.yaml',
      [
        'flags:',
        '  "red":',
        '    type: release',
        '    owner: "\\e]8;;http://evil\\a"',
        '    createdAt: 2026-01-01',
        '    expiresAt: 2026-02-01',
        '',
      ].join('\n'),
    );
    write(
      root,
      'src/\u001b]0;pwned\u0007.ts',
      "import { flags } from './flags';\nexport const a = flags.get('\\u001b[2Jclear');\nexport const b = flags.get('\\u009b31mcsi');\n",
    );
    write(root, 'bad.yaml', ['flags:', '  "\\e[2Jx":', '    type: nope', ''].join('\n'));
    return root;
  }

  it.each([
    ['report (text)', ['report', '--no-cache', '--no-progress', '--fail-on', 'none']],
    ['scan (text)', ['scan', '--no-cache', '--no-progress']],
    ['scan (json)', ['scan', '--no-cache', '--no-progress', '--format', 'json']],
    ['report (json)', ['report', '--no-cache', '--no-progress', '--fail-on', 'none', '--format', 'json']],
    ['report (sarif)', ['report', '--no-cache', '--no-progress', '--fail-on', 'none', '--format', 'sarif']],
    ['check-manifest of a manifest with a hostile key (errors on stderr)', ['check-manifest', 'bad.yaml']],
  ])('%s: no control character from the repository reaches stdout or stderr', (_name, args) => {
    const result = runBin(args, { cwd: hostileRepository() });
    expect(result.status === 0 || result.status === 2).toBe(true);
    expect(result.stdout + result.stderr).not.toMatch(CONTROL);
  });

  it('JSON output escapes the C1 controls JSON.stringify lets through, and reads back to the same keys', () => {
    const result = runBin(['scan', '--no-cache', '--no-progress', '--format', 'json'], { cwd: hostileRepository() });
    expect(result.stdout).toContain('\\u009b31mcsi');
    const inventory = JSON.parse(result.stdout) as { references: { key: string }[] };
    expect(inventory.references.map((reference) => reference.key).sort()).toEqual(['\u001b[2Jclear', '\u009b31mcsi']);
  });
});

describe('files a repository can replace with a device or a pipe are not read', () => {
  /*
   * A repository can commit a symlink to /dev/zero (a read never ends and fills memory) or to
   * /dev/stdin (a read waits for input that may never come) where a manifest, a config, a tsconfig
   * or a cache file is expected. Only regular files are read. A named pipe no one writes to stands
   * for a CI step's stdin; a child that waits on it is killed after 30 s (status null).
   */
  function pipeNobodyWritesTo(root: string): string {
    const path = join(root, 'stdin.fifo');
    execFileSync('mkfifo', [path]);
    return path;
  }

  function runKilledAfter30s(args: readonly string[], cwd: string): Promise<BinResult> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
        timeout: 30_000,
        killSignal: 'SIGKILL',
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  function project(): string {
    const root = folder('devices');
    write(root, 'flag-hygiene.config.json', JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }));
    write(root, 'flags.yaml', FLAGS_YAML);
    write(root, 'src/banner.ts', BANNER_TS);
    write(root, 'src/checkout.ts', CHECKOUT_TS);
    return root;
  }

  it.each([['/dev/zero'], ['a pipe no one writes to']])(
    'cache files linked to %s: the scan runs as without a cache, and replaces them',
    async (target) => {
      const root = project();
      const cache = join(root, 'node_modules/.cache/flag-hygiene');
      mkdirSync(cache, { recursive: true });
      const device = target === '/dev/zero' ? target : pipeNobodyWritesTo(root);
      for (const name of ['facts.ndjson', 'files.json']) symlinkSync(device, join(cache, name));
      const result = await runKilledAfter30s(['scan', '--no-progress'], root);
      expect(result).toEqual({
        status: 0,
        stdout: [
          'src/banner.ts:3:33  old_banner  evaluate  via flags.get($KEY)',
          'src/checkout.ts:3:35  new_checkout  evaluate  via flags.get($KEY)',
          '2 references to 2 flags in 2 of 2 files',
          '',
        ].join('\n'),
        // A cache is a hint: each planted file is named once, and the scan goes on without it.
        stderr: ['files.json', 'facts.ndjson']
          .map(
            (name) =>
              `flag-hygiene: warning: node_modules/.cache/flag-hygiene/${name}: ignored this cache file (it is a symbolic link); scanning without it\n`,
          )
          .join(''),
      });
      // The cache was written anew, as regular files in place of the links.
      for (const name of ['facts.ndjson', 'files.json']) expect(lstatSync(join(cache, name)).isFile()).toBe(true);
    },
    40_000,
  );

  it('ESLint: a manifest setting linked to a pipe is one configuration message; a tsconfig linked to a pipe is no tsconfig', async () => {
    // (A link to /dev/zero or /dev/stdin leads outside the repository, where settings may not name a manifest at all.)
    const root = project();
    const pipe = pipeNobodyWritesTo(root);
    rmSync(join(root, 'flags.yaml'));
    symlinkSync(pipe, join(root, 'flags.yaml'));
    symlinkSync(pipe, join(root, 'tsconfig.json'));
    write(root, 'src/aliased.ts', "import { isOn } from '@app/wrappers';\n\nexport const aliased = isOn('new_checkout');\n");
    const config: Linter.Config = {
      ...(plugin.configs.all as unknown as Linter.Config),
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      settings: { 'flag-hygiene': { manifest: 'flags.yaml', today: '2026-11-28' } },
    };
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [config], ignore: false });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const messages = results.flatMap((result) => result.messages);
    expect(messages.filter((message) => message.fatal)).toEqual([]);
    const configuration = messages.filter((message) => message.messageId === 'configuration').map((message) => message.message);
    expect([...new Set(configuration)]).toEqual([
      `flag-hygiene cannot check this project: ${join(root, 'flags.yaml')}: the manifest is not a regular file (a pipe)`,
    ]);
  });
});

describe('no secret is printed: settings cannot name a manifest outside the repository, and errors quote no file', () => {
  const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
  const CREDENTIALS = `https://x-access-token:${TOKEN}@github.com\n`;
  /** Files that hold secrets, as they are written. */
  const SECRET_FILES: Record<string, string> = {
    '.git-credentials': CREDENTIALS,
    '.npmrc': `//registry.npmjs.org/:_authToken=${TOKEN}\n`,
    '.env': `GITHUB_TOKEN=${TOKEN}\nexport NPM_TOKEN="${TOKEN}"\n`,
    'hosts.yml': `github.com:\n  oauth_token: ${TOKEN}\n  user: someone\n`,
    passwd: `root:x:0:0:root:/root:/bin/bash\ndeploy:${TOKEN}:1000:1000::/home/deploy:/bin/sh\n`,
    'docker-config.json': JSON.stringify({ auths: { 'ghcr.io': { auth: TOKEN } } }),
  };

  /** A git repository (`repo`, with a `.git` folder) beside a folder of secrets (`secret`). */
  function layout(): { parent: string; repo: string; secret: string } {
    const parent = folder('secrets');
    const repo = join(parent, 'repo');
    const secret = join(parent, 'secret');
    for (const [name, content] of Object.entries(SECRET_FILES)) write(secret, name, content);
    mkdirSync(join(repo, '.git'), { recursive: true });
    write(repo, 'flags.yaml', FLAGS_YAML);
    write(repo, 'src/banner.ts', BANNER_TS);
    return { parent, repo, secret };
  }

  const outside = (value: string, repo: string) =>
    `manifest ${JSON.stringify(value)} is outside the repository ${repo} (symlinks followed); settings may only name a manifest inside it: pass --manifest on the command line for one elsewhere`;

  it.each([
    ['a path out of the repository', '../secret/.git-credentials'],
    ['an absolute path', '/etc/passwd'],
    ['a symlink in the repository to a file outside it', 'linked/.git-credentials'],
  ])('a config naming %s as the manifest: a configuration error at the field, the file never read', (_name, manifest) => {
    const { repo, secret } = layout();
    symlinkSync(secret, join(repo, 'linked'), 'dir');
    write(repo, 'flag-hygiene.config.json', JSON.stringify({ manifest }));
    for (const args of [
      ['check-manifest'],
      ['report', '--no-cache', '--no-progress'],
      ['remove', 'old_banner', '--dry-run', '--no-cache'],
    ]) {
      const result = runBin(args, { cwd: repo });
      expect({ args, ...result }).toEqual({
        args,
        status: 2,
        stdout: '',
        stderr: `flag-hygiene: flag-hygiene.config.json:1:13: ${outside(manifest, repo)}\n`,
      });
    }
  });

  it('the repository is the nearest folder upwards holding .git: a config in a package may name the root manifest', () => {
    const { repo } = layout();
    write(repo, 'packages/web/flag-hygiene.config.json', JSON.stringify({ manifest: '../../flags.yaml' }));
    write(repo, 'packages/web/src/banner.ts', BANNER_TS);
    expect(runBin(['check-manifest'], { cwd: join(repo, 'packages/web') })).toEqual({
      status: 0,
      stdout: '../../flags.yaml: 2 flags, valid\n',
      stderr: '',
    });
    // A .git file (a worktree, a submodule) marks a repository too.
    rmSync(join(repo, '.git'), { recursive: true });
    writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere/.git/worktrees/repo\n');
    expect(runBin(['check-manifest'], { cwd: join(repo, 'packages/web') }).status).toBe(0);
  });

  it("without .git anywhere above, the config file's folder is the repository", () => {
    const { repo } = layout();
    rmSync(join(repo, '.git'), { recursive: true });
    write(repo, 'app/flag-hygiene.config.json', JSON.stringify({ manifest: '../flags.yaml' }));
    const result = runBin(['check-manifest'], { cwd: join(repo, 'app') });
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: flag-hygiene.config.json:1:13: ${outside('../flags.yaml', join(repo, 'app'))}\n`,
    });
  });

  it('ESLint settings naming a manifest outside the repository: one configuration message, the file never read', async () => {
    const { repo } = layout();
    const config: Linter.Config = {
      ...(plugin.configs.all as unknown as Linter.Config),
      languageOptions: { parser: tsParser as unknown as Linter.Parser },
      settings: { 'flag-hygiene': { manifest: '../secret/.git-credentials' } },
    };
    const eslint = new ESLint({ cwd: repo, overrideConfigFile: true, overrideConfig: [config], ignore: false });
    const messages = (await eslint.lintFiles(['src/**/*.ts'])).flatMap((result) => result.messages);
    expect(new Set(messages.map((message) => message.message))).toEqual(
      new Set([`flag-hygiene cannot check this project: ESLint settings['flag-hygiene']: ${outside('../secret/.git-credentials', repo)}`]),
    );
  });

  it.each([
    ['.git-credentials', [':1:1: must be a mapping with a top-level "flags:" map, got a string']],
    ['.npmrc', [':1:1: must be a mapping with a top-level "flags:" map, got a string']],
    ['.env', [':1:1: must be a mapping with a top-level "flags:" map, got a string']],
    ['passwd', [':1:1: must be a mapping with a top-level "flags:" map, got a string']],
    // A mapping: its keys are named, never their values.
    ['hosts.yml', [':1:1: field "flags": is required', ':1:1: field "github.com": is not a known field']],
    ['docker-config.json', [':1:1: field "flags": is required', ':1:2: field "auths": is not a known field']],
  ])("--manifest %s (the user's own choice, so read): the error says what is wrong, never what it holds", (name, problems) => {
    const { repo, secret } = layout();
    const result = runBin(['check-manifest', '--manifest', `../secret/${name}`], { cwd: repo });
    // A file outside the working directory is named by its absolute path.
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: problems.map((problem) => `flag-hygiene: ${join(secret, name)}${problem}\n`).join(''),
    });
  });

  it('a config file or an inventory that is a credentials file: the JSON error says where, and quotes nothing', () => {
    const { repo, secret } = layout();
    symlinkSync(join(secret, '.git-credentials'), join(repo, 'flag-hygiene.config.json'));
    expect(runBin(['scan', '--no-cache', '--no-progress'], { cwd: repo })).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'flag-hygiene: flag-hygiene.config.json:1:1: not valid JSON: expected a value (a string in double quotes, a number, true, false, null, an object or a list)\n',
    });
    // A JSON string is JSON: the settings are then not an object, said without the string.
    writeFileSync(join(secret, 'token.json'), JSON.stringify(CREDENTIALS));
    expect(runBin(['scan', '--no-cache', '--no-progress', '--config', '../secret/token.json'], { cwd: repo })).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: ${join(secret, 'token.json')}: must be an object, got a string\n`,
    });
    rmSync(join(repo, 'flag-hygiene.config.json'));
    expect(runBin(['report', '--inventory', '../secret/.npmrc'], { cwd: repo })).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: ${join(secret, '.npmrc')}:1:1: not a JSON inventory: expected a value (a string in double quotes, a number, true, false, null, an object or a list)\n`,
    });
  });

  it('a value inside a manifest is quoted as an escaped excerpt of at most 40 characters', () => {
    const { repo } = layout();
    // YAML escapes: a line separator and a bell, then the token; 40 characters of that are quoted.
    write(
      repo,
      'long.yaml',
      [
        'flags:',
        '  checkout:',
        '    type: release',
        '    owner: web',
        '    createdAt: 2026-01-01',
        `    expiresAt: "ab\\u2028\\a${TOKEN}"`,
        '',
      ].join('\n'),
    );
    expect(runBin(['check-manifest', 'long.yaml'], { cwd: repo })).toEqual({
      status: 2,
      stdout: '',
      stderr: `flag-hygiene: long.yaml:6:5: flag "checkout", field "expiresAt": must be a date written YYYY-MM-DD, got the string "ab\\u2028\\u0007${TOKEN.slice(0, 36)}…"\n`,
    });
  });
});

describe('manifest import writes every imported value as data: nothing from the source becomes YAML', () => {
  /** Text that means something to YAML, or breaks a line, or is not printable. */
  const HOSTILE = [
    'x\n    enabled: true\n    rolloutPercentage: 100\n    owner: attacker',
    'x\r    enabled: true',
    'x\r\n    owner: attacker',
    'x\u2028    enabled: true',
    'x\u2029    enabled: true',
    'x\u0085    enabled: true',
    '# a comment',
    'a #b',
    'key: value',
    'key:value',
    '- item',
    '-',
    '"double" and \'single\' quotes',
    "'",
    '"',
    'bell\u0007 escape\u001b[31m del\u007f csi\u009b nul\u0000',
    '\ttab first',
    ' leading and trailing space ',
    '[a, b]',
    '{a: b}',
    'a, b',
    '&anchor',
    '*alias',
    '!tag',
    '!!js/function',
    '%YAML 1.2',
    '@at',
    '`tick`',
    '| block',
    '> folded',
    '? key',
    '---',
    '...',
    'true',
    'null',
    '~',
    '123',
    '0x1F',
    '1e3',
    '.inf',
    '2026-01-01',
    'back\\slash',
    'lone \ud800 surrogate',
    '\ufeffbom',
    'emoji 🚩 and é',
  ];
  /**
   * The texts no flag SDK takes as a key (issue 16 item 11): a control, invisible or separator
   * character, or a space at either end. Imported as they are; the manifest check then names them.
   */
  const INVALID_KEYS = new Set([
    'x\n    enabled: true\n    rolloutPercentage: 100\n    owner: attacker',
    'x\r    enabled: true',
    'x\r\n    owner: attacker',
    'x\u2028    enabled: true',
    'x\u2029    enabled: true',
    'x\u0085    enabled: true',
    'bell\u0007 escape\u001b[31m del\u007f csi\u009b nul\u0000',
    '\ttab first',
    ' leading and trailing space ',
    '\ufeffbom',
  ]);

  it('--from unleash: feature names, descriptions, segment names and strategy names of every kind read back exactly', () => {
    const root = folder('import');
    const features: unknown[] = [];
    const featureStrategies: unknown[] = [];
    const featureEnvironments: unknown[] = [];
    const segments = HOSTILE.map((name, index) => ({ id: index + 1, name }));
    HOSTILE.forEach((text, index) => {
      // A feature named by the text, described by it, whose one strategy, named by it, has constraints
      // (its state is then unknown, and the note saying why quotes the name in a comment).
      features.push({ name: text, type: 'release', description: text, createdAt: '2026-01-01T00:00:00.000Z' });
      featureStrategies.push({
        featureName: text,
        name: text,
        environment: 'production',
        parameters: {},
        constraints: [{ contextName: 'userId', operator: 'IN', values: ['1'] }],
      });
      featureEnvironments.push({ featureName: text, environment: 'production', enabled: true });
      // A feature rolled out to half of the segment named by the text.
      features.push({ name: `segment-${index}`, type: 'release', createdAt: '2026-01-01T00:00:00.000Z' });
      featureStrategies.push({
        featureName: `segment-${index}`,
        name: 'flexibleRollout',
        environment: 'production',
        parameters: { rollout: '50' },
        constraints: [],
        segments: [index + 1],
      });
      featureEnvironments.push({ featureName: `segment-${index}`, environment: 'production', enabled: true });
    });
    write(root, 'export.json', JSON.stringify({ version: 1, features, featureStrategies, featureEnvironments, segments }));

    const result = runBin(['manifest', 'import', '--from', 'unleash', 'export.json'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);

    const expected: Record<string, Record<string, unknown>> = {};
    HOSTILE.forEach((text, index) => {
      expected[text] = { type: 'release', createdAt: '2026-01-01', description: text };
      expected[`segment-${index}`] = {
        type: 'release',
        createdAt: '2026-01-01',
        enabled: true,
        rolloutPercentage: 50,
        targetSegments: [text],
      };
    });
    // Read back by both parsers the loader uses (js-yaml; the yaml package for files with anchors).
    expect(yamlLoad(result.stdout, { schema: CORE_SCHEMA })).toEqual({ flags: expected });
    expect(yamlParse(result.stdout)).toEqual({ flags: expected });
    // And by the loader: only the fields Unleash lacks are missing (expiresAt is required of a release flag).
    const { manifest, problems } = readManifestText(result.stdout, 'flags.yaml');
    expect(manifest?.format).toBe('flag-hygiene');
    const fieldProblems = problems.filter((problem) => problem.field !== undefined);
    expect(new Set(fieldProblems.map((problem) => `${problem.field} ${problem.message}`))).toEqual(
      new Set(['owner is required', 'expiresAt is required for a release flag']),
    );
    expect(fieldProblems).toHaveLength(HOSTILE.length * 2 * 2);
    // The keys no SDK accepts are named, each once.
    expect(problems.filter((problem) => problem.field === undefined).map((problem) => problem.flag)).toEqual(
      HOSTILE.filter((text) => INVALID_KEYS.has(text)),
    );
  });

  it('--from flagd: flag keys and metadata values of every kind read back exactly', () => {
    const root = folder('import');
    const flags: Record<string, unknown> = {};
    HOSTILE.forEach((text, index) => {
      flags[text] = {
        state: 'ENABLED',
        variants: { on: true, off: false },
        defaultVariant: 'on',
        metadata: {
          owner: `owner ${text}`,
          type: 'release',
          createdAt: '2026-01-01',
          expiresAt: '2026-06-01',
          ticket: `T-${index} ${text}`,
          description: `d ${text}`,
          createdBy: `by ${text}`,
        },
      };
    });
    write(root, 'flags.json', JSON.stringify({ $schema: 'https://flagd.dev/schema/v0/flags.json', flags }));
    const result = runBin(['manifest', 'import', '--from', 'flagd', 'flags.json'], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const expected: Record<string, Record<string, unknown>> = {};
    HOSTILE.forEach((text, index) => {
      expected[text] = {
        type: 'release',
        owner: `owner ${text}`,
        createdAt: '2026-01-01',
        expiresAt: '2026-06-01',
        createdBy: `by ${text}`,
        ticket: `T-${index} ${text}`,
        description: `d ${text}`,
        enabled: true,
      };
    });
    expect(yamlLoad(result.stdout, { schema: CORE_SCHEMA })).toEqual({ flags: expected });
    expect(yamlParse(result.stdout)).toEqual({ flags: expected });
    // Nothing is missing, but the keys no SDK accepts are errors, one line each, escaped.
    writeFileSync(join(root, 'imported.yaml'), result.stdout);
    const check = runBin(['check-manifest', 'imported.yaml'], { cwd: root });
    expect([check.status, check.stdout]).toEqual([2, '']);
    const keyLines = check.stderr.split('\n').filter((line) => line.includes('no flag SDK accepts it'));
    expect(keyLines).toHaveLength(INVALID_KEYS.size);
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    expect(check.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
  });
});
