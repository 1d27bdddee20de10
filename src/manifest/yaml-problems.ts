import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { yamlPackage } from '../lazy-packages.js';
import { EXCERPT_LENGTH, formatJsonPath } from '../schema-errors.js';
import type { ManifestProblem } from './types.js';

type Path = (string | number)[];

/** A key or a value with the path that leads to it and the part of the text it spans. */
interface Span {
  path: Path;
  start: number;
  end: number;
}

/**
 * Duplicate keys and tags that resolve to nothing in YAML (or JSON) text, each with the flag it
 * belongs to and the place it is written: the second key, the tag itself.
 *
 * js-yaml, which reads the data, stops at the first of these with a position that is right for a
 * duplicate but not for a tag (it is where the value ends, or the next key after a block scalar),
 * and names neither the flag nor the field; the `yaml` package's document model has both. `parsed`:
 * the text's document, when it was parsed already (with `uniqueKeys: false`).
 */
export function duplicateKeysAndUnknownTags(source: string, parsed?: { document: Document; lines: LineCounter }): ManifestProblem[] {
  const { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } = yamlPackage();
  const lines = parsed?.lines ?? new LineCounter();
  const document = parsed?.document ?? parseDocument(source, { lineCounter: lines, uniqueKeys: false });
  const problems: { offset: number; problem: ManifestProblem }[] = [];
  const at = (offset: number) => {
    const position = lines.linePos(offset);
    return { line: position.line, column: position.col };
  };

  const spans: Span[] = [];
  const visit = (node: unknown, path: Path): void => {
    if (isMap(node)) {
      const firstKeys = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
        const keyStart = keyNode?.range?.[0];
        const valueNode = pair.value as YamlNode | null;
        const end = valueNode?.range?.[2] ?? keyNode?.range?.[2];
        if (key !== undefined && keyStart !== undefined) {
          const first = firstKeys.get(key);
          if (first === undefined) firstKeys.set(key, keyStart);
          else problems.push({ offset: keyStart, problem: { ...duplicateKey([...path, key], at(first).line), ...at(keyStart) } });
          if (end !== undefined) spans.push({ path: [...path, key], start: keyStart, end });
        }
        visit(valueNode, key === undefined ? path : [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const range = (item as YamlNode | null)?.range;
        if (range) spans.push({ path: [...path, index], start: range[0], end: range[2] });
        visit(item, [...path, index]);
      });
    }
  };
  visit(document.contents, []);

  for (const warning of document.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const offset = warning.pos[0];
    // The innermost key or item whose text holds the tag: the tag sits between a key and its value.
    let owner: Span | undefined;
    for (const span of spans) {
      if (span.start <= offset && offset <= span.end && (owner === undefined || span.path.length >= owner.path.length)) owner = span;
    }
    const written = /^!<[^>]*>|^![^\s,[\]{}]*/.exec(source.slice(offset, offset + 1000))?.[0];
    const tag = written === undefined ? 'tag' : written.length > EXCERPT_LENGTH ? `${written.slice(0, EXCERPT_LENGTH)}…` : written;
    const message = `unknown tag ${tag}: a manifest is plain data; write the value without a tag`;
    problems.push({ offset, problem: { ...subjectOf(owner?.path ?? []), message, ...at(offset) } });
  }
  return problems.sort((a, b) => a.offset - b.offset).map(({ problem }) => problem);
}

/** Under `flags:` (our format, OpenFeature, flagd), the flag and the field a path names. */
function subjectOf(path: Path): { flag?: string; field?: string } {
  if (path[0] !== 'flags' || typeof path[1] !== 'string') return {};
  return path.length > 2 ? { flag: path[1], field: formatJsonPath(path.slice(2)) } : { flag: path[1] };
}

function duplicateKey(path: Path, firstLine: number): ManifestProblem {
  const subject = subjectOf(path);
  if (subject.field !== undefined) return { ...subject, message: `duplicate field: already set on line ${firstLine}` };
  // The flag is the duplicate itself: named in the sentence, not as the subject.
  if (subject.flag !== undefined) return { message: `duplicate flag "${subject.flag}": already declared on line ${firstLine}` };
  return { message: `duplicate key ${formatJsonPath(path)}: already set on line ${firstLine}` };
}
