import type { Document, LineCounter, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { yamlPackage } from './lazy-packages.js';
import type { JsonPath } from './schema-errors.js';

/** Where the thing at a path is written (1-based); `key`: at the key of the last segment, not its value. */
export type Locate = (path: JsonPath, key: boolean) => { line: number; column: number } | undefined;

/**
 * Where things are in a YAML (or JSON) text, computed only when a position is actually asked for:
 * the full YAML document model is ten times slower to build than the data, and a valid manifest
 * of fifty thousand flags should not pay for it.
 */
export function lazyLocator(text: string): Locate {
  let document: Document | undefined;
  let lines: LineCounter | undefined;
  const pairsByMap = new WeakMap<object, Map<string, Pair>>();
  const pairsOf = (map: YAMLMap): Map<string, Pair> => {
    let pairs = pairsByMap.get(map);
    if (pairs === undefined) {
      const { isPair, isScalar } = yamlPackage();
      pairs = new Map();
      for (const item of map.items)
        if (isPair(item) && isScalar(item.key) && !pairs.has(String(item.key.value))) pairs.set(String(item.key.value), item);
      pairsByMap.set(map, pairs);
    }
    return pairs;
  };
  return (path, key) => {
    const { LineCounter, parseDocument, isMap, isSeq } = yamlPackage();
    if (document === undefined) {
      lines = new LineCounter();
      document = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
    }
    let node: YamlNode | undefined | null = document.contents as YamlNode | null;
    for (let i = 0; i < path.length; i++) {
      // Other formats keep flags in lists (Unleash's features[]); a list has no keys, only items.
      if (isSeq(node) && typeof path[i] === 'number') {
        node = node.items[path[i] as number] as YamlNode | undefined;
        continue;
      }
      if (!isMap(node)) return undefined;
      const pair = pairsOf(node).get(String(path[i]));
      if (pair === undefined) return undefined;
      node = i === path.length - 1 && key ? (pair.key as YamlNode) : (pair.value as YamlNode | null);
    }
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const position = lines!.linePos(offset);
    return { line: position.line, column: position.col };
  };
}

/** The 1-based line and column of an offset into a text. */
export function positionAtOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let next = text.indexOf('\n'); next !== -1 && next < offset; next = text.indexOf('\n', next + 1)) {
    line++;
    lineStart = next + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
