import { createHash } from 'node:crypto';
import { detached } from './detached.js';
import type { FileFacts, ModuleSummary } from './facts.js';

interface Entry {
  hash: string;
  module: ModuleSummary;
  /** The whole facts: until ESLint takes them (the graph's), or while among the latest it analysed. */
  facts?: FileFacts;
}

/** How many of the files ESLint analysed keep their whole facts: the latest, which an editor lints again on each save. */
const WHOLE_FACTS_KEPT = 16;

/**
 * What the files of one ESLint configuration were found to be, by path and content hash, shared
 * by its module graphs and its rules. Facts depend only on the text, the file's accessors and
 * whether it is a test (the same for the whole configuration), and not on which parser made the
 * tree (test/scanner/agreement.test.ts); without type information only, as the checker can add facts.
 *
 * A module the graph analysed is not analysed again when ESLint lints it: the whole facts wait for
 * ESLint to take them. A file ESLint lints is not parsed again when the graph reads it, nor by a
 * renewed graph after an editor's pause: the graph needs only its module summary, kept for every
 * file. Past that, whole facts are kept for the latest files only: those of every analysed file,
 * kept for a whole run, cost ESLint's process about four times their size in peak memory, as V8
 * grows its heap in proportion to what survives its collections.
 */
export class ModuleFactsCache {
  private readonly entries = new Map<string, Entry>();
  /** The files among the latest ESLint analysed or took, oldest first. */
  private readonly latest = new Set<string>();

  /** The text hashed last and its hash: ESLint asks `takeFacts` and then `set` of the same text. */
  private last: { text: string; hash: string } | undefined;

  private hashOf(text: string): string {
    if (this.last?.text !== text) this.last = { text, hash: createHash('sha256').update(text).digest('base64') };
    return this.last.hash;
  }

  private entryOf(file: string, text: string): Entry | undefined {
    const entry = this.entries.get(file);
    return entry !== undefined && entry.hash === this.hashOf(text) ? entry : undefined;
  }

  /** What a file with this text exports, if it was analysed before. */
  moduleOf(file: string, text: string): ModuleSummary | undefined {
    return this.entryOf(file, text)?.module;
  }

  /**
   * ESLint takes the whole facts of a text it lints: those the graph analysed, or those of a text
   * among the latest it analysed itself. They stay among the latest.
   */
  takeFacts(file: string, text: string): FileFacts | undefined {
    const facts = this.entryOf(file, text)?.facts;
    if (facts !== undefined) this.keepLatest(file);
    return facts;
  }

  /**
   * Keeps what a text was found to be: its module summary, and its whole facts, until ESLint takes
   * them when the graph analysed it (`byGraph`), or among the latest ESLint analysed. The summary is
   * a copy, as the names in it are cut from the text and would keep the text alive (see `detached`).
   */
  set(file: string, text: string, facts: FileFacts, byGraph: boolean): void {
    this.entries.set(file, { hash: this.hashOf(text), module: detached(facts.module), facts });
    if (byGraph) this.latest.delete(file);
    else this.keepLatest(file);
  }

  private keepLatest(file: string): void {
    this.latest.delete(file);
    this.latest.add(file);
    for (const oldest of this.latest) {
      if (this.latest.size <= WHOLE_FACTS_KEPT) break;
      this.latest.delete(oldest);
      const entry = this.entries.get(oldest);
      if (entry !== undefined) delete entry.facts;
    }
  }
}
