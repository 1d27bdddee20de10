import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import ts from 'typescript';
import { loadCliSettings } from '../src/config/load-settings.js';
import { analyzeFile } from '../src/detect/analyze.js';
import { AccessorIndex } from '../src/patterns/index.js';
import { parseOptionsFor, parseSource } from '../src/detect/module-graph.js';
import { parseEstree } from '../src/estree-parser.js';
import { discoverFiles } from '../src/scanner/files.js';
import { flagCorpus, realCorpus } from './corpora.js';
import { median } from './harness.js';
import { isMain } from './is-main.js';
import { rotateRuns } from './measure.js';

/*
 * The parser question of issue 19, measured, not decided here (docs/performance.md has the
 * decision). oxc-parser is not a dependency: install it in a folder of its own and name it.
 *
 *   node dist/bench/parsers.js --oxc <folder with node_modules/oxc-parser> [--corpus flags|flagless]
 *   node dist/bench/parsers.js --oxc <folder> --facts <flag-hygiene.config.json>   the facts comparison alone
 *
 * For each parser, three fresh processes in rotating order parse every file the scanner includes
 * (same texts, read before the clock starts): TypeScript's createSourceFile, typescript-estree's
 * parse with the options the detector uses (ranges and locations, no comments, no JSDoc), and
 * oxc-parser's parseSync (ranges; it gives no line/column locations). Then, in this process, the
 * detector runs on typescript-estree's tree and on oxc's (locations added from its offsets) of
 * every file, and the facts are compared.
 */

interface OxcModule {
  parseSync(
    filename: string,
    text: string,
    options?: { range?: boolean; preserveParens?: boolean; lang?: string },
  ): { program: unknown; errors: unknown[] };
}

type ParserName = 'typescript' | 'typescript-estree' | 'oxc';

const SELF = fileURLToPath(import.meta.url);

function loadOxc(folder: string): OxcModule {
  return createRequire(join(folder, 'package.json'))('oxc-parser') as OxcModule;
}

function corpusFiles(config: string): string[] {
  const settings = loadCliSettings({ cwd: dirname(config), env: {}, configPath: config });
  return discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: settings.root });
}

function scriptKind(file: string): ts.ScriptKind {
  return /x$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/** One measured run (in a fresh process): parses every file once, keeps no tree. */
function parseAll(parser: ParserName, config: string, oxcFolder: string | undefined): { ms: number; maxRssMb: number; errors: number } {
  const texts = corpusFiles(config).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const oxc = parser === 'oxc' ? loadOxc(oxcFolder!) : undefined;
  let errors = 0;
  const start = performance.now();
  for (const { file, text } of texts) {
    try {
      if (parser === 'typescript') ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
      else if (parser === 'typescript-estree') parseEstree(text, parseOptionsFor(file));
      else errors += oxc!.parseSync(file, text, { range: true, preserveParens: false }).errors.length > 0 ? 1 : 0;
    } catch {
      errors++;
    }
  }
  return { ms: performance.now() - start, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), errors };
}

/** Adds typescript-estree's `range` and `loc` to every node of oxc's tree, from its offsets. */
function withLocations(program: unknown, text: string): TSESTree.Program {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! };
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Record<string, unknown>;
    if (typeof node.start === 'number' && typeof node.end === 'number') {
      node.range = [node.start, node.end];
      node.loc = { start: position(node.start), end: position(node.end) };
    }
    for (const [key, child] of Object.entries(node)) if (key !== 'loc' && key !== 'range' && key !== 'parent') visit(child);
  };
  visit(program);
  return program as TSESTree.Program;
}

/**
 * The detector's facts on both trees, for every file (a module's exports and imports are facts the
 * module graph reads, whether or not it names an accessor): which files differ, and how.
 */
function compareFacts(config: string, oxc: OxcModule): { compared: number; namingAccessor: number; differing: string[]; failed: string[] } {
  const settings = loadCliSettings({ cwd: dirname(config), env: {}, configPath: config });
  const index = new AccessorIndex(settings.accessors);
  const differing: string[] = [];
  const failed: string[] = [];
  let compared = 0;
  let namingAccessor = 0;
  for (const file of corpusFiles(config)) {
    const text = readFileSync(file, 'utf8');
    if (index.mayMatch(text)) namingAccessor++;
    compared++;
    const name = relative(dirname(config), file);
    try {
      const options = { index, test: false, text };
      const estree = JSON.stringify(analyzeFile(parseSource(file, text), options));
      const oxcFacts = JSON.stringify(
        analyzeFile(withLocations(oxc.parseSync(file, text, { range: true, preserveParens: false }).program, text), options),
      );
      if (estree !== oxcFacts) {
        let at = 0;
        while (estree[at] === oxcFacts[at]) at++;
        differing.push(`${name}: …${estree.slice(Math.max(0, at - 60), at + 60)}… vs …${oxcFacts.slice(Math.max(0, at - 60), at + 60)}…`);
      }
    } catch (error) {
      failed.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { compared, namingAccessor, differing, failed };
}

function measure(parser: ParserName, config: string, oxcFolder: string | undefined): { ms: number; maxRssMb: number; errors: number } {
  const result = spawnSync(
    process.execPath,
    [SELF, '--one', parser, '--config', config, ...(oxcFolder === undefined ? [] : ['--oxc', oxcFolder])],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`${parser}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number; errors: number };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

if (isMain(import.meta.url)) {
  const oxcFolder = argument('--oxc');
  const one = argument('--one') as ParserName | undefined;
  const factsOnly = argument('--facts');
  if (one !== undefined) {
    process.stdout.write(JSON.stringify(parseAll(one, argument('--config')!, oxcFolder)) + '\n');
  } else if (factsOnly !== undefined && oxcFolder !== undefined) {
    const facts = compareFacts(factsOnly, loadOxc(oxcFolder));
    process.stdout.write(
      `${relative(process.cwd(), factsOnly)}: ${facts.compared} files (${facts.namingAccessor} naming an accessor); ${facts.differing.length} differ, ${facts.failed.length} failed\n`,
    );
    for (const line of [...facts.differing, ...facts.failed].slice(0, 10)) process.stdout.write(`  ${line}\n`);
  } else {
    if (oxcFolder === undefined) throw new Error('usage: parsers --oxc <folder where oxc-parser is installed> [--corpus flags|flagless]');
    const log = (message: string) => process.stderr.write(`${message}\n`);
    const corpus = argument('--corpus') === 'flagless' ? await realCorpus(log) : await flagCorpus(log);
    const parsers: ParserName[] = ['typescript', 'typescript-estree', 'oxc'];
    const runs = new Map<ParserName, { ms: number; maxRssMb: number; errors: number }[]>(parsers.map((parser) => [parser, []]));
    log(`parsers: ${corpus.name} (${corpus.files} files), 3 rotating fresh processes each…`);
    rotateRuns(
      3,
      parsers.map((parser) => () => {
        const result = measure(parser, corpus.config, oxcFolder);
        runs.get(parser)!.push(result);
        return result.ms;
      }),
    );
    const base = median(runs.get('typescript')!.map((run) => run.ms));
    for (const parser of parsers) {
      const list = runs.get(parser)!;
      const ms = median(list.map((run) => run.ms));
      log(
        `${parser.padEnd(18)} ${ms.toFixed(0).padStart(6)} ms (${(ms / base).toFixed(2)}x TypeScript; runs ${list.map((run) => run.ms.toFixed(0)).join(', ')})  peak ${median(list.map((run) => run.maxRssMb))} MB  files with errors ${list[0]!.errors}`,
      );
    }
    const facts = compareFacts(corpus.config, loadOxc(oxcFolder));
    log(
      `facts: ${facts.compared} files (${facts.namingAccessor} naming an accessor); ${facts.differing.length} differ, ${facts.failed.length} failed`,
    );
    for (const line of [...facts.differing, ...facts.failed].slice(0, 20)) log(`  ${line}`);
  }
}
