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
const REQUIRE = /\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\(\s*['"]([^'"\n]+)['"]\s*\)/g;

export function scanImports(text: string): ScannedImport[] {
  const imports: ScannedImport[] = [];
  for (const match of text.matchAll(IMPORT_OR_REEXPORT)) {
    const clause = match[1] ?? '';
    const specifier = match[2]!;
    const names: string[] = [];
    if (/\*/.test(clause)) names.push('*');
    const braces = /\{([^}]*)\}/.exec(clause);
    if (braces) {
      for (const part of braces[1]!.split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]?.trim();
        if (name) names.push(name.replace(/^['"]|['"]$/g, ''));
      }
    }
    const beforeBraces = clause.replace(/\{[^}]*\}/, '').replace(/\*\s*as\s+[\w$]+/, '').replace(/,/g, ' ').trim();
    if (/^[\w$]+$/.test(beforeBraces) && !clause.startsWith('{')) names.push('default');
    imports.push({ specifier, names });
  }
  for (const match of text.matchAll(REQUIRE)) {
    const target = match[1]!;
    const names = target.startsWith('{')
      ? target.slice(1, -1).split(',').map((part) => part.split(':')[0]!.trim()).filter((name) => name !== '')
      : ['*'];
    imports.push({ specifier: match[2]!, names });
  }
  return imports;
}
