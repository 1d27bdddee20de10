import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportedValue } from '../../src/detect/facts.js';
import { scanPassedOnImports } from '../../src/detect/import-scan.js';
import { analyzeSource } from '../helpers/analyze-source.js';

/*
 * The scanner's caller search asks, before it parses a module, whether the module may export one
 * of its candidate functions (src/scanner/candidate-exports.ts). A module that defines none can
 * export another module's function only by handing on an import: re-exporting it, or writing the
 * binding somewhere other than a call or a JSX tag. scanPassedOnImports reads that from the text;
 * it may say too much, never too little: every export the detector's module summary says comes
 * from another module must come from an import it lists.
 */

describe('scanPassedOnImports lists the imports a module may hand on', () => {
  it.each([
    [
      'bindings only called, constructed, rendered or called through a member',
      `import Tooltip from './Tooltip';\nimport { track, Client } from './track';\nimport * as api from './api';\n` +
        `export default function Page() { track('x'); new Client(); api.load?.(); api.users.list(); return <Tooltip.Item><Tooltip /></Tooltip.Item>; }`,
      [],
    ],
    [
      're-exports, whole and by name',
      `export * from './all';\nexport * as ns from './ns';\nexport { a, b as c } from './named';\nexport { default as D } from './d';`,
      [
        { specifier: './all', names: ['*'] },
        { specifier: './ns', names: ['*'] },
        { specifier: './named', names: ['a', 'b'] },
        { specifier: './d', names: ['default'] },
      ],
    ],
    [
      'an import exported as it is, under another name, as the default',
      `import Tooltip from './Tooltip';\nimport { track as t } from './track';\nimport { load } from './api';\nexport default Tooltip;\nexport { t as track };\nexport const loadAll = load;`,
      [
        { specifier: './Tooltip', names: ['default'] },
        { specifier: './track', names: ['track'] },
        { specifier: './api', names: ['load'] },
      ],
    ],
    [
      'an import written into a value (an object, an alias, an argument, a member read)',
      `import { a } from './a';\nimport { b } from './b';\nimport { c } from './c';\nimport * as d from './d';\n` +
        `export const all = { a };\nconst alias = b;\nregister(c);\nexport const e = d.e;`,
      [
        { specifier: './a', names: ['a'] },
        { specifier: './b', names: ['b'] },
        { specifier: './c', names: ['c'] },
        { specifier: './d', names: ['*'] },
      ],
    ],
    [
      'required bindings, and the declarations themselves',
      `const lib = require('./lib');\nconst { isOn, LIMIT } = require('./flags');\nlib.start();\nisOn('x');\nmodule.exports = { LIMIT };`,
      [{ specifier: './flags', names: ['LIMIT'] }],
    ],
  ])('%s', (_name, text, expected) => {
    expect(scanPassedOnImports(text)).toEqual(expected);
  });
});

/** Every module a summary says an export comes from (an imported value, in an object too, or `export *`), with the name. */
function importedSources(text: string): { specifier: string; name: string }[] {
  const { module } = analyzeSource(text, { jsx: true }).facts;
  const imported = (value: ExportedValue): { specifier: string; name: string }[] =>
    value.kind === 'imported'
      ? [{ specifier: value.source, name: value.name }]
      : value.kind === 'object'
        ? Object.values(value.entries).flatMap(imported)
        : [];
  return [...Object.values(module.exports).flatMap(imported), ...module.exportAll.map((specifier) => ({ specifier, name: '*' }))];
}

describe('scanPassedOnImports never misses what a module exports of another', () => {
  it('on modules made of random imports, uses and exports', () => {
    const importForms = [
      (n: number) => `import m${n} from './m${n}';`,
      (n: number) => `import { m${n} } from './m${n}';`,
      (n: number) => `import { x as m${n} } from './m${n}';`,
      (n: number) => `import * as m${n} from './m${n}';`,
      (n: number) => `const m${n} = require('./m${n}');`,
      (n: number) => `const { m${n} } = require('./m${n}');`,
    ];
    const useForms = [
      (n: number) => `m${n}();`,
      (n: number) => `m${n}.go();`,
      (n: number) => `const v${n} = <m${n} />;`,
      (n: number) => `new m${n}();`,
      (n: number) => `export default m${n};`,
      (n: number) => `export { m${n} };`,
      (n: number) => `export { m${n} as renamed${n} };`,
      (n: number) => `export const o${n} = { k: m${n} };`,
      (n: number) => `export const f${n} = Object.freeze({ k: m${n} });`,
      (n: number) => `export const a${n} = m${n};`,
      (n: number) => `export const p${n} = m${n}.inner;`,
      (n: number) => `const alias${n} = m${n};\nexport { alias${n} };`,
      (n: number) => `export function own${n}() { return m${n}(); }`,
      (n: number) => `export * from './r${n}';`,
      (n: number) => `export { z${n} } from './r${n}';`,
      (n: number) => `export * as ns${n} from './r${n}';`,
    ];
    const moduleText = fc
      .array(fc.record({ form: fc.nat(importForms.length - 1), uses: fc.array(fc.nat(useForms.length - 1), { maxLength: 3 }) }), {
        minLength: 1,
        maxLength: 4,
      })
      .map((imports) => {
        const lines = imports.map(({ form }, n) => importForms[form]!(n));
        // One default export at most: a second is a syntax error.
        let hasDefault = false;
        imports.forEach(({ uses }, n) => {
          for (const use of uses) {
            const line = useForms[use]!(n);
            if (line.startsWith('export default')) {
              if (hasDefault) continue;
              hasDefault = true;
            }
            lines.push(line);
          }
        });
        return [...new Set(lines)].join('\n');
      });
    fc.assert(
      fc.property(moduleText, (text) => {
        const passed = scanPassedOnImports(text);
        for (const { specifier, name } of importedSources(text)) {
          const names = passed.filter((scanned) => scanned.specifier === specifier).flatMap((scanned) => scanned.names);
          expect(names.includes(name) || names.includes('*'), `${name} of ${specifier} in\n${text}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
