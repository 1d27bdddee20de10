import { createRequire } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { characterEntitiesHtml4 } from 'character-entities-html4';
import type * as Oxc from 'oxc-parser';

/*
 * The detector's fast parser (docs/performance.md, "The parser question"). oxc-parser is native
 * code: it loads in some 10 ms where typescript-estree brings TypeScript (a quarter of a second of
 * compiling before the first parse), and it parses with no warm-up (most of its cost is turning
 * the tree into JavaScript objects). Its tree is TS-ESTree's but for these, which `settle`
 * settles, so the detector sees the tree ESLint hands the rules:
 *   - optional children that are absent are `null` in oxc and left out by typescript-estree
 *     (`typeAnnotation`, `returnType`, `initializer` …): here they become `undefined`;
 *   - oxc gives offsets only (`start` and `end`): `range` is made of them. oxc would write `range`
 *     itself, but as JSON that JavaScript then parses: made here it costs less (a sixth of the parse
 *     on 2,120 generated files). No node gets a `loc`: the detector places the few nodes the facts
 *     name from their range (`nodeLocator` in src/detect/ast.ts), as TypeScript counts lines and
 *     UTF-16 columns, which typescript-estree's `loc` is. Three objects more per node cost a tenth of
 *     the parse, and more in collections;
 *   - a template's `raw` text has its line breaks as written, not turned into `\n`;
 *   - a `#!` line is a comment, not a `hashbang` node;
 *   - oxc keeps HTML entities in JSX strings (`&amp;`), typescript-estree decodes them: an
 *     attribute value (which the detector reads) is decoded here as typescript-estree does
 *     (decodeJsxEntities). JSXText values keep them, as the detector never reads one (the codemod,
 *     which does, parses with typescript-estree).
 * test/detect/parser-agreement.test.ts compares both trees node by node, and the facts made from
 * them, on every fixture and on generated code, and fails on any other difference.
 */

/** Properties that oxc writes as `null` where typescript-estree leaves them out, on any node. */
const ABSENT_AS_NULL = new Set([
  'accessibility',
  'constraint',
  'default',
  'directive',
  'hashbang',
  'initializer',
  'returnType',
  'superTypeArguments',
  'typeAnnotation',
  'typeArguments',
  'typeParameters',
]);

/** What typescript-estree decodes in a JSX string (`unescapeStringLiteralText`): `&` up to a `;`, with no space between. */
const JSX_ENTITY = /&(?:#\d+|#x[\da-fA-F]+|[0-9a-zA-Z]+);/g;

/**
 * The named references typescript-estree decodes: XHTML 1.0's, which are HTML 4's and `&apos;`.
 * (HTML 5 names more, `&NewLine;` …, which it leaves as written.)
 */
const XHTML_ENTITIES: Readonly<Record<string, string>> = { ...characterEntitiesHtml4, apos: "'" };

/**
 * A JSX attribute's string as typescript-estree gives its value: each `&name;` XHTML names, and
 * each `&#…;` or `&#x…;` up to U+10FFFF, decoded; any other `&` left as written (`"Save & close"`,
 * a URL's query). Undefined for a name an object inherits (`&constructor;`), which
 * typescript-estree's lookup turns into a function's source text: that file is left to it.
 */
export function decodeJsxEntities(text: string): string | undefined {
  if (!text.includes('&')) return text;
  let inherited = false;
  const decoded = text.replace(JSX_ENTITY, (entity) => {
    const item = entity.slice(1, -1);
    if (item[0] !== '#') {
      inherited ||= item in Object.prototype;
      return Object.hasOwn(XHTML_ENTITIES, item) ? XHTML_ENTITIES[item]! : entity;
    }
    const codePoint = item[1] === 'x' ? parseInt(item.slice(2), 16) : parseInt(item.slice(1), 10);
    return codePoint > 0x10ffff ? entity : String.fromCodePoint(codePoint);
  });
  return inherited ? undefined : decoded;
}

/** Where typescript-estree writes `null` for one of those too (`asserts x`, `import('m')` as a type). */
const NULL_KEPT_ON: Readonly<Record<string, string>> = { TSImportType: 'typeArguments', TSTypePredicate: 'typeAnnotation' };

/** The same, on one node type only (elsewhere `null` is typescript-estree's value too). */
const ABSENT_AS_NULL_ON: Readonly<Record<string, string>> = {
  RestElement: 'value',
  TSDeclareFunction: 'body',
  TSMappedType: 'readonly',
};

/*
 * oxc parses by recursion on the native stack, and text nested deep enough overflows it: the
 * process dies with SIGSEGV, which no try/catch sees (oxc-project/oxc#24375). Measured on 0.160
 * with an 8 MB main-thread stack: 4,000 levels of calls, parentheses, arrays, `if`, `=>`, `=` or
 * `? :` parse, 20,000 crash; a worker thread's default 4 MB crashes at 4,000. A text goes to oxc
 * only below these bounds, each far from a crash and far above real code (of 4,955 files of
 * unleash-server and PatternFly, the deepest brackets are 105 levels): anything else is parsed by
 * typescript-estree. What nests without brackets (`a = b = …`, `a ? b : c ? …`, `!!…`, `a + b + …`)
 * is counted in runs that a `;` ends, or a line that starts a declaration (`const`, `export` …),
 * which no expression continues past; `else` and the keywords that nest are counted over the text.
 */
const MAX_BRACKET_DEPTH = 256;
/** `=`, `?` and `!` in one run. */
const MAX_CHAIN_MARKS = 2_500;
/** Binary operators and `.` in one run: they nest to the left (a chain of 40,000 crashes a 4 MB worker). */
const MAX_OPERATORS = 20_000;
/** `if`, `else` and the unary keywords, over the whole text. */
const MAX_NESTING_KEYWORDS = 2_500;
const NESTING_KEYWORDS = /\b(?:if|else|typeof|void|await|new|delete|yield)\b/g;
/** A line (after a line break, at bracket depth 0) that starts a declaration: no expression runs on into it. */
const DECLARATION_LINE = /[ \t]*(?:export|import|const|let|var)\b/y;
/**
 * A line that is one comment, `// …` or `/* … *\/` (one `*\/`, at its end), without a `${`: a
 * comment, or text of a string or template literal, so nothing in it nests (a template's code sits
 * in `${…}`, which keeps the line counted). Not counted: novu lists 4,342 icons, each under a line
 * `/** @deprecated Use icons from @novu/novui/icons instead *\/`, whose slashes and stars made one
 * run of 30,000 operators, and the file went to typescript-estree.
 */
const COMMENT_LINE = /[ \t]*(?:\/\/(?:[^\n$]|\$(?!\{))*|\/\*(?:[^*\n$]|\*(?!\/)|\$(?!\{))*\*\/[ \t]*)(?=\n|$)/y;

/** Whether a text is surely shallow enough for oxc (see above); the counts over-approximate nesting. */
export function shallowEnoughForOxc(text: string): boolean {
  let depth = 0;
  let marks = 0;
  let operators = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x28: // (
      case 0x5b: // [
      case 0x7b: // {
        if (++depth > MAX_BRACKET_DEPTH) return false;
        break;
      case 0x29: // )
      case 0x5d: // ]
      case 0x7d: // }
        if (depth > 0) depth--;
        break;
      case 0x3b: // ;
        marks = 0;
        operators = 0;
        break;
      case 0x0a: // \n
        DECLARATION_LINE.lastIndex = i + 1;
        if (depth === 0 && DECLARATION_LINE.test(text)) {
          marks = 0;
          operators = 0;
        }
        COMMENT_LINE.lastIndex = i + 1;
        // On to the line break that ends it.
        if (COMMENT_LINE.test(text)) i = COMMENT_LINE.lastIndex - 1;
        break;
      case 0x3d: // =
      case 0x3f: // ?
      case 0x21: // !
        if (++marks > MAX_CHAIN_MARKS) return false;
        break;
      case 0x2b: // +
      case 0x2d: // -
      case 0x2a: // *
      case 0x2f: // /
      case 0x25: // %
      case 0x26: // &
      case 0x7c: // |
      case 0x5e: // ^
      case 0x3c: // <
      case 0x3e: // >
      case 0x2e: // .
      case 0x7e: // ~
        if (++operators > MAX_OPERATORS) return false;
        break;
    }
  }
  let keywords = 0;
  NESTING_KEYWORDS.lastIndex = 0;
  while (NESTING_KEYWORDS.exec(text) !== null) if (++keywords > MAX_NESTING_KEYWORDS) return false;
  return true;
}

let oxc: typeof Oxc | null | undefined;

/** oxc-parser, loaded on first use; null where its native binding cannot load (then typescript-estree parses). */
function loadOxc(): typeof Oxc | null {
  if (oxc === undefined) {
    try {
      oxc = createRequire(import.meta.url)('oxc-parser') as typeof Oxc;
    } catch {
      oxc = null;
    }
  }
  return oxc;
}

/**
 * oxc's parse of `text` as typescript-estree would give it with these options (TSX with `jsx`, else
 * TS, whatever the file's extension), or undefined when oxc cannot load, the text may nest too
 * deep for it, or it reports any error: the caller then parses with typescript-estree, which
 * throws the error users have always seen, or accepts what TypeScript accepts and oxc does not.
 */
export function parseWithOxc(file: string, text: string, jsx: boolean): TSESTree.Program | undefined {
  const parser = loadOxc();
  if (parser === null || !shallowEnoughForOxc(text)) return undefined;
  const result = parser.parseSync(file, text, { lang: jsx ? 'tsx' : 'ts', astType: 'ts', range: false, preserveParens: false });
  if (result.errors.length > 0) return undefined;
  const program = result.program as unknown as TSESTree.Program;
  return settle(program, text) ? program : undefined;
}

/** Settles the differences listed above, in one walk over every node; false if one cannot be. */
function settle(program: TSESTree.Program, text: string): boolean {
  const rawTemplates = text.includes('\r');
  (program as { hashbang?: unknown }).hashbang = undefined;
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    const node = value as Record<string, unknown> & { type?: unknown; start?: unknown; end?: unknown };
    const type = node.type;
    if (typeof type === 'string' && typeof node.start === 'number' && typeof node.end === 'number') {
      const { start, end } = node as { start: number; end: number };
      node.range = [start, end];
      const nullable = ABSENT_AS_NULL_ON[type];
      if (nullable !== undefined && node[nullable] === null) node[nullable] = undefined;
      if (type === 'TemplateElement' && rawTemplates) {
        // From after the backtick or `}` to before the backtick or `${`.
        (node.value as { raw: string }).raw = text.slice(start + 1, end - (node.tail === true ? 1 : 2));
      } else if (type === 'JSXAttribute') {
        const attribute = node.value as { type: string; value?: unknown } | null;
        if (attribute?.type === 'Literal' && typeof attribute.value === 'string') {
          const decoded = decodeJsxEntities(attribute.value);
          if (decoded === undefined) return false;
          attribute.value = decoded;
        }
      }
    }
    for (const key in node) {
      const child = node[key];
      if (child === null) {
        if (ABSENT_AS_NULL.has(key) && NULL_KEPT_ON[type as string] !== key) node[key] = undefined;
      } else if (typeof child === 'object' && key !== 'loc' && key !== 'range' && key !== 'regex') {
        stack.push(child);
      }
    }
  }
  return true;
}
