import type { IsoDate } from '../dates.js';
import { UserError } from '../errors.js';
import { yamlPackage } from '../lazy-packages.js';
import { detectManifestFormat, FORMAT_TITLES, manifestEntryLines } from '../manifest/formats/index.js';
import { parseManifestText } from '../manifest/load.js';
import type { FlagType } from '../manifest/schema.js';

/** What init knows of a flag: its key, maybe when it first appeared, and the type if the user said. */
export interface SkeletonEntry {
  key: string;
  createdAt?: IsoDate;
  type?: FlagType;
}

/**
 * YAML allows an implicit mapping key of at most 1024 characters; a longer key would need the
 * explicit `? key` form, which nobody writes by hand. Such keys are left for the user.
 */
export const MAX_KEY_LENGTH = 1000;

/**
 * One entry as the manifest writer writes it (escaped key and values, `# TODO` lines for what is
 * unknown). An entry with no field at all is written `key: {}`, so that it is an (incomplete) flag
 * that check-manifest lists field by field, not a null it would refuse whole.
 */
function entryLines(entry: SkeletonEntry): string[] {
  const lines = manifestEntryLines({
    key: entry.key,
    ...(entry.type === undefined ? {} : { type: entry.type }),
    ...(entry.createdAt === undefined ? {} : { createdAt: entry.createdAt }),
  });
  if (lines.slice(1).every((line) => line.trimStart().startsWith('#'))) lines[0] = `${lines[0]} {}`;
  return lines;
}

function header(entries: readonly SkeletonEntry[]): string[] {
  const lines = [
    '# Flag manifest started by `flag-hygiene init` from the flag keys the code references.',
    '# Each "# TODO" line is a field init cannot know: fill it in and uncomment it (an entry written',
    '# `key: {}` has no field yet: replace the {} with them). Until then `flag-hygiene check-manifest`',
    '# lists every field that is still required.',
  ];
  if (entries.some((entry) => entry.createdAt !== undefined)) {
    lines.push('# createdAt: the date of the first commit whose content contains the key (git log -S).');
  }
  return lines;
}

/** A new manifest for these flags. */
export function manifestSkeleton(entries: readonly SkeletonEntry[]): string {
  const lines = [...header(entries), entries.length === 0 ? 'flags: {}' : 'flags:', ...entries.flatMap(entryLines)];
  return `${lines.join('\n')}\n`;
}

export type MergeOutcome =
  /** `text` is the manifest with `added` appended to its flags (the same text when none is). */
  | { kind: 'merged'; text: string; added: string[] }
  /** Not a manifest init can add to without rewriting it; `reason` says why. */
  | { kind: 'left-alone'; reason: string };

function indentOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset after the line holding `offset - 1` (the end of a node), or the end of the text. */
function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset - 1, 0));
  return newline === -1 ? text.length : newline + 1;
}

/** Past the comment lines indented deeper than the entries' keys: they belong to the last entry (its TODOs). */
function afterOwnedComments(text: string, offset: number, keyIndent: number): number {
  let end = offset;
  let position = offset;
  while (position < text.length) {
    const next = afterLine(text, position + 1);
    const line = text.slice(position, next).replace(/\r?\n$/, '');
    if (line.trim() !== '') {
      const indent = line.length - line.trimStart().length;
      if (!line.trimStart().startsWith('#') || indent <= keyIndent) break;
      end = next;
    }
    position = next;
  }
  return end;
}

function insert(text: string, at: number, lines: readonly string[]): string {
  const before = text.slice(0, at);
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  return `${before}${separator}${lines.join('\n')}\n${text.slice(at)}`;
}

/** The writer's two-space entries at another indentation. */
function reindent(lines: readonly string[], keyIndent: number): string[] {
  return lines.map((line) => {
    const leading = line.length - line.trimStart().length;
    return ' '.repeat(keyIndent + leading - 2) + line.trimStart();
  });
}

/**
 * Adds the entries whose keys the manifest lacks, after its last flag, as text: every byte the
 * user wrote stays where it was (no field rewritten, no entry moved, comments kept). A manifest
 * of another format, or one written as JSON or as a flow map, is left alone.
 */
export function mergeIntoManifest(path: string, text: string, entries: readonly SkeletonEntry[]): MergeOutcome {
  if (text.trim() === '') {
    return entries.length === 0
      ? { kind: 'merged', text, added: [] }
      : { kind: 'merged', text: text + manifestSkeleton(entries), added: entries.map((entry) => entry.key) };
  }
  const parsed = parseManifestText(text);
  if (Array.isArray(parsed)) throw new UserError(parsed.map((problem) => ({ file: path, ...problem })));
  const format = detectManifestFormat(parsed.data);
  if (format !== 'flag-hygiene') return { kind: 'left-alone', reason: `it is ${FORMAT_TITLES[format]}` };
  if (/\.json$/i.test(path)) return { kind: 'left-alone', reason: 'it is JSON, which init does not rewrite' };
  const { isMap, isScalar, parseDocument } = yamlPackage();
  const document = parseDocument(text, { uniqueKeys: false });
  const top = document.contents;
  // Comments alone: the flags map is still to be written.
  if (top === null && entries.length === 0) return { kind: 'merged', text, added: [] };
  if (top === null)
    return {
      kind: 'merged',
      text: insert(text, text.length, ['flags:', ...entries.flatMap(entryLines)]),
      added: entries.map((entry) => entry.key),
    };
  if (!isMap(top) || top.flow) return { kind: 'left-alone', reason: 'its top level is not a block map' };
  const pair = top.items.find((item) => isScalar(item.key) && item.key.value === 'flags');
  const existing = new Set<string>();
  const value = pair?.value;
  if (isMap(value)) for (const item of value.items) existing.add(String(isScalar(item.key) ? item.key.value : item.key));
  const missing = entries.filter((entry) => !existing.has(entry.key));
  const added = missing.map((entry) => entry.key);
  if (missing.length === 0) return { kind: 'merged', text, added };
  const lines = missing.flatMap(entryLines);
  if (pair === undefined) return { kind: 'merged', text: insert(text, text.length, ['flags:', ...lines]), added };
  const keyEnd = (pair.key as { range?: [number, number, number] }).range?.[1] ?? 0;
  if (value === null || value === undefined || (isScalar(value) && value.value === null && value.range?.[0] === value.range?.[1])) {
    return { kind: 'merged', text: insert(text, afterLine(text, keyEnd + 1), lines), added };
  }
  if (!isMap(value)) return { kind: 'left-alone', reason: '"flags" is not a map' };
  if (value.flow) {
    if (value.items.length > 0 || value.range === undefined || value.range === null)
      return { kind: 'left-alone', reason: '"flags" is written as a flow map {…}' };
    // `flags: {}` becomes `flags:` with the entries under it.
    let start = value.range[0];
    while (start > 0 && text[start - 1] === ' ') start--;
    const emptied = text.slice(0, start) + text.slice(value.range[1]);
    return { kind: 'merged', text: insert(emptied, afterLine(emptied, start + 1), lines), added };
  }
  const first = value.items[0];
  const last = value.items.at(-1);
  if (first === undefined || last === undefined) return { kind: 'left-alone', reason: '"flags" is empty in a form init does not rewrite' };
  const rangeOf = (node: unknown) => (node as { range?: [number, number, number] } | null)?.range;
  const keyIndent = indentOf(text, rangeOf(first.key)?.[0] ?? 0);
  const lastEnd = Math.max(rangeOf(last.key)?.[1] ?? 0, rangeOf(last.value)?.[1] ?? 0);
  const at = afterOwnedComments(text, afterLine(text, lastEnd), keyIndent);
  return { kind: 'merged', text: insert(text, at, reindent(lines, keyIndent)), added };
}
