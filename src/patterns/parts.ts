import type { PatternPart } from './types.js';

/** The parts directly inside one: a call's receiver and arguments, an object's values, an element's attribute value. */
function innerParts(part: PatternPart): readonly PatternPart[] {
  switch (part.type) {
    case 'call':
      return [
        ...(part.receiver === undefined ? [] : [part.receiver]),
        ...(part.calleeCall === undefined ? [] : [part.calleeCall]),
        ...part.args,
      ];
    case 'member':
      return part.object.type === 'call' ? [part.object] : [];
    case 'jsx':
      return [part.value];
    case 'each-entry':
      return [part.value];
    case 'each-element':
      return [part.element];
    case 'object':
      return Object.values(part.properties);
    case 'tuple':
      return part.elements;
    default:
      return [];
  }
}

export interface VisitedPart {
  part: PatternPart;
  /** The part sits inside a repeated one (`{ $KEY: … }`, `[…]`): it matches once per entry or element. */
  repeated: boolean;
}

/**
 * Every part of a pattern, the whole first, then depth-first in the order the pattern writes them.
 * The one walk over compiled patterns: what a pattern needs, counts or requires of a text is a
 * sum over its parts, each part adding its own share.
 */
export function partsOf(part: PatternPart, repeated = false): VisitedPart[] {
  const visited: VisitedPart[] = [{ part, repeated }];
  const inner = repeated || part.type === 'each-entry' || part.type === 'each-element';
  for (const child of innerParts(part)) visited.push(...partsOf(child, inner));
  return visited;
}
