import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { currentUtcDate, isIsoDate, type IsoDate } from '../dates.js';
import { UserError, type UserProblem } from '../errors.js';
import { DEFAULT_FINDING_OPTIONS, type FindingOptions } from '../findings/options.js';
import { describeSchemaErrors, formatJsonPath, quoteExcerpt, type JsonPath } from '../schema-errors.js';
import type { Locate } from '../text-positions.js';
import { globProblem, includeGlobProblem, literalGlob } from './globs.js';
import { createModuleResolver, type ResolveModule } from '../detect/module-resolution.js';
import { compileAccessor, PatternError, withImportModules, type CompiledAccessor } from '../patterns/index.js';
import { presetAccessors, PRESETS } from './presets.js';
import { repositoryRootOf, resolvesInside } from './repository.js';
import { validate as validateSettingsGenerated } from './settings-validator.generated.js';
import {
  DEFAULT_EXCLUDE,
  DEFAULT_INCLUDE,
  DEFAULT_POLICY,
  DEFAULT_TESTS,
  type FlagHygieneSettings,
  type ManifestFormat,
  type PolicySettings,
  type PresetName,
} from './schema.js';

/**
 * Settings after validation: defaults applied, paths absolute. The accessors' patterns are
 * compiled when `accessors` is first read, which throws a UserError for one that does not compile.
 */
export interface ResolvedSettings {
  /** The folder relative paths are taken from (the config file's, or ESLint's working directory). */
  root: string;
  manifestPath: string | undefined;
  manifestFormat: ManifestFormat;
  presets: readonly PresetName[];
  accessors: readonly CompiledAccessor[];
  today: IsoDate;
  policy: Required<PolicySettings>;
  /** Globs as picomatch and tinyglobby must read them (with GLOB_OPTIONS): see literalGlob. */
  include: readonly string[];
  exclude: readonly string[];
  tests: readonly string[];
  /** Options of the gate's findings (defaults: the ESLint rules' defaults). */
  findings: FindingOptions;
  /**
   * A digest of everything that changes what the detector finds; part of every cache key.
   * (The manifest's content and today are not in it: they change findings, not facts.)
   */
  detectionHash: string;
}

export interface ResolveOptions {
  /** Where relative paths start. */
  root: string;
  /** Names the source in messages: a config file path, or "ESLint settings['flag-hygiene']". */
  origin: string;
  env?: Readonly<Record<string, string | undefined>>;
  /** `--today` on the CLI: beats settings and environment. */
  todayOverride?: string;
  /** Where each setting is written, when they come from a file: problems then carry line and column. */
  locate?: Locate;
  /**
   * `--manifest` on the command line (absolute): beats the settings' `manifest`. The user's own
   * choice, it may be anywhere; a settings `manifest` must resolve inside the repository.
   */
  manifest?: string;
}

// SETTINGS_SCHEMA, compiled ahead of time (scripts/write-schemas.ts).
const validateSettingsSchema = validateSettingsGenerated as ValidateFunction<FlagHygieneSettings>;

type ProblemAt = (path: JsonPath, message: string, options?: { atKey?: boolean; named?: boolean; writtenAt?: JsonPath }) => UserProblem;

/**
 * Problems name the setting (`accessors[0] …`) and, from a config file, where it is written: an
 * unknown field at its key, anything else at its value.
 */
function problemMaker(options: ResolveOptions): ProblemAt {
  return (path, message, { atKey = false, named = true, writtenAt = path } = {}) => {
    const where = path.length === 0 || !named ? '' : `${formatJsonPath(path)} `;
    const position = writtenAt.length === 0 ? undefined : options.locate?.(writtenAt, atKey);
    return {
      file: options.origin,
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
      message: `${where}${message}`,
    };
  };
}

/** today: --today, then FLAG_HYGIENE_TODAY, then settings, then the UTC date. */
function resolveToday(settings: FlagHygieneSettings, options: ResolveOptions, problem: ProblemAt, problems: UserProblem[]): IsoDate {
  const candidates: [string | undefined, string][] = [
    [options.todayOverride, '--today'],
    [options.env?.FLAG_HYGIENE_TODAY, 'FLAG_HYGIENE_TODAY'],
    [settings.today, 'today'],
  ];
  for (const [value, name] of candidates) {
    if (value === undefined || value === '') continue;
    if (isIsoDate(value)) return value;
    const message = `${name} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`;
    problems.push(name === 'today' ? problem(['today'], message, { named: false }) : { message });
    return currentUtcDate();
  }
  return currentUtcDate();
}

/** The accessors the settings write out (the presets' are compiled when first needed). */
function compileAccessors(settings: FlagHygieneSettings, root: string, problem: ProblemAt, problems: UserProblem[]): CompiledAccessor[] {
  const compiled: CompiledAccessor[] = [];
  let resolveModule: ResolveModule | undefined;
  (settings.accessors ?? []).forEach((setting, index) => {
    try {
      const accessor = compileAccessor(setting);
      compiled.push(
        accessor.imports.length === 0 ? accessor : withImportModules(accessor, root, (resolveModule ??= createModuleResolver(root))),
      );
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      const path = ['accessors', index];
      // An accessor with options is named as one; the position is its pattern's.
      const writtenAt = typeof setting === 'string' ? path : [...path, 'pattern'];
      problems.push(problem(path, `${quoteExcerpt(error.pattern)} ${error.message}`, { writtenAt }));
    }
  });
  return compiled;
}

/** A list of globs, each checked (see globs.ts) and made literal where picomatch would read regex syntax. */
function checkGlobs(
  settings: FlagHygieneSettings,
  field: 'include' | 'exclude' | 'tests',
  problem: ProblemAt,
  problems: UserProblem[],
): string[] | undefined {
  const globs = settings[field];
  if (globs === undefined) return undefined;
  globs.forEach((glob, index) => {
    const message = globProblem(glob) ?? (field === 'include' ? includeGlobProblem(glob) : undefined);
    if (message !== undefined) problems.push(problem([field, index], `${quoteExcerpt(glob)} ${message}`));
  });
  return globs.map(literalGlob);
}

/** `settings: { 'flag-hygiene': flagHygiene.settings({…}) }`: the entry where its settings belong. */
function isConfigEntry(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const nested = (input as { settings?: unknown }).settings;
  return typeof nested === 'object' && nested !== null && 'flag-hygiene' in nested;
}

/**
 * The settings' manifest, absolute. Settings come from the scanned repository: a manifest that
 * resolves (symlinks followed) outside it is refused unread, since a problem in it would be shown,
 * and that file could hold credentials (`"manifest": "../../.git-credentials"`).
 */
function manifestOfSettings(settings: FlagHygieneSettings, root: string, problem: ProblemAt, problems: UserProblem[]): string | undefined {
  if (settings.manifest === undefined) return undefined;
  const path = isAbsolute(settings.manifest) ? settings.manifest : resolve(root, settings.manifest);
  const repository = repositoryRootOf(root);
  if (!resolvesInside(repository, path)) {
    problems.push(
      problem(
        ['manifest'],
        `${quoteExcerpt(settings.manifest)} is outside the repository ${repository} (symlinks followed); settings may only name a manifest inside it: pass --manifest on the command line for one elsewhere`,
      ),
    );
  }
  return path;
}

/**
 * Validates raw settings and resolves them. Every problem is collected and thrown together as one
 * UserError, each naming the field, so a user fixes them in one pass.
 */
export function resolveSettings(raw: unknown, options: ResolveOptions): ResolvedSettings {
  const input = raw ?? {};
  const problem = problemMaker(options);
  if (isConfigEntry(input)) {
    throw new UserError([
      {
        file: options.origin,
        message:
          "holds a whole config entry, what flagHygiene.settings({…}) returns: put flagHygiene.settings({…}) in the config array itself, or write settings: { 'flag-hygiene': {…} } with the plain settings object",
      },
    ]);
  }
  if (!validateSettingsSchema(input)) {
    const problems = describeSchemaErrors(validateSettingsSchema.errors ?? [], input).map(({ path, message, atKey }) =>
      problem(path, message, { atKey: atKey === true }),
    );
    throw new UserError(problems);
  }
  const settings = input;
  const problems: UserProblem[] = [];
  const today = resolveToday(settings, options, problem, problems);
  // Compiling a pattern loads the parser, which a scan the cache answers needs for nothing else:
  // written accessors are compiled when first needed (the getter below throws their problems
  // then), unless other problems are thrown now (all are told at once) or one names `imports`
  // (where those resolve is part of detectionHash).
  const compileNow = settings.accessors?.some((setting) => typeof setting === 'object' && setting.imports !== undefined) === true;
  let written = compileNow ? compileAccessors(settings, options.root, problem, problems) : undefined;
  const accessorProblemsAt = problems.length;
  const include = checkGlobs(settings, 'include', problem, problems) ?? DEFAULT_INCLUDE;
  const exclude = checkGlobs(settings, 'exclude', problem, problems) ?? DEFAULT_EXCLUDE;
  const tests = checkGlobs(settings, 'tests', problem, problems) ?? DEFAULT_TESTS;
  const manifestPath = options.manifest ?? manifestOfSettings(settings, options.root, problem, problems);
  const compilePatterns = () => {
    const patternProblems: UserProblem[] = [];
    return { compiled: compileAccessors(settings, options.root, problem, patternProblems), patternProblems };
  };
  if (problems.length > 0) {
    // In the order the fields are checked in, as when every pattern compiled here.
    if (written === undefined) problems.splice(accessorProblemsAt, 0, ...compilePatterns().patternProblems);
    throw new UserError(problems);
  }
  const compileWritten = (): CompiledAccessor[] => {
    const { compiled, patternProblems } = compilePatterns();
    if (patternProblems.length > 0) throw new UserError(patternProblems);
    return compiled;
  };

  const presets = settings.presets ?? (settings.accessors === undefined ? ['seed' as const] : []);
  const detectionHash = createHash('sha256')
    .update(
      JSON.stringify({
        presets: presets.map((preset) => PRESETS[preset]),
        accessors: settings.accessors ?? [],
        importModules: written?.map((accessor) => accessor.importModules),
        tests,
      }),
    )
    .digest('hex')
    .slice(0, 16);
  // The presets' patterns too are compiled when first needed.
  let accessors: readonly CompiledAccessor[] | undefined;
  return {
    root: options.root,
    manifestPath,
    manifestFormat: settings.manifestFormat ?? 'auto',
    presets,
    get accessors() {
      return (accessors ??= [...presets.flatMap((preset) => presetAccessors(preset)), ...(written ??= compileWritten())]);
    },
    today,
    policy: { ...DEFAULT_POLICY, ...settings.policy },
    include,
    exclude,
    tests,
    findings: {
      'missing-fallback': { ...DEFAULT_FINDING_OPTIONS['missing-fallback'], ...settings.findings?.['missing-fallback'] },
      dynamic: { ...DEFAULT_FINDING_OPTIONS.dynamic, ...settings.findings?.dynamic },
    },
    detectionHash,
  };
}
