import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readRegularFile } from '../bounded-read.js';
import { looksBinary } from '../detect/source-text.js';
import { camelCaseKey } from '../detect/key-case.js';
import { lineAndOffset, lineStarts } from '../line-positions.js';
import { toPosixRelative } from '../posix-path.js';
import type { ReportLocation } from './build.js';

/*
 * Issue 16 item 5: before the gate calls a flag unreferenced ("delete the manifest entry"), the
 * repository's text is searched for its key, as a string or an identifier. Accessor patterns miss
 * route tables (`{ path: '/x', flag: 'sessionReplay' }`) and calls through a hook's result; a key
 * that appears anywhere turns "delete it" into "check before deleting". The AST gives precision,
 * the text gives safety.
 */

/** Files larger than this are data, not code or docs that use a flag. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** A walk without git stops after this many files: a safety net, not an index of the disk. */
const MAX_WALKED_FILES = 100_000;
/** Folders never walked (git's list leaves them out anyway). */
const UNWALKED = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** How many places are kept per key (the message names the first; the count says how many more). */
const PLACES_KEPT = 3;

export interface TextMentions {
  /** The first places, in file order. */
  places: ReportLocation[];
  /** How many places in all. */
  count: number;
}

export interface TextSearchOptions {
  /** The repository's folder (report paths are relative to it). */
  root: string;
  /** Files whose mentions prove nothing: the manifest, the config, test files. */
  ignore: (relativePath: string) => boolean;
}

/** Tracked files, when `root` is in a git work tree; undefined when git is not there to ask. */
function trackedFiles(root: string): string[] | undefined {
  try {
    const output = execFileSync('git', ['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return output.split('\0').filter((path) => path !== '');
  } catch {
    return undefined;
  }
}

function walkedFiles(root: string): string[] {
  const files: string[] = [];
  const folders = [''];
  while (folders.length > 0 && files.length < MAX_WALKED_FILES) {
    const folder = folders.pop()!;
    let entries;
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!UNWALKED.has(entry.name)) folders.push(path);
      } else if (entry.isFile()) {
        files.push(path);
      }
    }
  }
  return files.sort();
}

function isWordCharacter(code: number | undefined): boolean {
  if (code === undefined || Number.isNaN(code)) return false;
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code === 45
  );
}

/** One pass over a text for every spelling of every key; longer spellings first, so a key wins over its prefix. */
function wordPattern(words: readonly string[]): RegExp {
  const escaped = [...words].sort((a, b) => b.length - a.length).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('|'), 'g');
}

/** Where a spelling stands on its own in `text` (not part of a longer name or key, `new-checkout-v2`), by spelling. */
function wordOffsets(text: string, pattern: RegExp): Map<string, number[]> {
  const offsets = new Map<string, number[]>();
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const at = match.index;
    const word = match[0];
    if (!isWordCharacter(text.charCodeAt(at - 1)) && !isWordCharacter(text.charCodeAt(at + word.length))) {
      const list = offsets.get(word);
      if (list === undefined) offsets.set(word, [at]);
      else list.push(at);
    }
  }
  return offsets;
}

function positionOf(starts: readonly number[], offset: number): { line: number; column: number } {
  const { line, column } = lineAndOffset(starts, offset);
  return { line, column: column + 1 };
}

/**
 * Where each key appears in the repository's text files (tracked and untracked-but-not-ignored
 * files when it is a git work tree, else every file under `root`), as written or camelCased. Each
 * file is read once, at most 4 MB of it; binary files are skipped.
 */
export function findTextMentions(keys: readonly string[], options: TextSearchOptions): Map<string, TextMentions> {
  const found = new Map<string, TextMentions>();
  if (keys.length === 0) return found;
  const spellings = keys.map((key) => ({ key, words: [...new Set([key, camelCaseKey(key)])] }));
  const pattern = wordPattern([...new Set(spellings.flatMap((spelling) => spelling.words))]);
  const files = trackedFiles(options.root) ?? walkedFiles(options.root);
  for (const relative of files) {
    if (options.ignore(relative)) continue;
    const path = join(options.root, relative);
    const read = readRegularFile(path, MAX_FILE_BYTES);
    if ('problem' in read || looksBinary(read.bytes)) continue;
    const text = read.bytes.toString('utf8');
    const byWord = wordOffsets(text, pattern);
    if (byWord.size === 0) continue;
    let starts: number[] | undefined;
    for (const { key, words } of spellings) {
      const offsets = words.flatMap((word) => byWord.get(word) ?? []).sort((a, b) => a - b);
      if (offsets.length === 0) continue;
      starts ??= lineStarts(text);
      const mentions = found.get(key) ?? { places: [], count: 0 };
      for (const offset of offsets) {
        if (mentions.places.length < PLACES_KEPT)
          mentions.places.push({ file: toPosixRelative(options.root, path), ...positionOf(starts, offset) });
      }
      mentions.count += offsets.length;
      found.set(key, mentions);
    }
  }
  return found;
}
