import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../src/scanner/analyze-source.js';
import { deserializeResult, FactsStore, serializedOf, serializeResult } from '../../src/scanner/facts-store.js';

/** A parse error is the smallest result there is: enough to tell one file's from another's. */
const resultOf = (index: number): AnalysisResult => ({ kind: 'parse-error', message: `file ${index}` });

function storeOf(files: number, keepAllBelow: number): FactsStore {
  const store = new FactsStore(keepAllBelow);
  for (let index = 0; index < files; index++) store.set(`/p/f${index}.ts`, serializeResult(resultOf(index)));
  return store;
}

describe('FactsStore', () => {
  it('gives back what was set, and tells unknown and skipped files apart', () => {
    const store = storeOf(3, Infinity);
    store.set('/p/skipped.ts', null);
    expect(store.get('/p/f1.ts')).toEqual(resultOf(1));
    expect(store.get('/p/skipped.ts')).toBeNull();
    expect(store.get('/p/unknown.ts')).toBeUndefined();
    expect(store.has('/p/skipped.ts')).toBe(true);
    expect(store.has('/p/unknown.ts')).toBe(false);
  });

  it('keeps every parsed result while the facts are small, so a second pass parses nothing again', () => {
    const store = storeOf(600, Infinity);
    const first = Array.from({ length: 600 }, (_, index) => store.get(`/p/f${index}.ts`));
    const second = Array.from({ length: 600 }, (_, index) => store.get(`/p/f${index}.ts`));
    expect(second.every((result, index) => result === first[index])).toBe(true);
  });

  it('keeps only the latest 512 parsed once the facts are large', () => {
    const store = storeOf(600, 0);
    const first = Array.from({ length: 600 }, (_, index) => store.get(`/p/f${index}.ts`));
    // The oldest were let go and are parsed again (an equal, new object); the latest are the same.
    expect(store.get('/p/f0.ts')).not.toBe(first[0]);
    expect(store.get('/p/f0.ts')).toEqual(first[0]);
    expect(store.get('/p/f599.ts')).toBe(first[599]);
  });

  it('parses a file again after it is set anew', () => {
    const store = storeOf(1, Infinity);
    const before = store.get('/p/f0.ts');
    store.set('/p/f0.ts', serializeResult(resultOf(7)));
    expect(store.get('/p/f0.ts')).not.toBe(before);
    expect(store.get('/p/f0.ts')).toEqual(resultOf(7));
  });

  it('holds results analysed in this thread as the objects they are, up to 512, and deflates the rest', () => {
    const store = new FactsStore(0);
    const results = Array.from({ length: 513 }, (_, index) => resultOf(index));
    const held = results.map((result, index) => store.set(`/p/f${index}.ts`, result));
    expect(held.slice(0, 512).every((kept, index) => kept === results[index])).toBe(true);
    expect(held[512]).toBeInstanceOf(Uint8Array);
    // Past the budget the parsed ones go, but an object held as such is given back as it is.
    expect(results.map((_, index) => store.get(`/p/f${index}.ts`))).toEqual(results);
    expect(store.get('/p/f0.ts')).toBe(results[0]);
  });

  it('gives the deflated form of an object or of bytes alike', () => {
    const bytes = serializeResult(resultOf(3));
    expect(serializedOf(bytes)).toBe(bytes);
    expect(deserializeResult(serializedOf(resultOf(3)))).toEqual(resultOf(3));
  });
});
