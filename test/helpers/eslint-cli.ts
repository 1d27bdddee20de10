import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ESLint } from 'eslint';

/*
 * The real ESLint CLI, run the way a user or CI runs it: a child process (`node eslint.js …`) with
 * an eslint.config.mjs that imports the built plugin, so what is tested is what npm would ship.
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ESLINT_BIN = join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
export const PLUGIN_ENTRY = join(REPO_ROOT, 'dist', 'src', 'index.js');

/** What ESLint lints with the plugin's configs: `files` of configs.recommended. */
export const SOURCE_FILE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

export function requireBuiltPlugin(): void {
  if (!existsSync(PLUGIN_ENTRY)) throw new Error(`${PLUGIN_ENTRY} is missing: run \`npm run build\` before these tests`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the ESLint CLI. The environment is minimal, so FLAG_HYGIENE_TODAY only reaches it when a test sets it. */
export function runEslint(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): CliResult {
  const result = spawnSync(process.execPath, [ESLINT_BIN, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs ESLint with `--format json` and returns its results; exit status 2 (a crash or a config error) fails. */
export function lintJson(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): ESLint.LintResult[] {
  const result = runEslint(['--format', 'json', ...args], options);
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`eslint ${args.join(' ')} exited with ${String(result.status)}:\n${result.stderr}${result.stdout}`);
  }
  return JSON.parse(result.stdout) as ESLint.LintResult[];
}

/** typescript-eslint's parser, which a project sets itself: the plugin's configs set no parser. */
export const TS_PARSER_ENTRY = join(REPO_ROOT, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js');

/**
 * An eslint.config.mjs in `dir` that imports the built plugin as `flagHygiene` and exports `entries`
 * after the entry a TypeScript project has anyway: typescript-eslint's parser for its source files.
 */
export function writeEslintConfig(dir: string, entries: string, preamble = ''): string {
  const path = join(dir, 'eslint.config.mjs');
  const pluginUrl = pathToFileURL(PLUGIN_ENTRY).href;
  const parserUrl = pathToFileURL(TS_PARSER_ENTRY).href;
  const parserEntry = `  { files: ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'], languageOptions: { parser: tsParser } },`;
  writeFileSync(
    path,
    `import flagHygiene from ${JSON.stringify(pluginUrl)};\nimport tsParser from ${JSON.stringify(parserUrl)};\n${preamble}\nexport default [\n${parserEntry}\n${entries}\n];\n`,
  );
  return path;
}

export function posixRelative(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

const SEVERITY = { 1: 'warn', 2: 'error' } as const;

/**
 * Every problem as one line, `file:line:column rule/messageId severity` (the rule without its
 * `flag-hygiene/` prefix), sorted; a parse error or crash shows as `file:line:column fatal message`.
 */
export function problemLines(results: readonly ESLint.LintResult[], root: string): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const file = posixRelative(root, result.filePath);
    for (const message of result.messages) {
      const at = `${file}:${message.line}:${message.column}`;
      if (message.fatal === true || message.ruleId === null) lines.push(`${at} fatal ${message.message}`);
      else lines.push(`${at} ${message.ruleId.replace(/^flag-hygiene\//, '')}/${message.messageId ?? '?'} ${SEVERITY[message.severity]}`);
    }
  }
  return lines.sort();
}

/** The message ESLint printed for the problem `line` (as problemLines writes it). */
export function messageAt(results: readonly ESLint.LintResult[], root: string, line: string): string | undefined {
  const [where = '', ruleAndId = ''] = line.split(' ');
  const [file, row, column] = where.split(':');
  const rule = `flag-hygiene/${ruleAndId.slice(0, ruleAndId.indexOf('/'))}`;
  const result = results.find((candidate) => posixRelative(root, candidate.filePath) === file);
  return result?.messages.find((message) => message.ruleId === rule && String(message.line) === row && String(message.column) === column)
    ?.message;
}

/** The files of a folder ESLint should lint with the plugin's configs (node_modules is never linted), sorted. */
export function sourceFilesOf(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFilesOf(root, path));
    else if (SOURCE_FILE.test(entry.name)) files.push(posixRelative(root, path));
  }
  return files.sort();
}

/** A fresh temporary folder (real path, so ESLint's paths and ours agree) and its removal. */
export function temporaryFolder(prefix: string): { dir: string; cleanup(): void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `flag-hygiene-${prefix}-`)));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Results sorted by file, for comparing two runs whose file order may differ. */
export function byFile(results: readonly ESLint.LintResult[]): ESLint.LintResult[] {
  return [...results].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}
