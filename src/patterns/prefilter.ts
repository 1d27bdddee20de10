import { partsOf } from './parts.js';
import type { ChainObject, CompiledAccessor, Matcher, PatternPart } from './types.js';

/*
 * The prefilter: what a file's text must contain for a pattern to match anywhere in it. Files
 * that fail it are never parsed by the scanner, and both front-ends skip their analysis, so it
 * must only ever ask for what every match writes.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&');
}

const isWildcard = (name: string) => name === '*' || name === 'this';

/** The names one part asks for: callee and object chains, the element name, property names. */
function ownNames(part: PatternPart): readonly string[] {
  switch (part.type) {
    case 'call':
      return part.callee.filter((name) => !isWildcard(name));
    case 'member':
      if (part.object.type === 'call') return [];
      // A destructured `{ flags }` prop never writes the name of the props parameter.
      return part.object.chain.filter(
        (name, index) => !isWildcard(name) && !(index === 0 && part.object.type === 'chain' && part.object.destructuredProp),
      );
    case 'jsx':
      return [part.element.split('.').at(-1)!];
    case 'object':
      return Object.keys(part.properties);
    default:
      return [];
  }
}

/** `receiver.method` as code may write it: `a.m`, `a?.m`, `a['m']`, with spaces and line breaks between. */
function memberShape(receiver: string | undefined, method: string): RegExp {
  const name = escapeRegExp(method);
  // Not `\b`: a name may begin or end with `$` (`$config`, a Svelte store), where `\b` never holds.
  const access = `(?:\\??\\.\\s*${name}(?![\\w$])|\\[\\s*['"\`]${name}['"\`]\\s*\\])`;
  return new RegExp(receiver === undefined ? access : `(?<![\\w$])${escapeRegExp(receiver)}\\s*${access}`);
}

/**
 * The shape of a member pattern's object chain: its last two names as a member access
 * (`uiConfig.flags`, `*.flags` as `.flags`). A chain also read destructured (`props.flags` as a
 * `{ flags }` prop) passes on either `props.flags` or a bare `flags` read as an object (bare: not
 * itself a property, unlike the `flags` of `list.flags.includes`).
 */
function chainShapes({ chain, destructuredProp }: ChainObject): RegExp[] {
  if (chain.length < 2) return [];
  const last = chain.at(-1)!;
  const previous = chain.at(-2)!;
  if (isWildcard(last)) return [];
  if (destructuredProp) {
    const name = escapeRegExp(last);
    return [new RegExp(`${memberShape(previous, last).source}|(?<!\\.\\s*)(?<![\\w$])${name}\\s*(?:\\??\\.\\s*[\\w$]|(?:\\?\\.)?\\s*\\[)`)];
  }
  return [memberShape(isWildcard(previous) ? undefined : previous, last)];
}

/** The member shapes one part asks for: a call on a receiver (or at the end of a fluent chain), a member pattern's object. */
function ownShapes(part: PatternPart): RegExp[] {
  switch (part.type) {
    case 'call': {
      const method = part.callee.at(-1)!;
      if (part.receiver !== undefined) return [memberShape(undefined, method)];
      if (part.callee.length < 2) return [];
      const receiver = part.callee.at(-2)!;
      return [memberShape(isWildcard(receiver) ? undefined : receiver, method)];
    }
    case 'member':
      return part.object.type === 'chain' ? chainShapes(part.object) : [];
    default:
      return [];
  }
}

/** What a pattern asks of a text: every name (deduplicated) and every member shape its parts write. */
export function prefilterOf(matcher: Matcher): { names: string[]; shapes: RegExp[] } {
  const parts = partsOf(matcher).map(({ part }) => part);
  return { names: [...new Set(parts.flatMap(ownNames))], shapes: parts.flatMap(ownShapes) };
}

/**
 * One regular expression for all the names, or undefined when V8 refuses to compile it ("too
 * large": a name of tens of thousands of characters); the prefilter then looks for each name on
 * its own, which finds a superset of what the combined expression finds, so no file is wrongly
 * skipped.
 */
function namesPattern(names: ReadonlySet<string>): RegExp | undefined {
  if (names.size === 0) return undefined;
  const alternatives = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  try {
    const pattern = new RegExp(alternatives.join('|'), 'g');
    // V8 compiles on first use, and that is where "too large" is thrown.
    pattern.test('');
    pattern.lastIndex = 0;
    return pattern;
  } catch {
    return undefined;
  }
}

/**
 * Names this short occur inside all sorts of identifiers (`on` in every `function` and `const`):
 * on PatternFly's 2,998 files the presets' `on` matched 105,000 times of 119,000, and taking each
 * match was half the prefilter's time. The one pass over a text looks for the longer names; a
 * short one is looked up (`includes`) only for a pattern whose longer names are all there.
 */
const SHORT_NAME = 3;

const isShort = (name: string) => name.length <= SHORT_NAME;

/** The prefilter of a set of accessors. */
export class Prefilter {
  /** Every name the prefilter looks for. */
  readonly names: ReadonlySet<string>;
  /** One pass over a text finds which of the longer names it contains (undefined: look for each name in turn). */
  private readonly namePattern: RegExp | undefined;
  /** Each accessor's names, the longer ones first (a set lookup before a search of the text). */
  private readonly needs: { accessor: CompiledAccessor; names: readonly string[] }[];

  constructor(accessors: readonly CompiledAccessor[]) {
    this.names = new Set(accessors.flatMap((accessor) => accessor.names));
    this.namePattern = namesPattern(new Set([...this.names].filter((name) => !isShort(name))));
    this.needs = accessors.map((accessor) => ({
      accessor,
      names: [...accessor.names].sort((a, b) => Number(isShort(a)) - Number(isShort(b))),
    }));
  }

  /**
   * Whether a file's text can contain a match at all: some pattern has every one of its names and
   * shapes in the text. A name counts as present where it occurs at all (a short one, or any name
   * when the combined expression could not be compiled) or where the combined expression matches it.
   */
  mayMatch(text: string): boolean {
    if (this.names.size === 0) return false;
    const present = new Map<string, boolean>();
    if (this.namePattern !== undefined) for (const match of text.matchAll(this.namePattern)) present.set(match[0], true);
    const has = (name: string) => {
      let found = present.get(name);
      if (found === undefined) {
        found = (this.namePattern === undefined || isShort(name)) && text.includes(name);
        present.set(name, found);
      }
      return found;
    };
    return this.needs.some(({ accessor, names }) => names.every(has) && accessor.shapes.every((shape) => shape.test(text)));
  }
}
