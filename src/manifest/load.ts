import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readRegularText, READ_LIMITS } from '../bounded-read.js';
import type { ManifestFormat } from '../config/schema.js';
import { UserError, type UserProblem } from '../errors.js';
import { jsYamlPackage, yamlPackage } from '../lazy-packages.js';
import { EXCERPT_LENGTH, quoteExcerpt, type JsonPath } from '../schema-errors.js';
import { lazyLocator } from '../text-positions.js';
import { escapeUnsafeCharacters } from '../unsafe-characters.js';
import type { Manifest, ManifestProblem } from './types.js';
import { detectManifestFormat } from './formats/detect.js';
import { readManifestData } from './formats/index.js';
import type { Locate } from './validate.js';
import { duplicateKeysAndUnknownTags } from './yaml-problems.js';

/**
 * YAML anchors are legitimate but rare; a file using them takes the careful (alias-counting) path.
 * Two parsers on purpose: reading everything with the `yaml` package measured 7 times slower for
 * 2,000 flags (630 ms against 90 ms) and 11 times for 50,000 (13 s against 1.2 s, past the 10 s the
 * bad-input table allows), so js-yaml reads the data and `yaml` is used for positions and problems.
 */
const ANCHOR = /(?:^|[\s[{,:-])&[^\s,[\]{}]+/m;
const MAX_ALIASES = 100;

interface ParsedManifestText {
  data: unknown;
  locate: Locate;
}

/**
 * A YAML parser's message, with any long run of text it quotes (an alias, a tag, a directive) cut
 * to EXCERPT_LENGTH characters and unsafe characters escaped: the text may be any file's, since a
 * config can name any file as the manifest.
 */
function parserMessage(message: string): string {
  return escapeUnsafeCharacters(
    message.replace(new RegExp(`\\S{${EXCERPT_LENGTH + 1},}`, 'gu'), (run) => `${[...run].slice(0, EXCERPT_LENGTH).join('')}…`),
  );
}

const SECOND_DOCUMENT =
  'a second YAML document starts here; a manifest is one document: remove this "---" and what follows it, or merge the two';

/** Where the second document of a YAML stream starts (its `---`), for text that holds more than one. */
function secondDocumentProblem(source: string): ManifestProblem {
  const { LineCounter, parseDocument } = yamlPackage();
  const lines = new LineCounter();
  const second = parseDocument(source, { lineCounter: lines, uniqueKeys: false }).errors.find((error) => error.code === 'MULTIPLE_DOCS');
  const position = second === undefined ? undefined : lines.linePos(second.pos[0]);
  return { message: SECOND_DOCUMENT, line: position?.line ?? 1, column: position?.col ?? 1 };
}

/** Parses YAML or JSON text into data; a syntax error, a duplicate key or an alias bomb is a problem with its position. */
export function parseManifestText(text: string): ParsedManifestText | ManifestProblem[] {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') return [{ message: 'the manifest is empty; expected a top-level "flags:" map', line: 1, column: 1 }];
  if (ANCHOR.test(source)) {
    const { LineCounter, parseDocument } = yamlPackage();
    const lines = new LineCounter();
    const document = parseDocument(source, { lineCounter: lines, uniqueKeys: false });
    if (document.errors.length > 0) {
      return document.errors.map((error) => {
        const position = error.linePos?.[0];
        const message =
          error.code === 'MULTIPLE_DOCS'
            ? SECOND_DOCUMENT
            : parserMessage(error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
        return { message, ...(position ? { line: position.line, column: position.col } : {}) };
      });
    }
    // The `yaml` package keeps an unknown tag's value as a string; refuse it as the fast path does.
    const structural = duplicateKeysAndUnknownTags(source, { document, lines });
    if (structural.length > 0) return structural;
    try {
      return { data: document.toJS({ maxAliasCount: MAX_ALIASES }), locate: lazyLocator(source) };
    } catch {
      return [{ message: `uses YAML aliases more than ${MAX_ALIASES} times; refused as a possible alias bomb`, line: 1, column: 1 }];
    }
  }
  const jsYaml = jsYamlPackage();
  try {
    return { data: jsYaml.load(source, { schema: jsYaml.CORE_SCHEMA, json: false }), locate: lazyLocator(source) };
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) {
      // js-yaml neither names the flag of a duplicate key or an unknown tag, nor finds the tag.
      if (/^(duplicated mapping key|unknown tag)/.test(error.reason)) {
        const structural = duplicateKeysAndUnknownTags(source);
        if (structural.length > 0) return structural;
      }
      // The one error js-yaml gives without a position: a stream of several documents.
      if ((error.mark as typeof error.mark | undefined) === undefined) return [secondDocumentProblem(source)];
      return [{ message: parserMessage(error.reason), line: error.mark.line + 1, column: error.mark.column + 1 }];
    }
    throw error;
  }
}

/** A flag's key as written, unless it holds characters a terminal would act on (then escaped, as JSON). */
function quoteFlag(key: string): string {
  return /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(key) ? quoteExcerpt(key) : `"${key}"`;
}

function toUserProblems(path: string, problems: readonly ManifestProblem[]): UserProblem[] {
  return problems.map((problem) => {
    // A field can be any top-level key of a file that is no manifest: quoted as an excerpt.
    const subject = [
      problem.flag === undefined ? undefined : `flag ${quoteFlag(problem.flag)}`,
      problem.field === undefined ? undefined : `field ${quoteExcerpt(problem.field)}`,
    ]
      .filter(Boolean)
      .join(', ');
    const user: UserProblem = { file: path, message: subject === '' ? problem.message : `${subject}: ${problem.message}` };
    if (problem.line !== undefined) user.line = problem.line;
    if (problem.column !== undefined) user.column = problem.column;
    return user;
  });
}

/**
 * Parses and validates manifest text in our format or another one (`auto`: detected from the
 * content); every problem is returned, none thrown.
 */
export function readManifestText(
  text: string,
  path?: string,
  format: ManifestFormat = 'auto',
): { manifest?: Manifest; problems: ManifestProblem[] } {
  const parsed = parseManifestText(text);
  if (Array.isArray(parsed)) return { problems: parsed };
  const resolved = format === 'auto' ? detectManifestFormat(parsed.data) : format;
  const { flags, problems, positionOf } = readManifestData(resolved, parsed.data, parsed.locate);
  const manifest: Manifest = {
    flags,
    hash: createHash('sha256').update(text).digest('hex').slice(0, 16),
    format: resolved,
    positionOf: (key) => (flags.has(key) ? positionOf(key) : undefined),
  };
  if (path !== undefined) manifest.path = path;
  return { manifest, problems };
}

/**
 * Loads a manifest file. Any problem (unreadable, malformed, invalid) throws one UserError listing
 * every problem as file:line:column with its flag and field.
 */
export function loadManifest(path: string, format: ManifestFormat = 'auto'): Manifest {
  const read = readRegularText(path, READ_LIMITS.manifest);
  if ('problem' in read) {
    throw new UserError({
      file: path,
      message: read.problem.code === 'ENOENT' ? 'manifest not found' : `the manifest ${read.problem.message}`,
    });
  }
  const { manifest, problems } = readManifestText(read.text, path, format);
  if (problems.length > 0 || manifest === undefined) throw new UserError(toUserProblems(path, problems));
  return manifest;
}

const cache = new Map<string, { stamp: string; manifest?: Manifest; error?: UserError }>();

/**
 * loadManifest, cached by path, modification time and size: an editor session sees edits without
 * a restart, and a lint run reads the file once, not once per linted file.
 */
export function loadManifestCached(path: string, format: ManifestFormat = 'auto'): Manifest {
  let stamp: string;
  try {
    const stat = statSync(path);
    stamp = `${stat.mtimeMs}:${stat.size}`;
  } catch {
    stamp = 'missing';
  }
  const cacheKey = `${format}\u0000${path}`;
  const cached = cache.get(cacheKey);
  if (cached?.stamp === stamp) {
    if (cached.error) throw cached.error;
    return cached.manifest!;
  }
  try {
    const manifest = loadManifest(path, format);
    cache.set(cacheKey, { stamp, manifest });
    return manifest;
  } catch (error) {
    if (error instanceof UserError) cache.set(cacheKey, { stamp, error });
    throw error;
  }
}

export type { JsonPath };
