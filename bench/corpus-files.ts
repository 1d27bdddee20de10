import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Extensions the scanner reads by default (the contract's `include`). */
export const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$|\.d\.[^.]+\.[cm]?ts$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** True for a file name the benchmarks treat as source: a JS/TS extension and not a declaration file. */
export function isSourceFile(name: string): boolean {
  return SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name);
}

/**
 * Every source file under `root` (absolute paths, sorted by plain code-unit order so the list is the
 * same on every machine and locale), skipping `node_modules` and `.git` directories, declaration
 * files (`.d.ts`, `.d.mts`, `.d.cts`, `.d.css.ts`) and files of other types. Symbolic links are not
 * followed.
 */
export async function listSourceFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending: string[] = [root];
  while (pending.length > 0) {
    // Read a handful of directories at a time: wide trees (fifty thousand files) list quickly
    // without opening thousands of handles at once.
    const batch = pending.splice(0, 32);
    const listings = await Promise.all(
      batch.map(async (directory) => ({ directory, entries: await readdir(directory, { withFileTypes: true }) })),
    );
    for (const { directory, entries } of listings) {
      for (const entry of entries) {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
        } else if (entry.isFile() && isSourceFile(entry.name)) {
          found.push(path);
        }
      }
    }
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
