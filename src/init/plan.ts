import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, readConfigFile } from '../config/config-file.js';
import { presetAccessors } from '../config/presets.js';
import type { PresetName } from '../config/schema.js';
import { resolveSettings } from '../config/settings.js';
import { UserError } from '../errors.js';
import { detectManifestFormat, FORMAT_TITLES, readManifestText, type FlagType, type ManifestFormatName } from '../manifest/index.js';
import { parseManifestText } from '../manifest/load.js';
import { toPosixRelative } from '../posix-path.js';
import { discoverProject } from '../scanner/files.js';
import type { InventoryReference } from '../scanner/inventory.js';
import { scanProject } from '../scanner/scan.js';
import { findUnmatchedCallShapes, type UnmatchedCallShape } from './call-shapes.js';
import { detectProjectPackages, type DetectedPreset } from './detect-presets.js';
import { detectEslintSetup, eslintSnippet, type EslintSetup } from './eslint-snippet.js';
import { firstCommitDates, hasGitHistory, MAX_HISTORY_KEYS } from './git-dates.js';
import { manifestSkeleton, MAX_KEY_LENGTH, mergeIntoManifest, type SkeletonEntry } from './manifest-skeleton.js';

export const CONFIG_SCHEMA_URL = './node_modules/eslint-plugin-flag-hygiene/schema/flag-hygiene.config.schema.json';
export const DEFAULT_MANIFEST = 'flags.yaml';
/** How many unmatched call shapes init lists. */
export const CALL_SHAPE_LIMIT = 10;

export interface InitOptions {
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  /** `--type`: written as every new flag's type (the user says so; init never guesses it). */
  type?: FlagType;
  /** `--from-manifest`: an existing flag file (ours, flagd, Unleash, OpenFeature) the config should point at. */
  fromManifest?: string;
  workers?: number;
}

/** A file init writes, with its whole new content. */
export interface PlannedWrite {
  /** Relative to the root, with `/`. */
  path: string;
  absolutePath: string;
  text: string;
  created: boolean;
}

export interface PresetCount {
  preset: PresetName;
  /** Why: the dependency that called for it, or undefined when the config named it. */
  detected: DetectedPreset | undefined;
  /** References per pattern of the preset, most first. */
  patterns: { pattern: string; count: number }[];
}

export interface InitPlan {
  presets: PresetCount[];
  /** No SDK among the dependencies: the seed preset stands in. */
  noSdk: boolean;
  /** SDK presets the dependencies call for that an existing config's presets leave out (kept as they are). */
  notConfigured: DetectedPreset[];
  /** References made by accessors the config writes out, per pattern. */
  configAccessors: { pattern: string; count: number }[];
  /** Wrapper functions the scan inferred, by the references their calls make. */
  wrappers: { name: string; count: number }[];
  unmatched: UnmatchedCallShape[];
  references: number;
  files: number;
  keys: number;
  config: { path: string; added: string[]; exists: boolean };
  manifest:
    | { kind: 'written'; path: string; added: string[]; created: boolean; dated: number; undatedForLimit: number; git: boolean }
    | { kind: 'left-alone'; path: string; reason: string; undeclared: number }
    | { kind: 'pointed-at'; path: string; format: string; undeclared: number };
  /** Keys too long to be a YAML key, left out of the skeleton. */
  longKeys: number;
  writes: PlannedWrite[];
  eslint: { setup: EslintSetup; snippet: string };
}

type ConfigObject = Record<string, unknown>;

function readExistingConfig(path: string): { data: ConfigObject; content: ReturnType<typeof readConfigFile> } | undefined {
  if (!existsSync(path)) return undefined;
  const content = readConfigFile(path);
  if (typeof content.data !== 'object' || content.data === null || Array.isArray(content.data)) {
    throw new UserError({ file: path, line: 1, column: 1, message: 'must be a JSON object' });
  }
  return { data: content.data as ConfigObject, content };
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Keys the skeleton lists: resolved keys with at least one reference outside the tests. */
function declarableKeys(references: readonly InventoryReference[]): string[] {
  const keys = new Set(references.filter((reference) => !reference.dynamic && !reference.test).map((reference) => reference.key));
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Decides everything `init` does without writing anything: the presets from the dependencies,
 * a scan with them, the config and manifest to write (merged into existing ones: fields and
 * entries added, none changed), and the ESLint config to suggest.
 */
export async function planInit(options: InitOptions): Promise<InitPlan> {
  const { root } = options;
  const packages = detectProjectPackages(root);
  const configPath = join(root, CONFIG_FILE_NAME);
  const existing = readExistingConfig(configPath);
  const config: ConfigObject = { ...existing?.data };
  const addedFields: string[] = [];
  const add = (field: string, value: unknown) => {
    if (config[field] !== undefined) return;
    config[field] = value;
    addedFields.push(field);
  };
  add('$schema', CONFIG_SCHEMA_URL);
  const noSdk = packages.presets.length === 0;
  // Seed stands in for a missing SDK, unless the config describes the flag API with its own accessors.
  if (!(noSdk && config.accessors !== undefined)) add('presets', noSdk ? ['seed'] : packages.presets.map((detected) => detected.preset));
  const fromManifest = options.fromManifest === undefined ? undefined : resolve(root, options.fromManifest);
  add('manifest', fromManifest === undefined ? DEFAULT_MANIFEST : toPosixRelative(root, fromManifest));

  // The scan reads no manifest: the one init is about to write or extend need not validate yet.
  const { manifest: _manifest, ...scanned } = config;
  const settings = resolveSettings(scanned, {
    root,
    origin: existing === undefined ? CONFIG_FILE_NAME : configPath,
    env: options.env,
    ...(existing === undefined ? {} : { locate: existing.content.locate }),
  });
  const { inventory } = await scanProject({
    cwd: root,
    settings,
    cache: false,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
  });
  const references = inventory.references;

  const patternPreset = new Map<string, PresetName>();
  for (const preset of settings.presets)
    for (const accessor of presetAccessors(preset)) if (!patternPreset.has(accessor.source)) patternPreset.set(accessor.source, preset);
  const written = new Set(settings.accessors.map((accessor) => accessor.source));
  const presets: PresetCount[] = settings.presets.map((preset) => ({
    preset,
    detected: packages.presets.find((detected) => detected.preset === preset),
    patterns: countBy(
      references.filter((reference) => patternPreset.get(reference.via) === preset),
      (reference) => reference.via,
    ).map(({ key, count }) => ({ pattern: key, count })),
  }));
  const configAccessors = countBy(
    references.filter((reference) => !patternPreset.has(reference.via) && written.has(reference.via)),
    (reference) => reference.via,
  ).map(({ key, count }) => ({ pattern: key, count }));
  const wrappers = countBy(
    references.filter((reference) => !written.has(reference.via)),
    (reference) => reference.via,
  ).map(({ key, count }) => ({ name: key, count }));
  const { files } = discoverProject({ root, include: settings.include, exclude: settings.exclude, cwd: root });
  const unmatched = findUnmatchedCallShapes(root, files, references, CALL_SHAPE_LIMIT);

  const allKeys = declarableKeys(references);
  const keys = allKeys.filter((key) => key.length <= MAX_KEY_LENGTH);
  const writes: PlannedWrite[] = [];
  const manifestPath = typeof config.manifest === 'string' ? resolve(root, config.manifest) : resolve(root, DEFAULT_MANIFEST);
  let manifest: InitPlan['manifest'];
  if (fromManifest !== undefined || existsSync(manifestPath)) {
    const path = fromManifest ?? manifestPath;
    const name = toPosixRelative(root, path);
    const text = readManifestFile(path);
    const format = manifestFormatOf(path, text);
    manifest =
      format === 'flag-hygiene'
        ? mergedManifest(path, name, text, keys, options, writes)
        : { kind: 'pointed-at', path: name, format: FORMAT_TITLES[format], undeclared: undeclaredCount(path, text, keys) };
  } else {
    const { entries, ...summary } = withDates(
      keys.map((key) => ({ key })),
      options,
    );
    const name = toPosixRelative(root, manifestPath);
    manifest = { kind: 'written', path: name, ...summary, created: true };
    writes.push({ path: name, absolutePath: manifestPath, text: manifestSkeleton(entries), created: true });
  }

  if (addedFields.length > 0) {
    writes.unshift({
      path: CONFIG_FILE_NAME,
      absolutePath: configPath,
      text: `${JSON.stringify(config, null, 2)}\n`,
      created: existing === undefined,
    });
  }
  const setup = detectEslintSetup(root);
  const typescript = existsSync(join(root, 'tsconfig.json')) || packages.dependencies.has('typescript');
  const { $schema: _schema, ...eslintSettings } = config;
  return {
    presets,
    noSdk,
    notConfigured: packages.presets.filter((detected) => !settings.presets.includes(detected.preset)),
    configAccessors,
    wrappers,
    unmatched,
    references: references.length,
    files: new Set(references.map((reference) => reference.file)).size,
    keys: allKeys.length,
    config: { path: CONFIG_FILE_NAME, added: addedFields, exists: existing !== undefined },
    manifest,
    longKeys: allKeys.length - keys.length,
    writes,
    eslint: { setup, snippet: eslintSnippet(setup, eslintSettings, typescript) },
  };
}

/** createdAt from git history for the first MAX_HISTORY_KEYS entries, when the root has history. */
function withDates(entries: readonly SkeletonEntry[], options: InitOptions) {
  const git = entries.length > 0 && hasGitHistory(options.root);
  const looked = entries.slice(0, MAX_HISTORY_KEYS);
  const dates = git
    ? firstCommitDates(
        options.root,
        looked.map((entry) => entry.key),
      )
    : new Map<string, string>();
  const dated: SkeletonEntry[] = entries.map((entry) => ({
    key: entry.key,
    ...(options.type === undefined ? {} : { type: options.type }),
    ...(dates.has(entry.key) ? { createdAt: dates.get(entry.key)! } : {}),
  }));
  return {
    entries: dated,
    added: dated.map((entry) => entry.key),
    dated: dates.size,
    undatedForLimit: git ? entries.length - looked.length : 0,
    git,
  };
}

function readManifestFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError({
      file: path,
      message: code === 'ENOENT' ? 'manifest not found' : `cannot read the manifest (${code ?? String(error)})`,
    });
  }
}

function parsedManifest(path: string, text: string): unknown {
  if (text.trim() === '') return { flags: {} };
  const parsed = parseManifestText(text);
  if (Array.isArray(parsed)) throw new UserError(parsed.map((problem) => ({ file: path, ...problem })));
  return parsed.data;
}

function manifestFormatOf(path: string, text: string): ManifestFormatName {
  return detectManifestFormat(parsedManifest(path, text));
}

/** How many of the keys a manifest of another format (or one init leaves alone) does not declare. */
function undeclaredCount(path: string, text: string, keys: readonly string[]): number {
  const { manifest } = readManifestText(text, path);
  const declared = new Set(manifest?.flags.keys() ?? []);
  return keys.filter((key) => !declared.has(key)).length;
}

function mergedManifest(
  path: string,
  name: string,
  text: string,
  keys: readonly string[],
  options: InitOptions,
  writes: PlannedWrite[],
): InitPlan['manifest'] {
  // First which keys it lacks, then the history of those alone.
  const probe = mergeIntoManifest(
    path,
    text,
    keys.map((key) => ({ key })),
  );
  if (probe.kind === 'left-alone')
    return { kind: 'left-alone', path: name, reason: probe.reason, undeclared: undeclaredCount(path, text, keys) };
  const { entries, ...summary } = withDates(
    probe.added.map((key) => ({ key })),
    options,
  );
  const merged = mergeIntoManifest(path, text, entries);
  if (merged.kind === 'merged' && merged.text !== text) writes.push({ path: name, absolutePath: path, text: merged.text, created: false });
  return { kind: 'written', path: name, ...summary, created: false };
}
