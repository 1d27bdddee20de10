/**
 * A deterministic generator of realistic TypeScript codebases for the scanner and lint benchmarks.
 *
 *   node dist/bench/corpus.js --files 1000 --seed 1 --out bench/.cache/gen-1k
 *
 * The same seed and file count give byte-identical output: all randomness comes from a seeded
 * generator (one for the plan, one per file, keyed by path), nothing reads the clock, and files are
 * rendered independently of the order they are written in.
 *
 * What a corpus holds:
 * - src/flags (a flag store, the article's isFeatureEnabled, keys as `as const` object and enum,
 *   a `useFlag(name)` wrapper with fixed-key wrappers, an OpenFeature client) and src/lib (logger,
 *   metrics, analytics, http, session…);
 * - domains (src/<area>/<domain>/…) with services, API handlers, React components and hooks, utilities,
 *   mappers, validation, clients, stores, an index.ts barrel and types.ts, and vitest tests
 *   (*.test.ts / *.test.tsx, colocated or in __tests__), importing each other relatively, through
 *   barrels and through the `@app/*` path alias of tsconfig.json;
 * - flag evaluations in 10-20% of non-test files, in five styles (the article's seed style, key
 *   constants, wrappers, OpenFeature, LaunchDarkly React), with nested checks, kill switches, a few
 *   dynamic keys and misspelt keys; tests that force flag states;
 * - flags.yaml (most used flags, all four types, expired / fully rolled out / killed / stale states,
 *   a few declared but unused), flag-hygiene.config.json, package.json;
 * - corpus.json (the CorpusInfo figures) and truth.json (which files evaluate which flags).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { flagCamelKey, planCorpus, TODAY, type CorpusPlan, type FlagStyle, type ModulePlan, type PoolFlag } from './corpus-plan.js';
import { civilFromDays, daysFromCivil, Rng } from './corpus-random.js';
import { renderModule } from './corpus-render.js';
import { DESCRIPTION_VERBS, SEGMENTS, TEAMS, TICKET_PREFIXES } from './corpus-words.js';
import { isMain } from './is-main.js';

export interface GenerateCorpusOptions {
  /** Number of source files (.ts/.tsx) to generate, at least 40. */
  files: number;
  seed: number | string;
  outDir: string;
  /** Files written at once (default 64). */
  concurrency?: number;
}

export interface CorpusInfo {
  /** Source files written (.ts and .tsx). */
  files: number;
  /** Non-test source files that evaluate at least one flag (including the wrapper module). */
  flagFiles: number;
  /** *.test.ts / *.test.tsx files. */
  testFiles: number;
  /** Lines and bytes of the source files. */
  lines: number;
  bytes: number;
  /** Distinct flag keys evaluated in non-test code (statically known keys; misspelt keys included). */
  flags: number;
  seed: string;
  /** Size of the key pool the corpus draws from (~2% of files, at least 20). */
  flagPool: number;
  /** Flags declared in flags.yaml. */
  declaredFlags: number;
  /** Keys evaluated in code but missing from flags.yaml (misspelt keys included). */
  undeclaredFlags: number;
  /** Declared flags no code evaluates. */
  unreferencedFlags: number;
  /** Flag files per style of the module's main decision. */
  styles: Record<FlagStyle, number>;
  /** Files with a key computed at run time. */
  dynamicFiles: number;
  /** Files with nested flag checks. */
  nestedFiles: number;
  /** Test files that force a flag state. */
  overrideTestFiles: number;
  /** Non-test files without flags that still contain look-alike code (`featureList.flags`, `isEnabled(…)`…). */
  lookAlikeFiles: number;
}

/** Per-file ground truth, for checking a scanner or prefilter against the corpus. */
export interface CorpusTruth {
  today: string;
  flagFiles: string[];
  dynamicFiles: string[];
  overrideTestFiles: string[];
  /**
   * By key. `camelCase` is the form LaunchDarkly's `useFlags()` exposes; a scanner can only map it back to
   * the key when the manifest declares the key, so an undeclared key may be reported in this form.
   */
  keys: Record<
    string,
    { type: PoolFlag['type']; state: PoolFlag['state']; declared: boolean; camelCase: string; files: string[]; tests: string[] }
  >;
  typos: string[];
}

const MANIFEST_FILE = 'flags.yaml';
const MARKER = 'corpus.json';

function referencedKeys(module: ModulePlan): PoolFlag[] {
  const use = module.flags;
  if (use === undefined) return [];
  return use.killSwitch !== undefined ? [...use.keys, use.killSwitch] : [...use.keys];
}

/** Which files reference which keys, from the plan. */
function buildTruth(plan: CorpusPlan): CorpusTruth {
  const keys: CorpusTruth['keys'] = {};
  for (const flag of plan.pool)
    keys[flag.key] = { type: flag.type, state: flag.state, declared: flag.declared, camelCase: flagCamelKey(flag), files: [], tests: [] };
  const useFlag = plan.infra.get('flags/use-flag')!;
  const flagFiles = new Set<string>([useFlag.path]);
  for (const flag of plan.pool) if (flag.wrapper !== undefined) keys[flag.key]!.files.push(useFlag.path);
  const dynamicFiles: string[] = [];
  const overrideTestFiles: string[] = [];
  for (const module of plan.modules) {
    if (module.kind === 'test') {
      const subject = module.subject;
      if (subject?.flags !== undefined) {
        overrideTestFiles.push(module.path);
        for (const flag of subject.flags.keys) keys[flag.key]!.tests.push(module.path);
      }
      continue;
    }
    if (module.flags === undefined) continue;
    flagFiles.add(module.path);
    for (const flag of referencedKeys(module)) {
      const files = keys[flag.key]!.files;
      if (!files.includes(module.path)) files.push(module.path);
    }
    if (module.flags.dynamic) dynamicFiles.push(module.path);
  }
  const sorted = (list: Iterable<string>) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const entry of Object.values(keys)) {
    entry.files = sorted(entry.files);
    entry.tests = sorted(entry.tests);
  }
  return {
    today: TODAY,
    flagFiles: sorted(flagFiles),
    dynamicFiles: sorted(dynamicFiles),
    overrideTestFiles: sorted(overrideTestFiles),
    keys,
    typos: [...plan.typos].sort(),
  };
}

/** flags.yaml in the contract's format: every used flag but the undeclared ones, plus a few unused. */
function renderManifest(plan: CorpusPlan, truth: CorpusTruth): { text: string; declared: number } {
  const rng = new Rng(`${plan.seed}/manifest`);
  const [year, month, day] = TODAY.split('-').map(Number) as [number, number, number];
  const today = daysFromCivil(year, month, day);
  const date = (offset: number) => civilFromDays(today + offset);
  const declared = plan.pool
    .filter((flag) => flag.declared && (truth.keys[flag.key]!.files.length > 0 || !flag.used))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const lines = [
    '# Feature flags of this service: type, owner and lifecycle of each.',
    '# Release and experiment flags need an expiry; owners clean their flags up.',
    'flags:',
  ];
  for (const flag of declared) {
    const temporary = flag.type === 'release' || flag.type === 'experiment';
    const state = flag.state;
    let created = -rng.int(3, 200);
    let expires = rng.int(5, 150);
    let enabled = true;
    let rollout = 100;
    let killSwitch = false;
    let segments: string[] = [];
    let lastEvaluated: number | undefined = rng.chance(0.75) ? -rng.int(0, 6) : undefined;
    switch (state) {
      case 'rolling-out':
        rollout = rng.pick([1, 5, 10, 20, 25, 50, 75, 90]);
        if (rng.chance(0.2)) expires = rng.int(1, 13);
        break;
      case 'fully-rolled-out':
        created = -rng.int(45, 320);
        break;
      case 'expired':
        created = -rng.int(120, 420);
        expires = created + rng.int(30, 110);
        if (expires >= 0) expires = -rng.int(1, 20);
        rollout = rng.pick([0, 50, 100, 100]);
        enabled = rollout > 0;
        break;
      case 'killed':
        killSwitch = true;
        rollout = rng.pick([25, 50, 100]);
        break;
      case 'disabled':
        enabled = false;
        rollout = 0;
        break;
      case 'not-evaluated':
        created = -rng.int(150, 500);
        lastEvaluated = created + rng.int(1, 40);
        if (lastEvaluated > -91) lastEvaluated = -rng.int(95, 140);
        break;
      case 'segmented':
        segments = rng.sample(SEGMENTS, rng.int(1, 2));
        rollout = flag.type === 'permission' ? 100 : rng.pick([25, 50, 100]);
        break;
      case 'on':
        break;
    }
    if (lastEvaluated !== undefined && lastEvaluated < created) lastEvaluated = created;
    const team = rng.pick(TEAMS);
    lines.push(`  ${flag.key}:`);
    lines.push(`    type: ${flag.type}`);
    lines.push(`    owner: ${team}-team`);
    lines.push(`    createdAt: ${date(created)}`);
    if (temporary) lines.push(`    expiresAt: ${date(expires)}`);
    if (rng.chance(0.3))
      lines.push(`    createdBy: ${rng.pick(['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana'])}@example.com`);
    if (rng.chance(0.8)) lines.push(`    ticket: ${rng.pick(TICKET_PREFIXES)}-${rng.int(10, 9999)}`);
    if (rng.chance(0.85)) lines.push(`    description: "${rng.pick(DESCRIPTION_VERBS)} ${flag.words.join(' ')}"`);
    lines.push(`    enabled: ${enabled}`);
    lines.push(`    rolloutPercentage: ${rollout}`);
    if (segments.length > 0) lines.push(`    targetSegments: [${segments.join(', ')}]`);
    lines.push(`    killSwitch: ${killSwitch}`);
    if (lastEvaluated !== undefined) lines.push(`    lastEvaluated: ${date(lastEvaluated)}`);
  }
  return { text: lines.join('\n') + '\n', declared: declared.length };
}

function projectFiles(plan: CorpusPlan, name: string): Array<[string, string]> {
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  return [
    [
      'tsconfig.json',
      json({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          isolatedModules: true,
          types: ['node', 'vitest/globals'],
          paths: { '@app/*': ['./src/*'] },
        },
        include: ['src'],
      }),
    ],
    [
      'package.json',
      json({
        name,
        version: '0.0.0',
        private: true,
        type: 'module',
        scripts: { build: 'tsc', test: 'vitest run', lint: 'eslint .' },
        dependencies: {
          '@openfeature/react-sdk': '^1.0.0',
          '@openfeature/server-sdk': '^1.17.0',
          'launchdarkly-react-client-sdk': '^3.6.0',
          react: '^19.0.0',
        },
        devDependencies: {
          '@testing-library/react': '^16.0.0',
          '@types/react': '^19.0.0',
          'jest-launchdarkly-mock': '^2.1.0',
          typescript: '~6.0.0',
          vitest: '^4.0.0',
        },
      }),
    ],
    ['flag-hygiene.config.json', json({ manifest: MANIFEST_FILE, presets: ['seed', 'openfeature', 'launchdarkly'], today: TODAY })],
  ];
}

/** Empties `outDir` when it is a previous corpus (has corpus.json) or is empty; refuses anything else. */
async function prepareOutDir(outDir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch {
    await mkdir(outDir, { recursive: true });
    return;
  }
  if (entries.length === 0) return;
  if (!entries.includes(MARKER)) throw new Error(`${outDir} is not empty and holds no ${MARKER}; refusing to overwrite it`);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
}

function countLines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

export async function generateCorpus({ files, seed, outDir, concurrency = 64 }: GenerateCorpusOptions): Promise<CorpusInfo> {
  const seedText = String(seed);
  const plan = planCorpus(files, seedText);
  const root = resolve(outDir);
  await prepareOutDir(root);
  // Marks the folder as a corpus at once, so a re-run may replace even an interrupted one.
  await writeFile(join(root, MARKER), JSON.stringify({ incomplete: true }) + '\n');
  const directories = [...new Set(plan.modules.map((module) => dirname(join(root, module.path))))].sort();
  for (const directory of directories) await mkdir(directory, { recursive: true });

  let lines = 0;
  let bytes = 0;
  let next = 0;
  const modules = plan.modules;
  const worker = async () => {
    while (next < modules.length) {
      const module = modules[next++]!;
      const text = renderModule(plan, module);
      lines += countLines(text);
      bytes += Buffer.byteLength(text);
      await writeFile(join(root, module.path), text);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));

  const truth = buildTruth(plan);
  const manifest = renderManifest(plan, truth);
  const name = `${plan.domains[0]!.entity.singular}-${plan.domains[1]!.entity.singular}-app`;
  for (const [path, text] of [...projectFiles(plan, name), [MANIFEST_FILE, manifest.text] as [string, string]])
    await writeFile(join(root, path), text);

  const evaluated = Object.entries(truth.keys).filter(([, entry]) => entry.files.length > 0);
  const styles: Record<FlagStyle, number> = { seed: 0, constants: 0, wrapper: 0, openfeature: 0, launchdarkly: 0 };
  for (const module of modules) if (module.flags && module.kind !== 'test') styles[module.flags.style]++;
  const info: CorpusInfo = {
    files: modules.length,
    flagFiles: truth.flagFiles.length,
    testFiles: modules.filter((module) => module.kind === 'test').length,
    lines,
    bytes,
    flags: evaluated.length + plan.typos.length,
    seed: seedText,
    flagPool: plan.pool.length,
    declaredFlags: manifest.declared,
    undeclaredFlags: evaluated.filter(([, entry]) => !entry.declared).length + plan.typos.length,
    unreferencedFlags: plan.pool.filter((flag) => flag.declared && truth.keys[flag.key]!.files.length === 0).length,
    styles,
    dynamicFiles: truth.dynamicFiles.length,
    nestedFiles: modules.filter((module) => module.flags?.nested === true).length,
    overrideTestFiles: truth.overrideTestFiles.length,
    lookAlikeFiles: modules.filter((module) => module.noise !== undefined).length,
  };
  await writeFile(join(root, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
  await writeFile(join(root, MARKER), JSON.stringify(info, null, 2) + '\n');
  return info;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      concurrency: { type: 'string', default: '64' },
    },
    strict: true,
  });
  const files = Number(values.files);
  if (!Number.isInteger(files) || files <= 0) throw new Error(`--files must be a positive integer, got ${values.files}`);
  const outDir = values.out ?? join('bench', '.cache', `gen-${files}-s${values.seed}`);
  const started = performance.now();
  const info = await generateCorpus({ files, seed: values.seed, outDir, concurrency: Number(values.concurrency) });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(JSON.stringify({ out: outDir, seconds: Number(seconds.toFixed(2)), ...info }, null, 2) + '\n');
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
