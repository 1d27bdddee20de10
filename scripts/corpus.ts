// Over 400 lines: one script whose steps (fetch, lint, scan, compare, tabulate) run in order on shared results.
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, type Linter, type Rule } from 'eslint';
import type { FlagHygieneSettings, PresetName } from '../src/config/schema.js';
import { resolveSettings } from '../src/config/settings.js';
import { UserError } from '../src/errors.js';
import { lintFileContext } from '../src/eslint/file-context.js';
import plugin from '../src/index.js';
import { buildReport } from '../src/report/build.js';
import { discoverFiles } from '../src/scanner/files.js';
import { mergeInventories, type Inventory } from '../src/scanner/inventory.js';
import { scanProject } from '../src/scanner/scan.js';
import { isMain } from '../bench/is-main.js';
import { packInto } from '../bench/real-corpus.js';

/*
 * `npm run corpus`: real published packages as corpora (issue 8). Each is fetched once with
 * `npm pack` (pinned version) into bench/.cache/corpora/<name>@<version>, then:
 *   - linted with configs.all through ESLint's Node API (no type information), file by file when a
 *     batch crashes, so a crash names its file;
 *   - scanned (scanProject, the corpus's presets), in this thread and with worker threads, whole and
 *     in three shards: the inventories must be the same bytes;
 *   - the references the ESLint rules saw compared with the scanner's, file by file.
 * It prints one table: files, references, findings per rule and per report code, parse errors,
 * crashes, internal errors. It exits 1 on a crash, an internal error, a finding in a corpus without
 * flags, a disagreement between ESLint and the scanner, or a scan that differs across threads or
 * shards. Not part of `npm test` (it needs the network the first time, and minutes).
 *
 *   npm run corpus [-- --only <name>] [--offline] [--cache <dir>] [--verbose] [--samples]
 *
 * `--samples` prints, for each corpus that uses flags, the first findings of every rule and report
 * code: the sample checked by hand for per-rule precision (recorded in test/precision/real-codebases.md).
 *
 * Why these corpora:
 *   unleash-server@8.2.0        The Unleash server (compiled TypeScript, 1,959 .js files and a
 *                               minified frontend). It gates its own features with
 *                               `flagResolver.isEnabled('…')`, the shape of the unleash preset's
 *                               `*.isEnabled($KEY)`: hundreds of references in real code and tests.
 *   @unleash/nextjs@1.6.7       The Unleash Next.js SDK with its compiled tests: the SDK's calls, its
 *                               bootstrap overrides in tests, keys passed through variables.
 *   @openfeature/react-sdk@1.4.1 The OpenFeature React SDK itself (two bundles): hooks that forward
 *                               keys (dynamic references), the preset's names in their definitions.
 *   rxjs@7.8.2                  No flags: TypeScript sources and three builds of a large library.
 *   @patternfly/react-core@6.6.1 No flags: 3,000 React files (TSX sources, builds, tests, a UMD
 *                               bundle), read with every preset on: precision on code full of
 *                               `isEnabled`/`getValue`-like names.
 * The corpora without flags are scanned with every preset on, so any reference is a false positive.
 */

export interface CorpusSpec {
  name: string;
  version: string;
  /** Whether the package uses feature flags (else: any reference or finding is a false positive). */
  flags: boolean;
  presets: readonly PresetName[];
  /** Why it is here, for the table's notes. */
  why: string;
}

const ALL_PRESETS: readonly PresetName[] = ['seed', 'openfeature', 'launchdarkly', 'unleash', 'growthbook', 'flagsmith'];

export const CORPORA: readonly CorpusSpec[] = [
  {
    name: 'unleash-server',
    version: '8.2.0',
    flags: true,
    presets: ['unleash'],
    why: 'feature server gating itself with flagResolver.isEnabled',
  },
  { name: '@unleash/nextjs', version: '1.6.7', flags: true, presets: ['unleash'], why: 'Unleash SDK for Next.js, with its tests' },
  { name: '@openfeature/react-sdk', version: '1.4.1', flags: true, presets: ['openfeature'], why: 'OpenFeature React SDK bundles' },
  { name: 'rxjs', version: '7.8.2', flags: false, presets: ALL_PRESETS, why: 'large library, no flags' },
  { name: '@patternfly/react-core', version: '6.6.1', flags: false, presets: ALL_PRESETS, why: 'large React codebase, no flags' },
];

/** The settings a corpus is scanned and linted with: everything under the package, no `dist` exclusion (packages ship builds). */
export function corpusSettings(spec: Pick<CorpusSpec, 'presets'>): FlagHygieneSettings {
  return {
    presets: [...spec.presets],
    today: '2026-11-28',
    exclude: ['**/node_modules/**', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts'],
  };
}

// ── Fetching ─────────────────────────────────────────────────────────────────────────────────

const MARKER = '.corpus.json';

function cacheFolder(cacheDir: string, spec: CorpusSpec): string {
  return join(cacheDir, `${spec.name.replace('/', '+')}@${spec.version}`);
}

/** A corpus the benchmarks already fetched (bench/.cache/real/<name>@<version>/package), reused without the network. */
function benchCopy(cacheDir: string, spec: CorpusSpec): string | undefined {
  const folder = join(dirname(cacheDir), 'real', `${spec.name}@${spec.version}`, 'package');
  return existsSync(folder) ? folder : undefined;
}

/**
 * The extracted package (`package/`), from the cache or fetched with `npm pack` (scripts off, via
 * a scratch folder, so an interrupted fetch leaves no half corpus).
 */
export async function fetchCorpus(
  spec: CorpusSpec,
  cacheDir: string,
  options: { offline?: boolean; log?: (line: string) => void } = {},
): Promise<string> {
  const folder = cacheFolder(cacheDir, spec);
  const root = join(folder, 'package');
  if (existsSync(join(folder, MARKER)) && existsSync(root)) return root;
  const scratch = `${folder}.partial-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    const fromBench = benchCopy(cacheDir, spec);
    if (fromBench !== undefined) {
      options.log?.(`${spec.name}@${spec.version}: copied from the benchmarks' cache`);
      await cp(fromBench, join(scratch, 'package'), { recursive: true, verbatimSymlinks: true });
    } else {
      if (options.offline) throw new Error(`${spec.name}@${spec.version} is not cached and --offline was given`);
      options.log?.(`${spec.name}@${spec.version}: npm pack`);
      await packInto(scratch, spec);
    }
    await writeFile(join(scratch, MARKER), `${JSON.stringify({ name: spec.name, version: spec.version }, null, 2)}\n`);
    await rm(folder, { recursive: true, force: true });
    await rename(scratch, folder);
    return root;
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

// ── Running ──────────────────────────────────────────────────────────────────────────────────

export interface CorpusResult {
  name: string;
  version: string;
  flags: boolean;
  files: number;
  /** Files the scanner skipped (minified, huge, binary, not UTF-8). */
  skipped: number;
  references: number;
  dynamic: number;
  /** ESLint reports of the plugin's rules, by rule. */
  byRule: Record<string, number>;
  /** The report's findings, by code (no manifest: removal reasons and `undeclared` need one). */
  byCode: Record<string, number>;
  /** Files ESLint could not parse (fatal "Parsing error"), and those the scanner could not. */
  parseErrors: { eslint: number; scanner: number };
  /** Exceptions: a rule or the scanner threw. Must be 0. */
  crashes: string[];
  /** The plugin could not check (a configuration message), a fatal message that is not a parse error. Must be 0. */
  internalErrors: string[];
  /** Files where the ESLint rules and the scanner found different references. Must be 0. */
  disagreements: string[];
  /**
   * The first findings of each rule and report code (`file:line:column message`), for a person to
   * check by hand: precision is counted on these (test/precision/real-codebases.md).
   */
  samples: Record<string, string[]>;
  /** The scan in worker threads and the three shards merged are the bytes of the in-thread scan. */
  sameAcrossWorkers: boolean;
  sameAcrossShards: boolean;
  seconds: number;
}

type AnyRuleContext = Parameters<typeof lintFileContext>[0];

const posix = (path: string) => path.split(sep).join('/');

function referenceLine(file: string, line: number, column: number, key: string, role: string): string {
  return `${file}:${line}:${column} ${key} ${role}`;
}

/** A rule that records, per file, the references the plugin's rules share (what ESLint "sees"). */
function recorderPlugin(root: string, seen: Map<string, string[]>): ESLint.Plugin {
  const rule: Rule.RuleModule = {
    meta: { type: 'problem', schema: [], docs: { description: 'Records the flag references the shared facts hold (corpus script)' } },
    create(context) {
      const file = posix(relative(root, context.physicalFilename));
      const facts = lintFileContext(context as unknown as AnyRuleContext);
      if (!(facts instanceof UserError)) {
        seen.set(
          file,
          facts.facts.references.map((reference) =>
            referenceLine(
              file,
              reference.loc.line,
              reference.loc.column,
              reference.key.kind === 'static' ? reference.key.key : `dynamic:${reference.key.text}`,
              reference.role,
            ),
          ),
        );
      }
      return {};
    },
  };
  return { rules: { references: rule } };
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

const BATCH = 100;
/** Findings kept per rule or code for the hand check. */
const SAMPLE_SIZE = 10;

function sample(samples: Record<string, string[]>, kind: string, line: string): void {
  const kept = (samples[kind] ??= []);
  if (kept.length < SAMPLE_SIZE) kept.push(line);
}

/** Lints and scans one corpus. Never throws for what the corpus holds: crashes are counted. */
export async function runCorpus(
  spec: Pick<CorpusSpec, 'name' | 'version' | 'flags' | 'presets'>,
  root: string,
  options: { workers?: number } = {},
): Promise<CorpusResult> {
  const started = performance.now();
  const raw = corpusSettings(spec);
  const result: CorpusResult = {
    name: spec.name,
    version: spec.version,
    flags: spec.flags,
    files: 0,
    skipped: 0,
    references: 0,
    dynamic: 0,
    byRule: {},
    byCode: {},
    parseErrors: { eslint: 0, scanner: 0 },
    crashes: [],
    internalErrors: [],
    disagreements: [],
    samples: {},
    sameAcrossWorkers: true,
    sameAcrossShards: true,
    seconds: 0,
  };

  // The scanner first: its file list is the one ESLint lints too.
  const settings = resolveSettings(raw, { root, origin: `corpus ${spec.name}`, env: {} });
  let inventory: Inventory | undefined;
  try {
    const scan = (extra: { workers: number; shard?: string }) => scanProject({ cwd: root, settings, cache: false, ...extra });
    const whole = await scan({ workers: 0 });
    inventory = whole.inventory;
    const expected = JSON.stringify(inventory);
    result.sameAcrossWorkers = JSON.stringify((await scan({ workers: options.workers ?? 2 })).inventory) === expected;
    const shards = await Promise.all(['1/3', '2/3', '3/3'].map(async (shard) => (await scan({ workers: 0, shard })).inventory));
    result.sameAcrossShards = JSON.stringify(mergeInventories(shards)) === expected;
  } catch (error) {
    result.crashes.push(`scanner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const files = discoverFiles({ root, include: settings.include, exclude: settings.exclude, cwd: root });
  result.files = files.length;
  if (inventory !== undefined) {
    result.skipped = inventory.stats.skipped;
    result.references = inventory.references.length;
    result.dynamic = inventory.references.filter((reference) => reference.dynamic).length;
    result.parseErrors.scanner = inventory.warnings.filter((warning) => warning.message.startsWith('does not parse')).length;
    const report = buildReport({ inventory, manifest: undefined, today: settings.today, policy: settings.policy, root, failOn: [] });
    for (const error of report.errors) {
      increment(result.byCode, error.code);
      sample(result.samples, `report ${error.code}`, `${error.file}:${error.line}:${error.column} ${error.message}`);
    }
    for (const flag of report.flags) for (const reason of flag.reasons) increment(result.byCode, reason);
  }

  // ESLint: configs.all, the corpus's settings, nothing from the corpus loaded (no config file, no inline config).
  const seen = new Map<string, string[]>();
  const config: Linter.Config = {
    ...(plugin.configs.all as unknown as Linter.Config),
    plugins: { ...(plugin.configs.all.plugins as unknown as Record<string, ESLint.Plugin>), recorder: recorderPlugin(root, seen) },
    languageOptions: { parser: tsParser as unknown as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    settings: { 'flag-hygiene': raw },
    rules: { ...(plugin.configs.all.rules as TSESLint.FlatConfig.Rules as Linter.RulesRecord), 'recorder/references': 'error' },
  };
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [config],
    ignore: false,
    errorOnUnmatchedPattern: false,
  });
  const lint = async (batch: string[]): Promise<ESLint.LintResult[]> => {
    try {
      return await eslint.lintFiles(batch);
    } catch (error) {
      if (batch.length === 1) {
        result.crashes.push(
          `eslint ${posix(relative(root, batch[0]!))}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        );
        return [];
      }
      // Which file? One at a time.
      const results: ESLint.LintResult[] = [];
      for (const file of batch) results.push(...(await lint([file])));
      return results;
    }
  };
  for (let start = 0; start < files.length; start += BATCH) {
    for (const lintResult of await lint(files.slice(start, start + BATCH))) {
      const file = posix(relative(root, lintResult.filePath));
      for (const message of lintResult.messages) {
        if (message.fatal) {
          if (message.message.startsWith('Parsing error')) result.parseErrors.eslint++;
          else result.internalErrors.push(`${file}:${message.line}: ${message.message}`);
        } else if (message.ruleId === null && /noInlineConfig/.test(message.message)) {
          // The corpus's own eslint comments, ignored on purpose (its rules are not loaded).
          continue;
        } else if (message.messageId === 'configuration' || message.ruleId === null) {
          result.internalErrors.push(`${file}:${message.line}: ${message.message}`);
        } else if (message.ruleId?.startsWith('flag-hygiene/')) {
          increment(result.byRule, message.ruleId.slice('flag-hygiene/'.length));
          sample(result.samples, message.ruleId, `${file}:${message.line}:${message.column} ${message.message}`);
        }
      }
    }
  }

  // One detector, two front-ends: the same references in every file both read.
  if (inventory !== undefined) {
    const unread = new Set([...inventory.warnings, ...inventory.skipped].map((entry) => entry.file));
    const scanned = new Map<string, string[]>();
    for (const reference of inventory.references) {
      if (reference.via.startsWith('mock of ')) continue;
      const line = referenceLine(
        reference.file,
        reference.line,
        reference.column,
        reference.dynamic ? `dynamic:${reference.key}` : reference.key,
        reference.role,
      );
      scanned.set(reference.file, [...(scanned.get(reference.file) ?? []), line]);
    }
    for (const file of new Set([...scanned.keys(), ...seen.keys()])) {
      if (unread.has(file)) continue;
      const left = [...(seen.get(file) ?? [])].sort();
      const right = [...(scanned.get(file) ?? [])].sort();
      if (JSON.stringify(left) !== JSON.stringify(right)) {
        const onlyEslint = left.filter((line) => !right.includes(line));
        const onlyScanner = right.filter((line) => !left.includes(line));
        result.disagreements.push(`${file}: ESLint only [${onlyEslint.join('; ')}], scanner only [${onlyScanner.join('; ')}]`);
      }
    }
  }
  result.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  return result;
}

// ── Reporting ────────────────────────────────────────────────────────────────────────────────

/** What makes the run fail, one line each; empty when it passes. */
export function problemsOf(results: readonly CorpusResult[]): string[] {
  const problems: string[] = [];
  for (const result of results) {
    const name = `${result.name}@${result.version}`;
    for (const crash of result.crashes) problems.push(`${name}: crash: ${crash.split('\n')[0]}`);
    for (const error of result.internalErrors) problems.push(`${name}: internal error: ${error}`);
    for (const disagreement of result.disagreements) problems.push(`${name}: ESLint and the scanner disagree: ${disagreement}`);
    if (!result.sameAcrossWorkers) problems.push(`${name}: the scan in worker threads differs from the scan in one thread`);
    if (!result.sameAcrossShards) problems.push(`${name}: three shards merged differ from the whole scan`);
    if (!result.flags) {
      const findings =
        Object.values(result.byRule).reduce((sum, count) => sum + count, 0) +
        Object.values(result.byCode).reduce((sum, count) => sum + count, 0);
      if (result.references > 0 || findings > 0)
        problems.push(`${name}: has no feature flags, yet ${result.references} references and ${findings} findings (false positives)`);
    }
  }
  return problems;
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.length === 0 ? '—' : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}

/** The results as a Markdown table (readable in a terminal, pasteable in an issue). */
export function formatTable(results: readonly CorpusResult[]): string {
  const header = [
    'corpus',
    'flags?',
    'files',
    'skipped',
    'references (dynamic)',
    'ESLint findings by rule',
    'report findings by code',
    'parse errors ESLint/scanner',
    'crashes',
    'internal errors',
    'ESLint≠scanner',
    'workers/shards same',
    'seconds',
  ];
  const rows = results.map((result) => [
    `${result.name}@${result.version}`,
    result.flags ? 'yes' : 'no',
    String(result.files),
    String(result.skipped),
    `${result.references} (${result.dynamic})`,
    counts(result.byRule),
    counts(result.byCode),
    `${result.parseErrors.eslint}/${result.parseErrors.scanner}`,
    String(result.crashes.length),
    String(result.internalErrors.length),
    String(result.disagreements.length),
    `${result.sameAcrossWorkers ? 'yes' : 'NO'}/${result.sameAcrossShards ? 'yes' : 'NO'}`,
    String(result.seconds),
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

/** The kept findings of each corpus that uses flags, by rule and code: what a person checks by hand. */
export function formatSamples(results: readonly CorpusResult[]): string {
  const out: string[] = [];
  for (const result of results) {
    if (!result.flags) continue;
    out.push('', `## ${result.name}@${result.version}: ${result.references} references (${result.dynamic} dynamic)`);
    for (const [kind, lines] of Object.entries(result.samples).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const total = kind.startsWith('report ')
        ? result.byCode[kind.slice('report '.length)]
        : result.byRule[kind.slice('flag-hygiene/'.length)];
      out.push(`### ${kind}: ${total ?? lines.length} (first ${lines.length})`, ...lines.map((line) => `- ${line}`));
    }
  }
  return `${out.join('\n')}\n`;
}

// ── Command line ─────────────────────────────────────────────────────────────────────────────

interface Arguments {
  only?: string;
  offline: boolean;
  cache: string;
  verbose: boolean;
  samples: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  // dist/scripts/corpus.js → <project>/bench/.cache/corpora
  const args: Arguments = {
    offline: false,
    cache: fileURLToPath(new URL('../../bench/.cache/corpora', import.meta.url)),
    verbose: false,
    samples: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--offline') args.offline = true;
    else if (arg === '--verbose') args.verbose = true;
    else if (arg === '--samples') args.samples = true;
    else if (arg === '--only' && argv[i + 1] !== undefined) args.only = argv[++i];
    else if (arg === '--cache' && argv[i + 1] !== undefined) args.cache = resolve(argv[++i]!);
    else throw new Error(`corpus: unknown argument '${arg}' (use --only <name>, --offline, --cache <dir>, --verbose, --samples)`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2));
  const selected = CORPORA.filter((spec) => args.only === undefined || spec.name === args.only);
  if (selected.length === 0) throw new Error(`corpus: no corpus named '${args.only}' (${CORPORA.map((spec) => spec.name).join(', ')})`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const results: CorpusResult[] = [];
  for (const spec of selected) {
    const root = await fetchCorpus(spec, args.cache, { offline: args.offline, log });
    log(`${spec.name}@${spec.version}: linting and scanning (${spec.why})`);
    const result = await runCorpus(spec, root);
    log(`${spec.name}@${spec.version}: done in ${result.seconds} s`);
    results.push(result);
  }
  process.stdout.write(formatTable(results));
  if (args.samples) process.stdout.write(formatSamples(results));
  const problems = problemsOf(results);
  const shown = args.verbose ? problems : problems.slice(0, 20);
  for (const problem of shown) process.stdout.write(`✖ ${problem}\n`);
  if (shown.length < problems.length) process.stdout.write(`… and ${problems.length - shown.length} more (--verbose shows all)\n`);
  if (problems.length === 0)
    process.stdout.write(
      '✔ no crash, no internal error, no false positive; ESLint and the scanner agree; scans are the same across threads and shards\n',
    );
  return problems.length === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) {
  main()
    .then((status) => {
      process.exitCode = status;
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
