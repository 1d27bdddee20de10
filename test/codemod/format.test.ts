import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRemovalPlan, planFlagRemoval } from '../../src/codemod/index.js';
import { runBin } from '../helpers/run-bin.js';
import { temporaryDir, type FixtureCopy } from '../helpers/scanner-fixtures.js';
import { OLD_BANNER_YAML } from '../helpers/old-banner.js';

/*
 * Issue 17, item 6: the touched files go through the project's own formatter. The projects here
 * have a tiny fake formatter installed in their node_modules (no network in tests). It does one
 * thing Prettier does, recognisably: it joins `x =` with the next line when the joined line fits
 * the configured width (a removal leaves `const title =\n  'New store'` where a ternary was).
 */

/** The fake formatting, shared by the fake Prettier, Biome and dprint: joins `=` lines that fit `width`. */
const JOIN_FITTING_ASSIGNMENTS = `
function joinFitting(text, width) {
  if (text.includes('FAKE_FORMATTER_FAIL')) throw new SyntaxError('Unexpected token (2:7)');
  const lines = text.split('\\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (line.endsWith(' =') && next !== undefined && (line + ' ' + next.trim()).length <= width) {
      out.push(line + ' ' + next.trim());
      i++;
    } else out.push(line);
  }
  return out.join('\\n');
}
`;

const FAKE_PRETTIER = `${JOIN_FITTING_ASSIGNMENTS}
const fs = require('node:fs');
const path = require('node:path');
fs.writeFileSync(path.join(__dirname, 'loaded'), 'yes');
function configFile(file) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.prettierrc'))) return path.join(dir, '.prettierrc');
    if (dir === path.dirname(dir)) return null;
  }
}
module.exports = {
  version: '3.9.9-fake',
  resolveConfig: async (file) => { const found = configFile(file); return found ? JSON.parse(fs.readFileSync(found, 'utf8')) : null; },
  getFileInfo: async (file, options) => {
    const ignored = options && options.ignorePath ? fs.readFileSync(options.ignorePath, 'utf8').split('\\n').includes(path.basename(file)) : false;
    return { ignored, inferredParser: /\\.[cm]?[jt]sx?$/.test(file) ? 'typescript' : null };
  },
  format: async (text, options) => joinFitting(text, options.printWidth ?? 80),
};
`;

/** A command-line formatter: the text on stdin, formatted on stdout; its width from `config` in the working folder. */
const fakeCommand = (config: string) => `#!/usr/bin/env node
${JOIN_FITTING_ASSIGNMENTS}
const fs = require('node:fs');
const width = JSON.parse(fs.readFileSync(${JSON.stringify(config)}, 'utf8')).lineWidth;
const text = fs.readFileSync(0, 'utf8');
try { process.stdout.write(joinFitting(text, width)); } catch (error) { process.stderr.write(String(error) + '\\n'); process.exit(1); }
`;

/** Formatted before (no `=` line whose join would fit 40 columns); after the removal, `title` fits and `subtitle` does not. */
const LABELS_TS = [
  "import { flags } from './flags'",
  '',
  'export const title =',
  "  flags.get('old_banner')?.enabled ? 'New store' : 'Store'",
  'export const subtitle =',
  "  flags.get('old_banner')?.enabled ? 'A much longer subtitle' : 'Old'",
  '',
].join('\n');

// The import that only fed the flag goes, with the blank line after it.
const LABELS_KEPT_ON = ['export const title =', "  'New store'", 'export const subtitle =', "  'A much longer subtitle'", ''].join('\n');
const LABELS_FORMATTED_AT_40 = ["export const title = 'New store'", 'export const subtitle =', "  'A much longer subtitle'", ''].join('\n');

const folders: FixtureCopy[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) folder.cleanup();
});

function project(files: Record<string, string>): string {
  const made = temporaryDir('format');
  folders.push(made);
  const all: Record<string, string> = {
    'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
    'flags.yaml': OLD_BANNER_YAML,
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(made.dir, path)), { recursive: true });
    writeFileSync(join(made.dir, path), text);
  }
  return made.dir;
}

const WITH_FAKE_PRETTIER = {
  'package.json': JSON.stringify({ name: 'shop', private: true, devDependencies: { prettier: '3.9.9-fake' } }),
  '.prettierrc': JSON.stringify({ printWidth: 40 }),
  'node_modules/prettier/package.json': JSON.stringify({ name: 'prettier', version: '3.9.9-fake', main: 'index.cjs' }),
  'node_modules/prettier/index.cjs': FAKE_PRETTIER,
};

function plan(root: string, options: { verify?: boolean; format?: boolean } = {}) {
  return planFlagRemoval({ key: 'old_banner', cwd: root, cache: false, workers: 0, verify: false, ...options });
}

describe("remove formats the touched files with the project's own Prettier", () => {
  it("formats with the installed version and the project's config (printWidth 40 joins one line, not the other)", async () => {
    const root = project({ ...WITH_FAKE_PRETTIER, 'src/labels.ts': LABELS_TS });
    const removal = await plan(root);
    expect(removal.formatting).toEqual({
      formatter: { name: 'prettier', version: '3.9.9-fake' },
      formatted: ['src/labels.ts'],
      notFormattedBefore: [],
      warnings: [],
    });
    await applyRemovalPlan(removal);
    expect(readFileSync(join(root, 'src/labels.ts'), 'utf8')).toBe(LABELS_FORMATTED_AT_40);
    // Formatted text is what a second run starts from: nothing left to do.
    await expect(planFlagRemoval({ key: 'old_banner', cwd: root, cache: false, workers: 0 })).rejects.toThrow(
      'remove: no flag "old_banner" in the manifest or the code',
    );
  });

  it('leaves a file it ignores, and one it would have changed before the removal, as the removal wrote them', async () => {
    const notFormatted = `const short =\n  1\n${LABELS_TS}`;
    const root = project({
      ...WITH_FAKE_PRETTIER,
      '.prettierignore': 'ignored.ts\n',
      'src/ignored.ts': LABELS_TS,
      'src/loose.ts': notFormatted,
      'src/labels.ts': LABELS_TS,
    });
    const removal = await plan(root);
    expect(removal.formatting).toEqual({
      formatter: { name: 'prettier', version: '3.9.9-fake' },
      formatted: ['src/labels.ts'],
      notFormattedBefore: ['src/loose.ts'],
      warnings: [],
    });
    const after = Object.fromEntries(removal.changes.map((change) => [change.relative, change.after]));
    expect(after).toEqual({
      'src/ignored.ts': LABELS_KEPT_ON,
      'src/labels.ts': LABELS_FORMATTED_AT_40,
      'src/loose.ts': `const short =\n  1\n\n${LABELS_KEPT_ON}`,
    });
  });

  it('a formatter failure is a warning naming the file; the edit is kept, unformatted', async () => {
    const failing = `// FAKE_FORMATTER_FAIL\n${LABELS_TS}`;
    const root = project({ ...WITH_FAKE_PRETTIER, 'src/broken.ts': failing });
    const removal = await plan(root);
    expect(removal.formatting.warnings).toEqual([
      { file: 'src/broken.ts', message: 'prettier failed (Unexpected token (2:7)); the edit is kept unformatted' },
    ]);
    expect(removal.changes.map((change) => change.after)).toEqual([`// FAKE_FORMATTER_FAIL\n\n${LABELS_KEPT_ON}`]);
    expect(removal.manifest?.relative).toBe('flags.yaml');
  });

  it('does not run a Prettier the project has installed but neither configured nor depends on', async () => {
    const { 'package.json': _manifest, '.prettierrc': _config, ...installedOnly } = WITH_FAKE_PRETTIER;
    const root = project({ ...installedOnly, 'package.json': JSON.stringify({ name: 'shop' }), 'src/labels.ts': LABELS_TS });
    const removal = await plan(root);
    expect(removal.formatting).toEqual({ formatted: [], notFormattedBefore: [], warnings: [] });
    expect(removal.changes.map((change) => change.after)).toEqual([LABELS_KEPT_ON]);
    // The project's code runs only where the project uses it.
    expect(existsSync(join(root, 'node_modules/prettier/loaded'))).toBe(false);
  });

  it('does not use a Prettier installed above the repository (a node_modules in the home folder)', async () => {
    const { 'package.json': _manifest, '.prettierrc': _config, ...installedOnly } = WITH_FAKE_PRETTIER;
    const outside = project(installedOnly);
    const root = join(outside, 'repo');
    for (const [path, text] of Object.entries({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.prettierrc': '{ "printWidth": 40 }',
      'flag-hygiene.config.json': JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }),
      'flags.yaml': OLD_BANNER_YAML,
      'src/labels.ts': LABELS_TS,
    })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const removal = await plan(root);
    expect(removal.formatting).toEqual({ formatted: [], notFormattedBefore: [], warnings: [] });
    expect(existsSync(join(outside, 'node_modules/prettier/loaded'))).toBe(false);
  });

  it('runs with the default width when Prettier is a dependency without a config file', async () => {
    const { '.prettierrc': _config, ...withoutConfig } = WITH_FAKE_PRETTIER;
    const root = project({ ...withoutConfig, 'src/labels.ts': LABELS_TS });
    const removal = await plan(root);
    // At 80 columns, `export const title =` and its 56-character ternary make one line of 77: not formatted before.
    expect(removal.formatting).toEqual({
      formatter: { name: 'prettier', version: '3.9.9-fake' },
      formatted: [],
      notFormattedBefore: ['src/labels.ts'],
      warnings: [],
    });
    expect(removal.changes.map((change) => change.after)).toEqual([LABELS_KEPT_ON]);
  });

  it('with format: false (--no-formatter), runs none', async () => {
    const root = project({ ...WITH_FAKE_PRETTIER, 'src/labels.ts': LABELS_TS });
    const removal = await plan(root, { format: false });
    expect(removal.formatting).toEqual({ formatted: [], notFormattedBefore: [], warnings: [] });
    expect(removal.changes.map((change) => change.after)).toEqual([LABELS_KEPT_ON]);
    expect(existsSync(join(root, 'node_modules/prettier/loaded'))).toBe(false);
  });

  it("type-checks the formatted text: the summary's positions are those of the file written", async () => {
    const root = project({ ...WITH_FAKE_PRETTIER, 'src/labels.ts': `${LABELS_TS}export const same = title === 'Store'\n` });
    const removal = await plan(root, { verify: true });
    // `title` can no longer be 'Store': the comparison is the new diagnostic, on line 4 once `title =` is joined (5 unformatted).
    expect(removal.typeCheck?.added.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      { file: 'src/labels.ts', line: 4, column: 21, code: 2367 },
    ]);
  });
});

describe("Biome and dprint, run as the project's own commands", () => {
  it('Biome: biome.json and node_modules/@biomejs/biome', async () => {
    const root = project({
      'biome.json': JSON.stringify({ lineWidth: 40 }),
      'node_modules/@biomejs/biome/package.json': JSON.stringify({
        name: '@biomejs/biome',
        version: '1.9.9-fake',
        bin: { biome: 'bin/biome' },
      }),
      'node_modules/@biomejs/biome/bin/biome': fakeCommand('biome.json'),
      'src/labels.ts': LABELS_TS,
    });
    const removal = await plan(root);
    expect(removal.formatting).toEqual({
      formatter: { name: 'biome', version: '1.9.9-fake' },
      formatted: ['src/labels.ts'],
      notFormattedBefore: [],
      warnings: [],
    });
    expect(removal.changes.map((change) => change.after)).toEqual([LABELS_FORMATTED_AT_40]);
  });

  it('dprint: dprint.json and node_modules/dprint; a failure is a warning', async () => {
    const root = project({
      'dprint.json': JSON.stringify({ lineWidth: 40 }),
      'node_modules/dprint/package.json': JSON.stringify({ name: 'dprint', version: '0.49.9-fake', bin: { dprint: 'bin.js' } }),
      'node_modules/dprint/bin.js': fakeCommand('dprint.json'),
      'src/labels.ts': LABELS_TS,
      'src/broken.ts': `// FAKE_FORMATTER_FAIL\n${LABELS_TS}`,
    });
    const removal = await plan(root);
    expect(removal.formatting).toEqual({
      formatter: { name: 'dprint', version: '0.49.9-fake' },
      formatted: ['src/labels.ts'],
      notFormattedBefore: [],
      warnings: [{ file: 'src/broken.ts', message: 'dprint failed (SyntaxError: Unexpected token (2:7)); the edit is kept unformatted' }],
    });
    expect(Object.fromEntries(removal.changes.map((change) => [change.relative, change.after]))).toEqual({
      'src/broken.ts': `// FAKE_FORMATTER_FAIL\n\n${LABELS_KEPT_ON}`,
      'src/labels.ts': LABELS_FORMATTED_AT_40,
    });
  });
});

describe('the summary names the formatter (built binary)', () => {
  it('text and --format json', () => {
    const root = project({ ...WITH_FAKE_PRETTIER, 'src/labels.ts': LABELS_TS });
    const text = runBin(['remove', 'old_banner', '--dry-run', '--no-cache', '--no-verify'], { cwd: root });
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain("\nFormatter: prettier 3.9.9-fake (the project's own) formatted 1 file.\n");
    expect(text.stdout).toContain("\n+export const title = 'New store'\n");
    const json = runBin(['remove', 'old_banner', '--no-cache', '--no-verify', '--format', 'json'], { cwd: root });
    expect(json.stderr).toBe('');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      key: 'old_banner',
      keep: 'on',
      dryRun: false,
      files: [{ file: 'src/labels.ts', folded: 2, deletedTests: [], emptyTestFile: false }],
      manifest: 'flags.yaml',
      typeCheck: null,
      parameters: [],
      formatter: { name: 'prettier', version: '3.9.9-fake' },
      formatted: ['src/labels.ts'],
      notFormattedBefore: [],
      warnings: [],
      mentions: [],
      manual: [],
      staleTemporaries: [],
    });
    expect(readFileSync(join(root, 'src/labels.ts'), 'utf8')).toBe(LABELS_FORMATTED_AT_40);
  });

  it('says when the project has no formatter, and when --no-formatter skipped it', () => {
    const root = project({ 'src/labels.ts': LABELS_TS });
    expect(runBin(['remove', 'old_banner', '--dry-run', '--no-cache', '--no-verify'], { cwd: root }).stdout).toContain(
      '\nFormatter: none configured in the project; the edits keep the surrounding indentation.\n',
    );
    const withPrettier = project({ ...WITH_FAKE_PRETTIER, 'src/labels.ts': LABELS_TS });
    expect(
      runBin(['remove', 'old_banner', '--dry-run', '--no-cache', '--no-verify', '--no-formatter'], { cwd: withPrettier }).stdout,
    ).toContain('\nFormatter: not run (--no-formatter).\n');
    expect(runBin(['remove', 'old_banner', '--format', 'xml'], { cwd: root })).toEqual({
      status: 2,
      stdout: '',
      stderr: "flag-hygiene: remove: --format must be one of text, json, got 'xml'\n",
    });
  });
});
