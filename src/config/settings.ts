import { createHash } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { currentUtcDate, isIsoDate, type IsoDate } from '../dates.js';
import { UserError, type UserProblem } from '../errors.js';
import { describeSchemaErrors, formatJsonPath } from '../schema-errors.js';
import { compileAccessor, PatternError, type CompiledAccessor } from './patterns.js';
import { presetAccessors } from './presets.js';
import {
  DEFAULT_EXCLUDE,
  DEFAULT_INCLUDE,
  DEFAULT_POLICY,
  DEFAULT_TESTS,
  SETTINGS_SCHEMA,
  type FlagHygieneSettings,
  type ManifestFormat,
  type PolicySettings,
  type PresetName,
} from './schema.js';

/** Settings after validation: defaults applied, paths absolute, patterns compiled. */
export interface ResolvedSettings {
  /** The folder relative paths are taken from (the config file's, or ESLint's working directory). */
  root: string;
  manifestPath: string | undefined;
  manifestFormat: ManifestFormat;
  presets: readonly PresetName[];
  accessors: readonly CompiledAccessor[];
  today: IsoDate;
  policy: Required<PolicySettings>;
  include: readonly string[];
  exclude: readonly string[];
  tests: readonly string[];
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
}

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
const validateSettingsSchema = ajv.compile<FlagHygieneSettings>(SETTINGS_SCHEMA);

function problem(origin: string, path: (string | number)[], message: string): UserProblem {
  const where = path.length === 0 ? '' : `${formatJsonPath(path)} `;
  return { file: origin, message: `${where}${message}` };
}

/** today: --today, then FLAG_HYGIENE_TODAY, then settings, then the UTC date. */
function resolveToday(settings: FlagHygieneSettings, options: ResolveOptions, problems: UserProblem[]): IsoDate {
  const candidates: [string | undefined, string][] = [
    [options.todayOverride, '--today'],
    [options.env?.FLAG_HYGIENE_TODAY, 'FLAG_HYGIENE_TODAY'],
    [settings.today, 'today'],
  ];
  for (const [value, name] of candidates) {
    if (value === undefined || value === '') continue;
    if (isIsoDate(value)) return value;
    const message = `${name} must be a real date written YYYY-MM-DD, got ${JSON.stringify(value)}`;
    problems.push(name === 'today' ? problem(options.origin, [], message) : { message });
    return currentUtcDate();
  }
  return currentUtcDate();
}

function compileAccessors(settings: FlagHygieneSettings, origin: string, problems: UserProblem[]): CompiledAccessor[] {
  const presets = settings.presets ?? (settings.accessors === undefined ? ['seed'] : []);
  const compiled: CompiledAccessor[] = presets.flatMap((preset) => presetAccessors(preset));
  (settings.accessors ?? []).forEach((setting, index) => {
    try {
      compiled.push(compileAccessor(setting));
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      problems.push(problem(origin, ['accessors', index], `${JSON.stringify(error.pattern)} ${error.message}`));
    }
  });
  return compiled;
}

/**
 * Validates raw settings and resolves them. Every problem is collected and thrown together as one
 * UserError, each naming the field, so a user fixes them in one pass.
 */
export function resolveSettings(raw: unknown, options: ResolveOptions): ResolvedSettings {
  const input = raw ?? {};
  if (!validateSettingsSchema(input)) {
    const problems = describeSchemaErrors(validateSettingsSchema.errors ?? [], input).map((p) =>
      problem(options.origin, [...p.path], p.message),
    );
    throw new UserError(problems);
  }
  const settings = input;
  const problems: UserProblem[] = [];
  const today = resolveToday(settings, options, problems);
  const accessors = compileAccessors(settings, options.origin, problems);
  if (problems.length > 0) throw new UserError(problems);

  const presets = settings.presets ?? (settings.accessors === undefined ? ['seed' as const] : []);
  const include = settings.include ?? DEFAULT_INCLUDE;
  const exclude = settings.exclude ?? DEFAULT_EXCLUDE;
  const tests = settings.tests ?? DEFAULT_TESTS;
  const detectionHash = createHash('sha256')
    .update(JSON.stringify({ accessors: accessors.map((a) => [a.source, a.role, a.keyCase, a.returns, a.negated, a.async, a.imports]), tests }))
    .digest('hex')
    .slice(0, 16);
  return {
    root: options.root,
    manifestPath:
      settings.manifest === undefined
        ? undefined
        : isAbsolute(settings.manifest)
          ? settings.manifest
          : resolve(options.root, settings.manifest),
    manifestFormat: settings.manifestFormat ?? 'auto',
    presets,
    accessors,
    today,
    policy: { ...DEFAULT_POLICY, ...settings.policy },
    include,
    exclude,
    tests,
    detectionHash,
  };
}
