import { describe, expect, it } from 'vitest';
import type { ModuleSummary } from '../../src/detect/facts.js';
import type { ScannedImport } from '../../src/detect/import-scan.js';
import { CandidateExports } from '../../src/scanner/candidate-exports.js';

/*
 * Before the caller search looks up (and so parses) what an import brings in, it asks whether the
 * import can bring in a candidate at all: from the summaries of modules whose facts it has, export by
 * export, and from the texts of the others (the imports they hand on). Modules here: `./x` is
 * /p/x.ts; the candidates are function 0 of /p/c.ts, exported as `run` and as the default.
 */
const file = (specifier: string) => `/p/${specifier.slice(2)}.ts`;

function exportsOf(summaries: Record<string, ModuleSummary>, passedOn: Record<string, ScannedImport[]>) {
  const read: string[] = [];
  const exports = new CandidateExports({
    candidates: new Set(['/p/c.ts#0']),
    candidateFiles: new Set(['/p/c.ts']),
    known: (path) => path in summaries,
    moduleOf: (path) => summaries[path],
    passedOnImports: (path) => {
      read.push(path);
      return passedOn[path];
    },
    resolveModule: (_, specifier) => (specifier.startsWith('./') ? file(specifier) : undefined),
  });
  return { exports, read };
}

const summary = (exports: ModuleSummary['exports'], exportAll: string[] = []): ModuleSummary => ({ exports, exportAll, imports: [] });

describe('CandidateExports', () => {
  const candidateModule = summary({
    run: { kind: 'function', functionId: 0 },
    default: { kind: 'function', functionId: 0 },
    other: { kind: 'function', functionId: 1 },
    KEY: { kind: 'string', value: 'k' },
  });

  it('answers a module whose facts it has export by export, through objects, re-exports and `export *`', () => {
    const { exports, read } = exportsOf(
      {
        '/p/c.ts': candidateModule,
        '/p/index.ts': summary(
          {
            api: {
              kind: 'object',
              entries: { start: { kind: 'function', functionId: 3 }, run: { kind: 'imported', source: './c', name: 'run', path: [] } },
            },
            tools: { kind: 'object', entries: { start: { kind: 'function', functionId: 3 } } },
            renamed: { kind: 'imported', source: './c', name: 'other', path: [] },
            all: { kind: 'imported', source: './c', name: '*', path: [] },
          },
          ['./c'],
        ),
      },
      {},
    );
    const asked = (specifier: string, name: string) => exports.mayExport('/p/app.ts', specifier, name);
    expect([asked('./c', 'run'), asked('./c', 'default'), asked('./c', 'other'), asked('./c', 'KEY'), asked('./c', '*')]).toEqual([
      true,
      true,
      false,
      false,
      true,
    ]);
    // An object holding an import of a candidate; one of the module's own functions; a re-export of
    // a function that is no candidate; a namespace; a name from `export *`; a package.
    expect([asked('./index', 'api'), asked('./index', 'tools'), asked('./index', 'renamed'), asked('./index', 'all')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect([asked('./index', 'run'), asked('./index', 'default'), asked('lodash', 'run')]).toEqual([true, false, false]);
    expect(read).toEqual([]);
  });

  it('answers any other module from the imports its text hands on, and one it cannot read as may', () => {
    const { exports, read } = exportsOf(
      { '/p/c.ts': candidateModule },
      {
        // Renders the candidate, exports its own component.
        '/p/page.ts': [],
        // Re-exports the candidate's default; hands on a module that hands on nothing; in a cycle.
        '/p/barrel.ts': [{ specifier: './c', names: ['default'] }],
        '/p/wrap.ts': [{ specifier: './page', names: ['default'] }],
        '/p/cycle-a.ts': [{ specifier: './cycle-b', names: ['*'] }],
        '/p/cycle-b.ts': [
          { specifier: './cycle-a', names: ['x'] },
          { specifier: './c', names: ['other'] },
        ],
      },
    );
    const asked = (specifier: string) => exports.mayExport('/p/app.ts', specifier, 'default');
    expect(['./page', './barrel', './wrap', './cycle-a', './cycle-b', './unreadable'].map(asked)).toEqual([
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
    // Each text is read once, whatever is asked of it.
    expect(asked('./wrap')).toBe(false);
    expect(read.filter((path) => path === '/p/page.ts')).toHaveLength(1);
  });
});
