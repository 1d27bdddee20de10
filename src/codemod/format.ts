import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRootOf } from '../config/repository.js';
import { parseSourceEstree } from '../detect/parse-source.js';

/*
 * Issue 17, item 6: a removal's diff should pass the project's own formatter check. When the
 * project has Prettier, Biome or dprint configured, the touched files go through that formatter:
 * the version installed in the project's node_modules with the project's config, never a global
 * one and never one of this package's. A file the formatter would have changed before the removal
 * is left as the removal wrote it (formatting it would rewrite lines the removal did not touch).
 */

export type FormatterName = 'prettier' | 'biome' | 'dprint';

/** A formatter installed in the project, ready to format its files. */
export interface ProjectFormatter {
  name: FormatterName;
  version: string;
  /**
   * The text as the formatter formats it, or undefined when it formats no file of this kind or
   * ignores this one. Throws when the formatter fails.
   */
  format(path: string, text: string): Promise<string | undefined>;
}

export interface FormatWarning {
  file: string;
  message: string;
}

/** What formatting the touched files did, for the summary. */
export interface Formatting {
  /** The formatter that ran; absent when the project has none configured. */
  formatter?: { name: FormatterName; version: string };
  /** Files whose new text is the formatter's output (relative paths), changed by it or not. */
  formatted: string[];
  /** Files the formatter would have changed before the removal: left as the removal wrote them. */
  notFormattedBefore: string[];
  /** Files the formatter failed on: their edit is kept, unformatted. */
  warnings: FormatWarning[];
}

/** The file being formatted: its text before the removal and after it (replaced by the formatted text). */
export interface FormattableFile {
  path: string;
  relative: string;
  before: string;
  after: string;
}

/**
 * The folder `start` and each one above it up to its repository's root (the nearest folder with
 * `.git`; without one, `start` alone), nearest first: a formatter or config outside the
 * repository (a node_modules in the home folder) is not the project's.
 */
function foldersUpFrom(start: string): string[] {
  const top = repositoryRootOf(start);
  const folders = [start];
  while (folders.at(-1) !== top && dirname(folders.at(-1)!) !== folders.at(-1)) folders.push(dirname(folders.at(-1)!));
  return folders;
}

/** Prettier's config files (its `cosmiconfig` search list), looked for without loading Prettier. */
const PRETTIER_CONFIGS = [
  '.prettierrc',
  '.prettierrc.json',
  '.prettierrc.yaml',
  '.prettierrc.yml',
  '.prettierrc.json5',
  '.prettierrc.toml',
  '.prettierrc.js',
  '.prettierrc.cjs',
  '.prettierrc.mjs',
  '.prettierrc.ts',
  '.prettierrc.cts',
  '.prettierrc.mts',
  'prettier.config.js',
  'prettier.config.cjs',
  'prettier.config.mjs',
  'prettier.config.ts',
  'prettier.config.cts',
  'prettier.config.mts',
];

function firstExisting(root: string, names: readonly string[]): string | undefined {
  for (const folder of foldersUpFrom(root)) {
    for (const name of names) if (existsSync(join(folder, name))) return join(folder, name);
  }
  return undefined;
}

interface InstalledPackage {
  folder: string;
  version: string;
  bin: Record<string, string> | string | undefined;
}

/** A package as Node would find it from `root` (its node_modules, then those above). */
function installedPackage(root: string, name: string): InstalledPackage | undefined {
  for (const folder of foldersUpFrom(root)) {
    const manifest = join(folder, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) continue;
    try {
      const data = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown; bin?: unknown };
      return {
        folder: dirname(manifest),
        version: typeof data.version === 'string' ? data.version : 'unknown',
        bin: data.bin as InstalledPackage['bin'],
      };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Whether the project configures Prettier: a config file, a `prettier` key in its package.json, or
 * Prettier among its dependencies (its defaults are then the project's style). Found without
 * loading Prettier, so nothing of the project runs unless it uses Prettier.
 */
function configuresPrettier(root: string): boolean {
  if (firstExisting(root, PRETTIER_CONFIGS) !== undefined) return true;
  const manifest = firstExisting(root, ['package.json']);
  if (manifest === undefined) return false;
  try {
    const data = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    return (
      'prettier' in data ||
      ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) => {
        const dependencies = data[field];
        return typeof dependencies === 'object' && dependencies !== null && 'prettier' in dependencies;
      })
    );
  } catch {
    return false;
  }
}

interface PrettierApi {
  version?: string;
  format(text: string, options: Record<string, unknown>): string | Promise<string>;
  resolveConfig(file: string, options?: Record<string, unknown>): Promise<Record<string, unknown> | null>;
  getFileInfo(file: string, options?: Record<string, unknown>): Promise<{ ignored: boolean; inferredParser: string | null }>;
}

/** The project's Prettier, when it has one configured and installed. */
async function projectPrettier(root: string): Promise<ProjectFormatter | undefined> {
  if (!configuresPrettier(root)) return undefined;
  const installed = installedPackage(root, 'prettier');
  if (installed === undefined) return undefined;
  let entry: string;
  try {
    entry = createRequire(join(root, 'package.json')).resolve('prettier');
  } catch {
    return undefined;
  }
  // Node also looks in global folders (NODE_PATH, ~/.node_modules): only the project's copy will do.
  if (!realpathSync(entry).startsWith(realpathSync(installed.folder) + sep)) return undefined;
  const loaded = (await import(pathToFileURL(entry).href)) as PrettierApi & { default?: PrettierApi };
  const prettier = typeof loaded.format === 'function' ? loaded : loaded.default!;
  const ignoreFile = firstExisting(root, ['.prettierignore']);
  return {
    name: 'prettier',
    version: prettier.version ?? installed.version,
    async format(path, text) {
      const info = await prettier.getFileInfo(path, ignoreFile === undefined ? {} : { ignorePath: ignoreFile });
      if (info.ignored || info.inferredParser === null) return undefined;
      const options = (await prettier.resolveConfig(path, { editorconfig: true })) ?? {};
      return prettier.format(text, { ...options, filepath: path });
    },
  };
}

/** The path of a package's command-line script. */
function binOf(installed: InstalledPackage, command: string): string | undefined {
  const relative = typeof installed.bin === 'string' ? installed.bin : installed.bin?.[command];
  return relative === undefined ? undefined : join(installed.folder, relative);
}

/** A formatter run as a command: the text on its standard input, the formatted text on its output. */
function commandFormatter(
  name: FormatterName,
  version: string,
  root: string,
  script: string,
  argumentsFor: (path: string) => string[],
): ProjectFormatter {
  return {
    name,
    version,
    format(path, text) {
      const run = spawnSync(process.execPath, [script, ...argumentsFor(path)], {
        cwd: root,
        input: text,
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 256 * 1024 * 1024,
      });
      if (run.error !== undefined) return Promise.reject(run.error);
      if (run.status !== 0)
        return Promise.reject(new Error((run.stderr || run.stdout || `exit status ${run.status}`).trim().split('\n')[0]));
      return Promise.resolve(run.stdout);
    },
  };
}

function projectBiome(root: string): ProjectFormatter | undefined {
  if (firstExisting(root, ['biome.json', 'biome.jsonc']) === undefined) return undefined;
  const installed = installedPackage(root, '@biomejs/biome');
  const script = installed === undefined ? undefined : binOf(installed, 'biome');
  if (installed === undefined || script === undefined) return undefined;
  return commandFormatter('biome', installed.version, root, script, (path) => ['format', `--stdin-file-path=${path}`]);
}

function projectDprint(root: string): ProjectFormatter | undefined {
  if (firstExisting(root, ['dprint.json', '.dprint.json', 'dprint.jsonc', '.dprint.jsonc']) === undefined) return undefined;
  const installed = installedPackage(root, 'dprint');
  const script = installed === undefined ? undefined : binOf(installed, 'dprint');
  if (installed === undefined || script === undefined) return undefined;
  return commandFormatter('dprint', installed.version, root, script, (path) => ['fmt', '--stdin', path]);
}

/**
 * The formatter the project at `root` has configured and installed: Prettier, else Biome, else
 * dprint. Undefined when it has none (the removal then keeps the surrounding indentation itself).
 */
export async function findProjectFormatter(root: string): Promise<ProjectFormatter | undefined> {
  try {
    return (await projectPrettier(root)) ?? projectBiome(root) ?? projectDprint(root);
  } catch {
    // A Prettier that cannot even load formats nothing; the edits stay as the removal wrote them.
    return undefined;
  }
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Formats the files' new text with the project's formatter, in place (`after`). A file the
 * formatter would have changed before the removal is left as the removal wrote it; a failure, or
 * a result that does not parse, is a warning naming the file, and the edit stays unformatted.
 */
export async function formatFiles(formatter: ProjectFormatter, files: readonly FormattableFile[]): Promise<Formatting> {
  const formatting: Formatting = {
    formatter: { name: formatter.name, version: formatter.version },
    formatted: [],
    notFormattedBefore: [],
    warnings: [],
  };
  for (const file of files) {
    // The mark is the file's, not the formatter's to keep or drop.
    const mark = file.after.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : '';
    const before = file.before.replace(/^\uFEFF/, '');
    const after = file.after.slice(mark.length);
    let formatted: string | undefined;
    try {
      const formattedBefore = await formatter.format(file.path, before);
      if (formattedBefore === undefined) continue;
      if (formattedBefore !== before) {
        formatting.notFormattedBefore.push(file.relative);
        continue;
      }
      formatted = await formatter.format(file.path, after);
    } catch (error) {
      formatting.warnings.push({
        file: file.relative,
        message: `${formatter.name} failed (${reasonOf(error)}); the edit is kept unformatted`,
      });
      continue;
    }
    if (formatted === undefined) continue;
    try {
      parseSourceEstree(file.path, formatted);
    } catch (error) {
      formatting.warnings.push({
        file: file.relative,
        message: `${formatter.name} returned text that does not parse (${reasonOf(error)}); the edit is kept unformatted`,
      });
      continue;
    }
    file.after = mark + formatted;
    formatting.formatted.push(file.relative);
  }
  return formatting;
}
