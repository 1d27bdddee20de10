import { detached } from './detached.js';

/**
 * The imports of a module read from its text without parsing it: enough to decide whether it is
 * worth parsing. It may over-report (an import inside a comment); the parse that follows is exact.
 */
export interface ScannedImport {
  specifier: string;
  /** Imported names; `*` for a namespace import or `export * from`, `default` for a default import. */
  names: string[];
}

const IMPORT_OR_REEXPORT = /\b(?:import|export)\s+(?:type\s+)?([^;'"]*?)\s*\bfrom\s*['"]([^'"\n]+)['"]/g;
/** A declarator that requires a module: the first of a declaration, or a later one (`const a = require('a'), b = require('b')`). */
const REQUIRE = /(?:\b(?:const|let|var)\s+|,\s*)(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*['"]([^'"\n]+)['"]\s*\)/g;

/**
 * REQUIRE's matches. It tries every `const`, `let` and `var` of a text, which took as long as the
 * scan for imports: a text with no `require(` at all (ES modules) is not searched.
 */
function requires(text: string): Iterable<RegExpMatchArray> {
  return text.includes('require(') ? text.matchAll(REQUIRE) : [];
}

/** What one `import … from` or `export … from` statement (an IMPORT_OR_REEXPORT match) imports. */
function scannedStatement(match: RegExpMatchArray): ScannedImport {
  const clause = match[1] ?? '';
  const names: string[] = [];
  if (/\*/.test(clause)) names.push('*');
  const braces = /\{([^}]*)\}/.exec(clause);
  if (braces) {
    for (const part of braces[1]!.split(',')) {
      const name = part
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (name) names.push(name.replace(/^['"]|['"]$/g, ''));
    }
  }
  const beforeBraces = clause
    .replace(/\{[^}]*\}/, '')
    .replace(/\*\s*as\s+[\w$]+/, '')
    .replace(/,/g, ' ')
    .trim();
  if (/^[\w$]+$/.test(beforeBraces) && !clause.startsWith('{')) names.push('default');
  return { specifier: match[2]!, names };
}

/** The imports, in new strings: a module's verdict is kept after its text is dropped (see `detached`). */
export function scanImports(text: string): ScannedImport[] {
  return detached(importsOf(text));
}

function importsOf(text: string): ScannedImport[] {
  const imports = [...text.matchAll(IMPORT_OR_REEXPORT)].map(scannedStatement);
  for (const match of requires(text)) {
    const target = match[1]!;
    const names = target.startsWith('{')
      ? target
          .slice(1, -1)
          .split(',')
          .map((part) => part.split(':')[0]!.trim())
          .filter((name) => name !== '')
      : ['*'];
    imports.push({ specifier: match[2]!, names });
  }
  return imports;
}

/** A name a module binds by importing: `local` is what its code calls, `imported` the export (`*` for the module). */
interface ImportBinding {
  local: string;
  imported: string;
}

const IMPORT_CLAUSE = /\bimport\s+(?!type\s+(?!from\b))([^;'"]*?)\s*\bfrom\s*['"]([^'"\n]+)['"]/g;
const IDENTIFIER = /^[\w$]+$/;

function bindingsOfClause(clause: string): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  const namespace = /\*\s*as\s+([\w$]+)/.exec(clause);
  if (namespace) bindings.push({ local: namespace[1]!, imported: '*' });
  const braces = /\{([^}]*)\}/.exec(clause);
  for (const part of braces ? braces[1]!.split(',') : []) {
    const [imported, local = imported] = part
      .trim()
      .split(/\s+as\s+/)
      .map((name) => name.trim().replace(/^['"]|['"]$/g, ''));
    // `{ type T }` binds a type, which no code calls.
    if (imported === undefined || imported === '' || /^type\s/.test(part.trim())) continue;
    if (IDENTIFIER.test(local!)) bindings.push({ local: local!, imported });
  }
  const beforeBraces = clause
    .replace(/\{[^}]*\}/, '')
    .replace(/\*\s*as\s+[\w$]+/, '')
    .replace(/,/g, ' ')
    .trim();
  if (IDENTIFIER.test(beforeBraces)) bindings.push({ local: beforeBraces, imported: 'default' });
  return bindings;
}

function bindingsOfRequire(target: string): ImportBinding[] {
  if (!target.startsWith('{')) return [{ local: target, imported: '*' }];
  return target
    .slice(1, -1)
    .split(',')
    .map((part) => part.split(':').map((name) => name.trim()))
    .filter(([imported]) => imported !== undefined && imported !== '')
    .map(([imported, local]) => ({
      local: local === undefined || local === '' ? imported! : local.replace(/\s*=.*$/, ''),
      imported: imported!,
    }));
}

/** The index after whitespace and comments from `start`. */
function skipTrivia(text: string, start: number): number {
  let at = start;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (text.startsWith('//', at)) {
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? text.length : end + 2;
    } else {
      return at;
    }
  }
}

/**
 * Whether what follows an expression at `at` could make it (part of) a callee: `(`, `.`, `?.`,
 * `[`, `!`, `<` (type arguments), `)` (`(x)(…)`, `(0, x)(…)`), `as`/`satisfies`. Anything else (`,`,
 * `;`, `=`, `}`, an operator, the end) ends a value that is not called.
 */
function mayContinueToCall(text: string, at: number): boolean {
  const next = skipTrivia(text, at);
  const char = text[next];
  if (char === undefined) return false;
  if ('(.[!<)'.includes(char)) return true;
  if (char === '?') return text[next + 1] === '.';
  return /^(?:as|satisfies)\b/.test(text.slice(next, next + 10));
}

/** A statement that binds imports (`import … from`, or a declarator requiring a module), and where it is written. */
interface ImportStatement {
  specifier: string;
  bindings: ImportBinding[];
  start: number;
  end: number;
}

/** The statements of a text that bind imports of the specifiers `keep` lets through: `import … from` ones first, then `require(…)` ones. */
function importStatements(text: string, keep: (specifier: string) => boolean = () => true): ImportStatement[] {
  const statements: ImportStatement[] = [];
  const take = (match: RegExpMatchArray, bindings: (written: string) => ImportBinding[]) => {
    if (keep(match[2]!))
      statements.push({
        specifier: match[2]!,
        bindings: bindings(match[1] ?? ''),
        start: match.index!,
        end: match.index! + match[0].length,
      });
  };
  for (const match of text.matchAll(IMPORT_CLAUSE)) take(match, bindingsOfClause);
  for (const match of requires(text)) take(match, bindingsOfRequire);
  return statements;
}

/** Every use of these local names in one pass: a name on its own, not a property (`a.x`, `#x`) nor part of a longer name. */
function usesOf(locals: Iterable<string>): RegExp {
  return new RegExp(`(?<![\\w$.#])(?:${[...locals].map((local) => local.replace(/\$/g, '\\$')).join('|')})(?![\\w$])`, 'g');
}

/**
 * Which of each binding's exports the code may call, from its uses: the export itself for a named
 * binding, the members read for a namespace (`ns.name(…)`, `ns['name'](…)`), every export (`*`)
 * when the namespace is used some other way that could still reach a call. One pass over the text
 * for all bindings: a compiled module binds a few dozen, and a pass each was most of the cost of a
 * file that names no accessor.
 */
function calledNames(text: string, bindings: readonly ImportBinding[]): Set<string>[] {
  const names = bindings.map(() => new Set<string>());
  const byLocal = new Map<string, number[]>();
  bindings.forEach((binding, i) => byLocal.set(binding.local, [...(byLocal.get(binding.local) ?? []), i]));
  // A binding is settled once one use decides it: a named binding called, a namespace used whole.
  const settled = bindings.map(() => false);
  for (const use of text.matchAll(usesOf(byLocal.keys()))) {
    // `new X(…)` constructs: a wrapper is called, never constructed.
    if (/\bnew\s+$/.test(text.slice(Math.max(0, use.index - 12), use.index))) continue;
    const end = use.index + use[0].length;
    for (const i of byLocal.get(use[0])!) {
      if (settled[i]) continue;
      const binding = bindings[i]!;
      if (binding.imported !== '*') {
        if (mayContinueToCall(text, end)) {
          names[i] = new Set([binding.imported]);
          settled[i] = true;
        }
        continue;
      }
      const member = /^\s*(?:\?\.|\.)\s*([\w$]+)|^\s*\[\s*(['"`])([\w$.-]+)\2\s*\]/.exec(text.slice(end, end + 200));
      if (member) {
        if (mayContinueToCall(text, end + member[0].length)) names[i]!.add(member[1] ?? member[3]!);
      } else if (mayContinueToCall(text, end)) {
        names[i] = new Set(['*']);
        settled[i] = true;
      }
    }
  }
  return names;
}

/**
 * The imports whose bindings the module may call, as `scanImports` reports them but with only the
 * names that may be called: a reference through an imported wrapper is a call of an imported
 * binding (`isOn('x')`, `checks.isOn('x')`, `(0, checks_1.isOn)('x')`), so a module that names no
 * accessor can hold one only through these. Imports of classes only constructed, of types, of
 * values only passed on, and re-exports drop out, and their modules are not read. Over-reports
 * like `scanImports` (uses in strings or comments count), never under-reports. `mayReachProject`
 * leaves out the imports that cannot land in the project (packages no alias maps).
 */
export function scanCalledImports(text: string, mayReachProject: (specifier: string) => boolean = () => true): ScannedImport[] {
  // Imports of packages are never wrapper calls: their bindings are not looked for in the text.
  const statements = importStatements(text, mayReachProject);
  const bindings = statements.flatMap((statement) => statement.bindings);
  if (bindings.length === 0) return [];
  const called = calledNames(text, bindings);
  const imports: ScannedImport[] = [];
  let next = 0;
  for (const statement of statements) {
    const names = new Set<string>();
    for (const binding of called.slice(next, (next += statement.bindings.length))) for (const name of binding) names.add(name);
    if (names.size > 0) imports.push({ specifier: statement.specifier, names: names.has('*') ? ['*'] : [...names] });
  }
  return imports;
}

/** A member read after a binding (`.name`, `?.name`), as a call of a member may follow it. */
const MEMBER_STEP = /\s*\??\.\s*[\w$]+/y;

/**
 * Whether a use of an imported binding, at `start` to `end`, surely keeps it in the module: it is
 * called (`x(…)`, `x.y(…)`, `x?.(…)`), constructed (`new x`) or a JSX tag (`<x …>`, `</x>`). A module
 * exports an imported binding only by writing it somewhere else (`export { x }`, `export default x`,
 * `export const all = { x }`, `const y = x`).
 */
function keptInModule(text: string, start: number, end: number): boolean {
  if (/(?:<\/?|\bnew)\s*$/.test(text.slice(Math.max(0, start - 8), start))) return true;
  let at = end;
  for (let steps = 0; steps < 8; steps++) {
    MEMBER_STEP.lastIndex = at;
    if (!MEMBER_STEP.test(text)) break;
    at = MEMBER_STEP.lastIndex;
  }
  const next = skipTrivia(text, at);
  return text[next] === '(' || text.startsWith('?.(', next);
}

/**
 * The imports a module may hand on to its importers, from its text: re-exports (`export … from`),
 * and imports with a binding used other than as keptInModule tells (exported, or written into a
 * value, which may be exported). Only these can make an export of the module a function of another
 * module: its other exports are its own. Over-reports like `scanImports` (uses in strings or comments
 * count), never under-reports.
 */
export function scanPassedOnImports(text: string): ScannedImport[] {
  const passed: ScannedImport[] = [];
  for (const match of text.matchAll(IMPORT_OR_REEXPORT)) if (match[0].startsWith('export')) passed.push(scannedStatement(match));
  const statements = importStatements(text).sort((a, b) => a.start - b.start);
  const locals = new Set(statements.flatMap(({ bindings }) => bindings.map(({ local }) => local)));
  if (locals.size === 0) return detached(passed);
  const passedLocals = new Set<string>();
  let statement = 0;
  for (const use of text.matchAll(usesOf(locals))) {
    if (passedLocals.has(use[0])) continue;
    // The declarations themselves (`import x from`, `const x = require(…)`) are no use.
    while (statement < statements.length && statements[statement]!.end <= use.index) statement++;
    if (statement < statements.length && statements[statement]!.start <= use.index) continue;
    if (!keptInModule(text, use.index, use.index + use[0].length)) passedLocals.add(use[0]);
  }
  for (const { specifier, bindings } of statements) {
    const names = bindings.filter(({ local }) => passedLocals.has(local)).map(({ imported }) => imported);
    if (names.length > 0) passed.push({ specifier, names: [...new Set(names)] });
  }
  return detached(passed);
}
