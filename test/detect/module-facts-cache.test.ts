import { parse } from '@typescript-eslint/typescript-estree';
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/detect/analyze.js';
import type { FileFacts } from '../../src/detect/facts.js';
import { ModuleFactsCache } from '../../src/detect/module-facts-cache.js';
import { indexFor } from '../helpers/analyze-source.js';

/*
 * Issue 19: ESLint's peak memory on a real server codebase. V8 sizes its heap to what survives its
 * collections, so what the plugin keeps for a whole run costs several times its size at the peak.
 * The cache keeps every analysed file's module summary, and the whole facts of the latest only.
 */

function factsOf(text: string): FileFacts {
  return analyzeFile(parse(text, { range: true, loc: true }), { index: indexFor({}).forFile('/p/src/a.ts'), test: false, text });
}

const wrapperModule = (n: number) => `export const isOn${n} = (key: string) => isFeatureEnabled(flags.get(key), context);\n`;

const files = Array.from({ length: 17 }, (_, n) => ({ path: `/p/src/m${n}.ts`, text: wrapperModule(n) }));

describe('the facts kept for one ESLint configuration', () => {
  it('keeps the whole facts of the 16 latest files ESLint analysed, and the module summary of every one', () => {
    const cache = new ModuleFactsCache();
    for (const { path, text } of files) cache.set(path, text, factsOf(text), false);

    expect(cache.takeFacts(files[0]!.path, files[0]!.text)).toBeUndefined();
    expect(cache.moduleOf(files[0]!.path, files[0]!.text)?.exports).toEqual({ isOn0: expect.objectContaining({ kind: 'wrapper' }) });
    expect(cache.takeFacts(files[1]!.path, files[1]!.text)?.module.exports).toHaveProperty('isOn1');
    expect(cache.takeFacts(files[16]!.path, files[16]!.text)?.module.exports).toHaveProperty('isOn16');
  });

  it('keeps the whole facts of a module the graph analysed until ESLint takes them, however many files come between', () => {
    const cache = new ModuleFactsCache();
    const [first, ...rest] = files;
    cache.set(first!.path, first!.text, factsOf(first!.text), true);
    for (const { path, text } of rest) cache.set(path, text, factsOf(text), false);

    expect(cache.takeFacts(first!.path, first!.text)?.module.exports).toHaveProperty('isOn0');
    // Taken, they are among the latest: files[1] is now the 17th latest.
    expect(cache.takeFacts(files[1]!.path, files[1]!.text)).toBeUndefined();
    expect(cache.takeFacts(first!.path, first!.text)).toBeDefined();
  });

  it('a file taken again counts as the latest', () => {
    const cache = new ModuleFactsCache();
    for (const { path, text } of files.slice(0, 16)) cache.set(path, text, factsOf(text), false);
    expect(cache.takeFacts(files[0]!.path, files[0]!.text)).toBeDefined();
    cache.set(files[16]!.path, files[16]!.text, factsOf(files[16]!.text), false);

    expect(cache.takeFacts(files[0]!.path, files[0]!.text)).toBeDefined();
    expect(cache.takeFacts(files[1]!.path, files[1]!.text)).toBeUndefined();
  });

  it('answers for the text it was given only', () => {
    const cache = new ModuleFactsCache();
    cache.set('/p/src/m0.ts', wrapperModule(0), factsOf(wrapperModule(0)), false);
    expect(cache.takeFacts('/p/src/m0.ts', wrapperModule(1))).toBeUndefined();
    expect(cache.moduleOf('/p/src/m0.ts', wrapperModule(1))).toBeUndefined();
    expect(cache.moduleOf('/p/src/other.ts', wrapperModule(0))).toBeUndefined();
  });

  it('keeps a copy of the summary, not the one whose strings were cut from the text', () => {
    const cache = new ModuleFactsCache();
    const facts = factsOf(wrapperModule(0));
    cache.set('/p/src/m0.ts', wrapperModule(0), facts, false);
    const kept = cache.moduleOf('/p/src/m0.ts', wrapperModule(0));
    expect(kept).toEqual(facts.module);
    expect(kept).not.toBe(facts.module);
  });
});
