import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { loadCliSettings } from '../src/config/load-settings.js';
import { AccessorIndex } from '../src/patterns/index.js';
import { parseOptionsFor } from '../src/detect/parse-source.js';
import { parseWithOxc } from '../src/oxc-parser.js';
import { parseEstree } from '../src/estree-parser.js';
import { discoverFiles } from '../src/scanner/files.js';
import { flagCorpus, realCorpus } from './corpora.js';
import { median } from './harness.js';
import { isMain } from './is-main.js';
import { rotateRuns } from './measure.js';
import { compareParsers } from './parser-agreement.js';

/*
 * The parser question of issue 19, measured (docs/performance.md has the decision).
 *
 *   node dist/bench/parsers.js [--corpus flags|flagless]     speeds, then the agreement on that corpus
 *   node dist/bench/parsers.js --agree <flag-hygiene.config.json>…   the agreement alone, on any codebase
 *
 * For each parser, three fresh processes in rotating order parse every file the scanner includes
 * (same texts, read before the clock starts): TypeScript's createSourceFile, typescript-estree's
 * parse with the options the detector uses (ranges and locations, no comments, no JSDoc), and
 * oxc-parser as the detector uses it (parseWithOxc: the parse and the tree settled into
 * typescript-estree's). Then, in this process, both trees of every file are compared node by
 * node, and the detector's facts from each (bench/parser-agreement.ts).
 */

type ParserName = 'typescript' | 'typescript-estree' | 'oxc';

const SELF = fileURLToPath(import.meta.url);

function corpusFiles(config: string): string[] {
  const settings = loadCliSettings({ cwd: dirname(config), env: {}, configPath: config });
  return discoverFiles({ root: settings.root, include: settings.include, exclude: settings.exclude, cwd: settings.root });
}

function scriptKind(file: string): ts.ScriptKind {
  return /x$/.test(file) ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

/** One measured run (in a fresh process): parses every file once, keeps no tree. */
function parseAll(parser: ParserName, config: string): { ms: number; maxRssMb: number; errors: number } {
  const texts = corpusFiles(config).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  let errors = 0;
  const start = performance.now();
  for (const { file, text } of texts) {
    try {
      if (parser === 'typescript') ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
      else if (parser === 'typescript-estree') parseEstree(text, parseOptionsFor(file));
      else if (parseWithOxc(file, text, parseOptionsFor(file).jsx) === undefined) errors++;
    } catch {
      errors++;
    }
  }
  return { ms: performance.now() - start, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), errors };
}

/** Both parsers on every file a config includes: the files whose trees or facts differ, and those oxc leaves to typescript-estree. */
function agreement(config: string): { compared: number; differing: string[]; rejected: string[] } {
  const settings = loadCliSettings({ cwd: dirname(config), env: {}, configPath: config });
  const index = new AccessorIndex(settings.accessors, settings.root);
  const differing: string[] = [];
  const rejected: string[] = [];
  let compared = 0;
  for (const file of corpusFiles(config)) {
    const name = relative(dirname(config), file);
    let verdict: string;
    try {
      verdict = compareParsers(file, readFileSync(file, 'utf8'), index);
    } catch (error) {
      verdict = `typescript-estree fails: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    }
    compared++;
    if (verdict === 'oxc rejects it' || verdict.startsWith('typescript-estree fails')) rejected.push(`${name}: ${verdict}`);
    else if (verdict !== 'same') differing.push(`${name}: ${verdict}`);
  }
  return { compared, differing, rejected };
}

function printAgreement(config: string, write: (line: string) => void): number {
  const { compared, differing, rejected } = agreement(config);
  write(`${relative(process.cwd(), config)}: ${compared} files; ${differing.length} differ, ${rejected.length} left to typescript-estree`);
  for (const line of [...differing, ...rejected].slice(0, 20)) write(`  ${line}`);
  return differing.length;
}

function measure(parser: ParserName, config: string): { ms: number; maxRssMb: number; errors: number } {
  const result = spawnSync(process.execPath, [SELF, '--one', parser, '--config', config], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${parser}: ${result.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { ms: number; maxRssMb: number; errors: number };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

if (isMain(import.meta.url)) {
  const one = argument('--one') as ParserName | undefined;
  const log = (message: string) => process.stderr.write(`${message}\n`);
  if (one !== undefined) {
    process.stdout.write(JSON.stringify(parseAll(one, argument('--config')!)) + '\n');
  } else if (process.argv.includes('--agree')) {
    const configs = process.argv.slice(process.argv.indexOf('--agree') + 1);
    if (configs.length === 0) throw new Error('usage: parsers --agree <flag-hygiene.config.json>…');
    let differing = 0;
    for (const config of configs) differing += printAgreement(config, (line) => process.stdout.write(`${line}\n`));
    if (differing > 0) process.exitCode = 1;
  } else {
    const corpus = argument('--corpus') === 'flagless' ? await realCorpus(log) : await flagCorpus(log);
    const parsers: ParserName[] = ['typescript', 'typescript-estree', 'oxc'];
    const runs = new Map<ParserName, { ms: number; maxRssMb: number; errors: number }[]>(parsers.map((parser) => [parser, []]));
    log(`parsers: ${corpus.name} (${corpus.files} files), 3 rotating fresh processes each…`);
    rotateRuns(
      3,
      parsers.map((parser) => () => {
        const result = measure(parser, corpus.config);
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
    if (printAgreement(corpus.config, log) > 0) process.exitCode = 1;
  }
}
