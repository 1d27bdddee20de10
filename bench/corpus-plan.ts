// Over 400 lines: the plan is one sequential pass of seeded choices that later files depend on; split, the order would be.
/**
 * The corpus plan: which files exist, what each one exports, imports, tests, and which flags it
 * evaluates in which style. Every random choice that another file depends on is made here, in one
 * sequential pass, so files can then be rendered independently (and in any order) from their own
 * seeded generator.
 */
import {
  ADJECTIVES,
  AREAS,
  FIELDS,
  FLAG_HEADS,
  FLAG_TAILS,
  NOUNS,
  OPERATIONAL_TAILS,
  PERMISSION_TAILS,
  STATUSES,
  UI_NOUNS,
  VERBS,
  type FieldSpec,
} from './corpus-words.js';
import { camel, capitalize, kebab, pascal, plural, Rng, upperSnake, words } from './corpus-random.js';

export type FlagType = 'release' | 'operational' | 'experiment' | 'permission';
/** What the manifest will say about a flag, chosen so every removal reason occurs. */
export type FlagState = 'rolling-out' | 'fully-rolled-out' | 'expired' | 'killed' | 'disabled' | 'not-evaluated' | 'on' | 'segmented';

export interface PoolFlag {
  key: string;
  /** Lower-case words of the key, for identifiers (`search-reranker-v3` → search, reranker, v3). */
  words: string[];
  type: FlagType;
  state: FlagState;
  /** Member of `FLAGS` in src/flags/keys.ts (`NEW_CHECKOUT`). */
  constant?: string;
  /** Member of `enum FlagKey` (`NewCheckout`). */
  enumMember?: string;
  /** Fixed-key wrapper exported by src/flags/use-flag.ts (`isNewCheckout`). */
  wrapper?: string;
  /** Evaluated somewhere outside tests. */
  used: boolean;
  declared: boolean;
}

export type FlagStyle = 'seed' | 'constants' | 'wrapper' | 'openfeature' | 'launchdarkly';

export interface FlagUse {
  style: FlagStyle;
  keys: PoolFlag[];
  /** The second key is checked inside the first one's branch. */
  nested: boolean;
  /** An operational flag read as `flags.get(key)?.killSwitch`. */
  killSwitch?: PoolFlag;
  /** A key built at run time (`flags.get(`${prefix}-beta`)`). */
  dynamic: boolean;
  /** Log the decision (`logger.info('flag decision', …)`). */
  decisionLog: boolean;
  /** A misspelt key literal (never declared). */
  typo?: string;
}

export type ModuleKind =
  | 'service'
  | 'api'
  | 'component'
  | 'hook'
  | 'util'
  | 'mapper'
  | 'validation'
  | 'client'
  | 'store'
  | 'constants'
  | 'types'
  | 'index'
  | 'test'
  | 'infra';

export type Shape = 'function' | 'async-function' | 'class' | 'component' | 'hook' | 'const' | 'none';

export type NoiseKind = 'cli-flags' | 'feature-list' | 'toggles' | 'regex-flags' | 'bit-flags' | 'comment' | 'settings-get';

export interface Entity {
  singular: string;
  plural: string;
  /** `Order` */
  type: string;
  /** `order` */
  variable: string;
  fields: FieldSpec[];
  statuses: string[];
  /** A string field holding a user or customer id, for flag contexts. */
  userField: string;
  numberField: string;
  textField: string;
}

export interface Domain {
  /** `src/storefront/orders` */
  dir: string;
  /** `@app/storefront/orders` */
  alias: string;
  name: string;
  entity: Entity;
  modules: ModulePlan[];
  quote: "'" | '"';
  flavor: 'frontend' | 'backend' | 'mixed';
  index?: ModulePlan;
  types?: ModulePlan;
}

export interface ModulePlan {
  /** Relative to the corpus root, `/` separators. */
  path: string;
  kind: ModuleKind;
  domain?: Domain;
  /** The main exported name. */
  primary: string;
  shape: Shape;
  lineTarget: number;
  flags?: FlagUse;
  deps: ModulePlan[];
  /** For tests: the module under test. */
  subject?: ModulePlan;
  /** For tests of flagged modules: which states the test forces. */
  testStates?: 'both' | 'on' | 'off';
  reexported: boolean;
  noise?: NoiseKind;
  /** Seed words of the name (`['sync', 'invoice']`). */
  words: string[];
  tests: ModulePlan[];
}

export interface CorpusPlan {
  seed: string;
  files: number;
  modules: ModulePlan[];
  domains: Domain[];
  pool: PoolFlag[];
  /** Misspelt keys used somewhere. */
  typos: string[];
  /** The infrastructure modules by name (`flags/store`, `lib/logger`, …). */
  infra: Map<string, ModulePlan>;
  quote: "'" | '"';
}

export const TODAY = '2026-11-28';

/** Infrastructure every corpus has: the flag store and helpers, and a small shared library. */
const INFRA: ReadonlyArray<readonly [name: string, path: string, primary: string, kind: ModuleKind]> = [
  ['flags/store', 'src/flags/store.ts', 'flags', 'infra'],
  ['flags/evaluate', 'src/flags/evaluate.ts', 'isFeatureEnabled', 'infra'],
  ['flags/context', 'src/flags/context.ts', 'currentUser', 'infra'],
  ['flags/keys', 'src/flags/keys.ts', 'FLAGS', 'infra'],
  ['flags/use-flag', 'src/flags/use-flag.ts', 'useFlag', 'infra'],
  ['flags/openfeature', 'src/flags/openfeature.ts', 'featureClient', 'infra'],
  ['flags/index', 'src/flags/index.ts', '', 'index'],
  ['flags/evaluate.test', 'src/flags/evaluate.test.ts', '', 'test'],
  ['lib/logger', 'src/lib/logger.ts', 'logger', 'infra'],
  ['lib/metrics', 'src/lib/metrics.ts', 'metrics', 'infra'],
  ['lib/analytics', 'src/lib/analytics.ts', 'analytics', 'infra'],
  ['lib/http', 'src/lib/http.ts', 'http', 'infra'],
  ['lib/cache', 'src/lib/cache.ts', 'TtlCache', 'infra'],
  ['lib/session', 'src/lib/session.ts', 'useCurrentUser', 'infra'],
  ['lib/api', 'src/lib/api.ts', 'ApiRequest', 'infra'],
  ['lib/index', 'src/lib/index.ts', '', 'index'],
];

export const MIN_FILES = INFRA.length + 24;

/** Nouns that cannot name an entity: reserved words, or globals the generated code itself uses (`Record<>`, `document`). */
const NOT_ENTITIES = new Set(['import', 'export', 'package', 'return', 'record', 'document', 'module']);
const ENTITY_NOUNS = NOUNS.filter((noun) => !NOT_ENTITIES.has(noun));

const KIND_WEIGHTS: Record<Domain['flavor'], ReadonlyArray<readonly [ModuleKind, number]>> = {
  frontend: [
    ['component', 42],
    ['hook', 14],
    ['util', 14],
    ['mapper', 6],
    ['validation', 6],
    ['client', 6],
    ['store', 6],
    ['service', 6],
  ],
  backend: [
    ['service', 30],
    ['api', 16],
    ['util', 14],
    ['mapper', 10],
    ['validation', 10],
    ['client', 10],
    ['store', 4],
    ['component', 6],
  ],
  mixed: [
    ['service', 18],
    ['api', 8],
    ['component', 24],
    ['hook', 7],
    ['util', 14],
    ['mapper', 8],
    ['validation', 6],
    ['client', 6],
    ['store', 5],
  ],
};

const LINE_MEDIANS: Record<ModuleKind, number> = {
  service: 95,
  api: 72,
  component: 100,
  hook: 52,
  util: 56,
  mapper: 50,
  validation: 58,
  client: 82,
  store: 62,
  constants: 32,
  types: 48,
  index: 10,
  test: 78,
  infra: 40,
};

/** Kinds a module of a given kind may import from (the first entries are preferred). */
const IMPORTABLE: Partial<Record<ModuleKind, readonly ModuleKind[]>> = {
  component: ['component', 'hook', 'util', 'mapper', 'store'],
  hook: ['client', 'service', 'util', 'mapper', 'store'],
  service: ['client', 'util', 'mapper', 'validation', 'service', 'store'],
  api: ['service', 'validation', 'mapper'],
  util: ['util'],
  mapper: ['util'],
  validation: ['util'],
  client: ['util', 'mapper'],
  store: ['util', 'mapper'],
};

const FLAGGABLE: Partial<Record<ModuleKind, number>> = { service: 1, api: 1, component: 1, hook: 1, client: 0.8, store: 0.8, util: 0.35 };
const FRONTEND_KINDS = new Set<ModuleKind>(['component', 'hook']);

function camelKey(flag: PoolFlag): string {
  return camel(...flag.words);
}

/** Builds the pool of flag keys: ~2% of the file count (at least 20), unique even once camelCased. */
function planPool(rng: Rng, count: number): PoolFlag[] {
  const pool: PoolFlag[] = [];
  const seen = new Set<string>();
  const add = (key: string, type: FlagType): boolean => {
    const identity = words(key).join(' ');
    if (seen.has(identity)) return false;
    seen.add(identity);
    pool.push({ key, words: words(key), type, state: 'on', used: true, declared: true });
    return true;
  };
  // The article's own flags come first.
  add('new_payment_processor', 'release');
  add('external_api_circuit_breaker', 'operational');
  add('recommendation_v2', 'experiment');
  add('new-checkout', 'release');
  add('search-reranker-v3', 'experiment');
  add('bulk-import', 'permission');
  let attempts = 0;
  while (pool.length < count) {
    attempts++;
    const type = rng.weighted<FlagType>([
      ['release', 46],
      ['experiment', 20],
      ['operational', 20],
      ['permission', 14],
    ]);
    const separator = rng.chance(0.68) ? '-' : '_';
    let parts: string[];
    if (type === 'operational') parts = [rng.pick(NOUNS), rng.pick(OPERATIONAL_TAILS)];
    else if (type === 'permission') parts = [rng.pick(['enterprise', 'pro', 'team', rng.pick(NOUNS)]), rng.pick(PERMISSION_TAILS)];
    else parts = [rng.pick(FLAG_HEADS), rng.pick(FLAG_TAILS)];
    if (type !== 'permission' && rng.chance(type === 'experiment' ? 0.5 : 0.22)) parts.push(`v${rng.int(2, 5)}`);
    if (attempts > count * 40) parts.push(String(attempts));
    add(words(parts.join(' ')).join(separator), type);
  }
  for (const flag of pool) {
    flag.state = flagState(rng, flag.type);
  }
  // Which keys go through constants and wrappers.
  const shuffled = rng.shuffle([...pool]);
  const constants = Math.max(4, Math.round(pool.length * 0.45));
  const enums = Math.max(3, Math.round(pool.length * 0.2));
  shuffled.forEach((flag, index) => {
    if (index < constants) flag.constant = upperSnake(...flag.words);
    else if (index < constants + enums) flag.enumMember = pascal(...flag.words);
  });
  // A few keys are declared but never evaluated (unreferenced), and a few used keys are undeclared.
  for (const flag of rng.sample(pool.slice(6), Math.max(2, Math.round(pool.length * 0.06)))) flag.used = false;
  pool.forEach((flag, index) => {
    if (index >= 4 && flag.used && rng.chance(0.12)) flag.declared = false;
  });
  const wrappers = Math.max(3, Math.round(pool.length * 0.15));
  for (const flag of rng.sample(
    pool.filter((candidate) => candidate.used),
    wrappers,
  ))
    flag.wrapper = `is${pascal(...flag.words)}`;
  return pool;
}

function flagState(rng: Rng, type: FlagType): FlagState {
  switch (type) {
    case 'release':
      return rng.weighted<FlagState>([
        ['rolling-out', 30],
        ['fully-rolled-out', 22],
        ['expired', 20],
        ['killed', 6],
        ['disabled', 8],
        ['not-evaluated', 6],
        ['segmented', 8],
      ]);
    case 'experiment':
      return rng.weighted<FlagState>([
        ['rolling-out', 40],
        ['expired', 25],
        ['disabled', 10],
        ['killed', 5],
        ['not-evaluated', 8],
        ['segmented', 12],
      ]);
    case 'operational':
      return rng.weighted<FlagState>([
        ['on', 60],
        ['killed', 20],
        ['not-evaluated', 10],
        ['disabled', 10],
      ]);
    case 'permission':
      return rng.weighted<FlagState>([
        ['segmented', 70],
        ['on', 20],
        ['not-evaluated', 10],
      ]);
  }
}

function makeEntity(rng: Rng, noun: string): Entity {
  const fields: FieldSpec[] = [];
  const available = FIELDS.filter((field) => field.name !== 'status');
  const chosen = rng.sample(available, rng.int(4, 9));
  // Every entity has a user-ish id field, a number and a text field.
  const ensure = (predicate: (field: FieldSpec) => boolean, fallback: string) => {
    if (!chosen.some(predicate)) chosen.push(FIELDS.find((field) => field.name === fallback)!);
  };
  ensure((field) => field.name === 'ownerId' || field.name === 'customerId', rng.pick(['ownerId', 'customerId']));
  ensure((field) => field.type === 'number', rng.pick(['amount', 'quantity', 'score']));
  ensure((field) => field.type === 'string' && !/Id$|At$/.test(field.name), rng.pick(['name', 'title']));
  fields.push(...chosen);
  const statuses = rng.sample(STATUSES, rng.int(3, 5));
  return {
    singular: noun,
    plural: plural(noun),
    type: pascal(noun),
    variable: camel(noun),
    fields,
    statuses,
    userField: chosen.find((field) => field.name === 'ownerId' || field.name === 'customerId')!.name,
    numberField: chosen.find((field) => field.type === 'number')!.name,
    textField: chosen.find((field) => field.type === 'string' && !/Id$|At$/.test(field.name))!.name,
  };
}

/** Splits `total` into `parts` sizes proportional to random weights, each at least `minimum`. */
function splitSizes(rng: Rng, total: number, parts: number, minimum: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.35 + rng.next() * 1.65);
  const spare = total - parts * minimum;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (weight / sum) * spare);
  const sizes = exact.map((value) => minimum + Math.floor(value));
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((value, index) => [value - Math.floor(value), index] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) sizes[byRemainder[i]![1]]! += 1;
  return sizes;
}

interface NamedModule {
  file: string;
  primary: string;
  shape: Shape;
  words: string[];
}

/** A file name and primary export for a module of `kind` in a domain about `entity`. */
function nameModule(rng: Rng, kind: ModuleKind, entity: Entity): NamedModule {
  const other = rng.chance(0.55) ? entity.singular : rng.pick(NOUNS);
  const verb = rng.pick(VERBS);
  const adjective = rng.pick(ADJECTIVES);
  switch (kind) {
    case 'service': {
      if (rng.chance(0.4)) {
        const base = rng.chance(0.5) ? [other] : [adjective, other];
        return { file: `services/${kebab(...base)}-service.ts`, primary: `${pascal(...base)}Service`, shape: 'class', words: base };
      }
      const base = [verb, rng.chance(0.5) ? plural(other) : other];
      return { file: `services/${kebab(...base)}.ts`, primary: camel(...base), shape: 'async-function', words: base };
    }
    case 'api': {
      const base = [verb, rng.chance(0.6) ? entity.singular : other];
      return { file: `api/${kebab(...base)}.ts`, primary: `handle${pascal(...base)}`, shape: 'async-function', words: base };
    }
    case 'component': {
      const base = rng.chance(0.35) ? [adjective, other] : [other];
      const ui = rng.pick(UI_NOUNS);
      const name = `${pascal(...base)}${ui}`;
      return { file: `components/${name}.tsx`, primary: name, shape: 'component', words: [...base, ui] };
    }
    case 'hook': {
      const base = rng.chance(0.5)
        ? [other, rng.pick(['list', 'details', 'search', 'form', 'selection', 'status'])]
        : [adjective, plural(other)];
      return { file: `hooks/use-${kebab(...base)}.ts`, primary: `use${pascal(...base)}`, shape: 'hook', words: base };
    }
    case 'util': {
      const base = [verb, other, rng.pick(['label', 'total', 'summary', 'key', 'range', 'url', 'list', 'score', 'text', 'window'])];
      return { file: `utils/${kebab(...base)}.ts`, primary: camel(...base), shape: 'function', words: base };
    }
    case 'mapper': {
      const target = rng.pick(['dto', 'row', 'payload', 'view-model', 'record', 'event']);
      return {
        file: `mappers/${kebab(other, target)}-mapper.ts`,
        primary: `to${pascal(other, target)}`,
        shape: 'function',
        words: [other, target],
      };
    }
    case 'validation': {
      const base = [other, rng.pick(['input', 'form', 'payload', 'draft', 'update', 'filters'])];
      return { file: `validation/${kebab(...base)}.ts`, primary: `validate${pascal(...base)}`, shape: 'function', words: base };
    }
    case 'client': {
      const base = rng.chance(0.5) ? [other] : [adjective, other];
      return { file: `clients/${kebab(...base)}-client.ts`, primary: `${pascal(...base)}Client`, shape: 'class', words: base };
    }
    case 'store': {
      const base = [rng.chance(0.6) ? entity.singular : other, rng.pick(['store', 'state', 'registry', 'queue'])];
      return { file: `state/${kebab(...base)}.ts`, primary: `create${pascal(...base)}`, shape: 'function', words: base };
    }
    case 'constants':
      return {
        file: rng.pick(['constants.ts', 'config.ts', 'defaults.ts']),
        primary: `${upperSnake(entity.singular)}_DEFAULTS`,
        shape: 'const',
        words: [entity.singular],
      };
    default:
      throw new Error(`no names for ${kind}`);
  }
}

export function planCorpus(files: number, seed: string): CorpusPlan {
  if (!Number.isInteger(files) || files < MIN_FILES) throw new Error(`files must be an integer >= ${MIN_FILES}, got ${files}`);
  const rng = new Rng(`${seed}/plan`);
  const pool = planPool(rng, Math.max(20, Math.round(files * 0.02)));
  const quote = rng.chance(0.8) ? "'" : '"';
  const modules: ModulePlan[] = [];
  const infra = new Map<string, ModulePlan>();
  for (const [name, path, primary, kind] of INFRA) {
    const module: ModulePlan = {
      path,
      kind,
      primary,
      shape: 'none',
      lineTarget: LINE_MEDIANS.infra,
      deps: [],
      reexported: false,
      words: [name],
      tests: [],
    };
    infra.set(name, module);
    modules.push(module);
  }
  infra.get('flags/evaluate.test')!.subject = infra.get('flags/evaluate');

  // Domains, grouped into product areas once there are many.
  const remaining = files - INFRA.length;
  const domainCount = Math.max(2, Math.round(remaining / 38));
  const sizes = splitSizes(rng, remaining, domainCount, 8);
  const areaCount = domainCount <= 24 ? 0 : Math.min(AREAS.length, Math.ceil(domainCount / 20));
  const areas = rng.shuffle([...AREAS]).slice(0, areaCount);
  const namesByArea = new Map<string, Set<string>>();
  const domains: Domain[] = [];
  const areaQuotes = new Map<string, "'" | '"'>();
  for (let d = 0; d < domainCount; d++) {
    const area = areaCount === 0 ? '' : areas[d % areaCount]!;
    const taken = namesByArea.get(area) ?? new Set<string>();
    namesByArea.set(area, taken);
    let noun = rng.pick(ENTITY_NOUNS);
    let name = plural(noun);
    for (let attempt = 0; taken.has(name); attempt++) {
      noun = rng.pick(ENTITY_NOUNS);
      name = attempt < 20 ? plural(noun) : kebab(rng.pick(ADJECTIVES), plural(noun));
      if (attempt > 200) name = `${name}-${attempt}`;
    }
    taken.add(name);
    const dir = area === '' ? `src/${name}` : `src/${area}/${name}`;
    if (!areaQuotes.has(area)) areaQuotes.set(area, rng.chance(0.85) ? quote : quote === "'" ? '"' : "'");
    domains.push({
      dir,
      alias: `@app/${dir.slice(4)}`,
      name,
      entity: makeEntity(rng, noun),
      modules: [],
      quote: areaQuotes.get(area)!,
      flavor: rng.weighted<Domain['flavor']>([
        ['frontend', 30],
        ['backend', 30],
        ['mixed', 40],
      ]),
    });
  }

  // Modules of each domain.
  for (let d = 0; d < domainCount; d++) {
    const domain = domains[d]!;
    const size = sizes[d]!;
    const used = new Set<string>();
    const add = (module: ModulePlan) => {
      used.add(module.path);
      domain.modules.push(module);
      modules.push(module);
    };
    const base = { domain, deps: [], reexported: false, tests: [] };
    domain.index = {
      ...base,
      deps: [],
      tests: [],
      path: `${domain.dir}/index.ts`,
      kind: 'index',
      primary: '',
      shape: 'none',
      lineTarget: 0,
      words: [],
    };
    domain.types = {
      ...base,
      deps: [],
      tests: [],
      path: `${domain.dir}/types.ts`,
      kind: 'types',
      primary: domain.entity.type,
      shape: 'none',
      lineTarget: rng.logNormal(LINE_MEDIANS.types, 0.5, 20, 220),
      words: [],
    };
    add(domain.index);
    add(domain.types);
    const rest = size - 2;
    const tests = Math.min(rest - 3, Math.max(1, Math.round(rest * (0.2 + rng.next() * 0.1))));
    const nonTests = rest - tests;
    let hasConstants = false;
    for (let i = 0; i < nonTests; i++) {
      let kind = rng.weighted(KIND_WEIGHTS[domain.flavor]);
      if (!hasConstants && rng.chance(0.08)) kind = 'constants';
      if (kind === 'constants') hasConstants = true;
      let named = nameModule(rng, kind, domain.entity);
      const clash = (candidate: NamedModule) =>
        used.has(`${domain.dir}/${candidate.file}`) || domain.modules.some((m) => m.primary === candidate.primary);
      for (let attempt = 0; clash(named) && attempt < 30; attempt++) {
        if (kind === 'constants') kind = 'util';
        named = nameModule(rng, kind, domain.entity);
      }
      const original = named;
      for (let suffix = 2; clash(named); suffix++) {
        named = { ...original, file: original.file.replace(/(\.tsx?)$/, `-${suffix}$1`), primary: `${original.primary}${suffix}` };
      }
      add({
        ...base,
        deps: [],
        tests: [],
        path: `${domain.dir}/${named.file}`,
        kind,
        primary: named.primary,
        shape: named.shape,
        words: named.words,
        lineTarget: rng.logNormal(LINE_MEDIANS[kind], 0.55, 20, 370),
        reexported: kind === 'constants' || rng.chance(0.6),
      });
    }
    // Tests: placeholders, subjects chosen once flags are assigned (flagged modules get tested more).
    for (let i = 0; i < tests; i++) {
      add({
        ...base,
        deps: [],
        tests: [],
        path: `${domain.dir}/#test-${i}`,
        kind: 'test',
        primary: '',
        shape: 'none',
        lineTarget: rng.logNormal(LINE_MEDIANS.test, 0.5, 20, 370),
        words: [],
      });
    }
  }

  assignFlags(rng, files, domains, pool);
  const typos = assignTypos(rng, files, modules, pool);
  assignTests(rng, domains);
  assignDeps(rng, domains);
  assignNoise(rng, modules);
  return { seed, files, modules, domains, pool, typos, infra, quote };
}

function pickStyle(rng: Rng, kind: ModuleKind): FlagStyle {
  if (FRONTEND_KINDS.has(kind)) {
    return rng.weighted<FlagStyle>([
      ['seed', 24],
      ['constants', 14],
      ['wrapper', 20],
      ['openfeature', 21],
      ['launchdarkly', 21],
    ]);
  }
  return rng.weighted<FlagStyle>([
    ['seed', 44],
    ['constants', 20],
    ['wrapper', 16],
    ['openfeature', 20],
  ]);
}

/** Zipf-like pick: a few flags are evaluated in many places, most in one or two. */
function zipfPick(rng: Rng, candidates: readonly PoolFlag[]): PoolFlag {
  const index = Math.min(candidates.length - 1, Math.floor(Math.pow(rng.next(), 1.6) * candidates.length));
  return candidates[index]!;
}

function assignFlags(rng: Rng, files: number, domains: readonly Domain[], pool: PoolFlag[]): void {
  const used = pool.filter((flag) => flag.used);
  const popularity = rng.shuffle([...used]);
  // The article's flags are among the popular ones.
  popularity.sort((a, b) => (pool.indexOf(a) < 4 ? 0 : 1) - (pool.indexOf(b) < 4 ? 0 : 1));
  const withConstant = popularity.filter((flag) => flag.constant !== undefined || flag.enumMember !== undefined);
  const withWrapper = popularity.filter((flag) => flag.wrapper !== undefined);
  const operational = popularity.filter((flag) => flag.type === 'operational');
  const mustUse = rng.shuffle([...used]);
  const flagged: ModulePlan[] = [];
  for (const domain of domains) {
    const hotness = 0.35 + rng.next() * 1.3;
    for (const module of domain.modules) {
      const weight = FLAGGABLE[module.kind];
      if (weight !== undefined && rng.chance(0.215 * hotness * weight)) flagged.push(module);
    }
  }
  rng.shuffle(flagged);
  let dynamicCount = 0;
  for (const module of flagged) {
    const style = pickStyle(rng, module.kind);
    const compatible = style === 'constants' ? withConstant : style === 'wrapper' && rng.chance(0.6) ? withWrapper : popularity;
    const keys: PoolFlag[] = [];
    const first = mustUse.findIndex((flag) => compatible.includes(flag));
    if (first >= 0) keys.push(mustUse.splice(first, 1)[0]!);
    else keys.push(zipfPick(rng, compatible));
    const extra = rng.weighted<number>([
      [0, 70],
      [1, 22],
      [2, 8],
    ]);
    for (let i = 0; i < extra; i++) {
      const key = zipfPick(rng, compatible);
      if (!keys.includes(key)) keys.push(key);
    }
    const backend = !FRONTEND_KINDS.has(module.kind);
    const canKill = backend && (style === 'seed' || style === 'constants') && operational.length > 0 && rng.chance(0.2);
    const killSwitch = canKill ? zipfPick(rng, operational) : undefined;
    const dynamic = style !== 'launchdarkly' && rng.chance(0.018);
    if (dynamic) dynamicCount++;
    module.flags = {
      style,
      keys,
      nested: keys.length >= 2 && rng.chance(0.2),
      dynamic,
      decisionLog: rng.chance(0.45),
      ...(killSwitch ? { killSwitch } : {}),
    };
  }
  // At least one dynamic key per corpus, and more in larger ones.
  const wantedDynamic = Math.max(1, Math.round(files / 1500));
  for (const module of flagged) {
    if (dynamicCount >= wantedDynamic) break;
    if (module.flags!.style !== 'launchdarkly' && !module.flags!.dynamic) {
      module.flags!.dynamic = true;
      dynamicCount++;
    }
  }
  // Keys that were meant to be used but found no module stay in the manifest as unreferenced.
  for (const flag of mustUse) flag.used = false;
}

function assignTypos(rng: Rng, files: number, modules: readonly ModulePlan[], pool: readonly PoolFlag[]): string[] {
  const candidates = modules.filter((module) => module.flags?.style === 'seed' && module.flags.typo === undefined);
  const count = Math.min(candidates.length, Math.max(1, Math.round(files / 2500)));
  const known = new Set(pool.map((flag) => flag.key));
  const typos: string[] = [];
  for (const module of rng.sample(candidates, count)) {
    const key = module.flags!.keys[0]!.key;
    // Drop or double one letter: new-checkout → new-chekout.
    const letters = [...key].map((char, index) => [char, index] as const).filter(([char]) => /[a-z]/.test(char));
    const [, at] = rng.pick(letters.slice(1));
    const typo = rng.chance(0.6) ? key.slice(0, at) + key.slice(at + 1) : key.slice(0, at) + key[at] + key.slice(at);
    if (known.has(typo)) continue;
    module.flags!.typo = typo;
    typos.push(typo);
  }
  return typos;
}

function assignTests(rng: Rng, domains: readonly Domain[]): void {
  for (const domain of domains) {
    const testable = domain.modules.filter((module) => module.shape !== 'none' && module.shape !== 'const' && module.kind !== 'test');
    const placeholders = domain.modules.filter((module) => module.kind === 'test');
    const order = rng.shuffle([...testable]).sort((a, b) => (b.flags ? 1 : 0) - (a.flags ? 1 : 0));
    const taken = new Set<string>();
    placeholders.forEach((test, index) => {
      // Flagged modules first, then the rest; after one pass, second tests for random modules.
      const subject = index < order.length && rng.chance(0.85) ? order[index]! : rng.pick(testable);
      test.subject = subject;
      const file = subject.path.slice(subject.path.lastIndexOf('/') + 1).replace(/\.tsx?$/, '');
      const directory = subject.path.slice(0, subject.path.lastIndexOf('/'));
      const tsx = subject.kind === 'component' || (subject.kind === 'hook' && rng.chance(0.4));
      const extension = tsx ? 'tsx' : 'ts';
      const colocated = rng.chance(0.7);
      let path = colocated ? `${directory}/${file}.test.${extension}` : `${directory}/__tests__/${file}.test.${extension}`;
      for (let attempt = 0; taken.has(path); attempt++) {
        const variant =
          attempt < 10 ? rng.pick(['integration', 'edge-cases', 'flags', 'rendering', 'errors', 'snapshot']) : `case-${attempt}`;
        path = `${directory}/__tests__/${file}.${variant}.test.${extension}`;
      }
      taken.add(path);
      test.path = path;
      test.primary = `${subject.primary} tests`;
      if (subject.flags)
        test.testStates = rng.weighted<'both' | 'on' | 'off'>([
          ['both', 70],
          ['on', 18],
          ['off', 12],
        ]);
      subject.tests.push(test);
    });
  }
}

function assignDeps(rng: Rng, domains: readonly Domain[]): void {
  for (const domain of domains) {
    const local = domain.modules.filter((module) => module.shape !== 'none' && module.kind !== 'test');
    local.forEach((module, position) => {
      const importable = IMPORTABLE[module.kind];
      if (importable === undefined) return;
      const count = rng.weighted<number>([
        [0, 25],
        [1, 35],
        [2, 25],
        [3, 15],
      ]);
      for (let i = 0; i < count; i++) {
        let candidate: ModulePlan | undefined;
        if (rng.chance(0.72)) {
          // Same domain: only earlier modules, so there are no import cycles.
          const earlier = local.slice(0, position).filter((other) => importable.includes(other.kind));
          if (earlier.length > 0) candidate = rng.pick(earlier);
        } else {
          const other = rng.pick(domains);
          if (other !== domain) {
            const kinds = module.kind === 'component' ? importable.filter((kind) => kind !== 'component') : importable;
            // Across domains only APIs that take ids or nothing, so calls type-check: classes, stores, hooks.
            const options = other.modules.filter(
              (m) => kinds.includes(m.kind) && (m.shape === 'class' || m.kind === 'store' || m.kind === 'hook'),
            );
            if (options.length > 0) candidate = rng.pick(options);
          }
        }
        if (
          candidate !== undefined &&
          !module.deps.includes(candidate) &&
          !module.deps.some((dep) => dep.primary === candidate.primary) &&
          candidate.primary !== module.primary
        ) {
          module.deps.push(candidate);
        }
      }
    });
  }
}

function assignNoise(rng: Rng, modules: readonly ModulePlan[]): void {
  for (const module of modules) {
    if (module.flags || module.domain === undefined || module.kind === 'test' || module.kind === 'index' || module.kind === 'types')
      continue;
    if (rng.chance(0.16)) {
      module.noise = rng.weighted<NoiseKind>([
        ['settings-get', 20],
        ['feature-list', 16],
        ['toggles', 16],
        ['cli-flags', 12],
        ['comment', 16],
        ['bit-flags', 10],
        ['regex-flags', 10],
      ]);
    }
  }
}

export function flagCamelKey(flag: PoolFlag): string {
  return camelKey(flag);
}

export function describeFlag(flag: PoolFlag): string {
  return flag.words.map((word, index) => (index === 0 ? capitalize(word) : word)).join(' ');
}
