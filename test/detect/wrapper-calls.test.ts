import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readSpecifierScope, specifierTest, withoutForeignCalls } from '../../src/detect/project-specifiers.js';
import { analyzeSource, keyName, writeProject, type Project } from '../helpers/analyze-source.js';
import { scanDir } from '../helpers/scanner-fixtures.js';

/*
 * Calls of imported functions are possible wrapper calls, kept apart from references in the facts:
 * a reference always has a key, and every id (of a reference, of a wrapper call) is its index, in
 * the facts and after resolution, so no consumer needs a map from ids.
 */

const projects: Project[] = [];

afterEach(() => {
  for (const created of projects.splice(0)) created.cleanup();
});

const APP = `
  import { flags } from './client';
  import { track } from './track';
  import { isOn } from './flags';
  if (track('opened')) log();
  if (flags.get('b')) other();
  if (isOn('a')) run();
`;

describe('possible wrapper calls', () => {
  it('are not references: a reference has a key, a call of an imported function waits for the module graph', () => {
    const { facts } = analyzeSource(APP);
    expect(facts.references.map((reference) => [reference.id, reference.key])).toEqual([[0, { kind: 'static', key: 'b' }]]);
    expect(facts.wrapperCalls.map((call) => [call.id, call.via, call.text, call.args])).toEqual([
      [0, 'track', "track('opened')", [{ kind: 'static', key: 'opened' }]],
      [1, 'isOn', "isOn('a')", [{ kind: 'static', key: 'a' }]],
    ]);
    // The decisions say which of the two they read.
    expect(
      facts.decisions.map((decision) => ('wrapperCall' in decision ? `call ${decision.wrapperCall}` : `reference ${decision.reference}`)),
    ).toEqual(['reference 0', 'call 0', 'call 1']);
  });

  it('become references once confirmed, each id its index, with their decisions; the others are dropped', () => {
    const project = writeProject({
      'src/client.ts': `export const flags = { get: (name: string) => name.length > 0 };`,
      'src/track.ts': `export function track(event: string) { return event.length > 0; }`,
      'src/flags.ts': `import { flags } from './client';\nexport function isOn(name: string) { return flags.get(name); }`,
      'src/app.ts': APP,
    });
    projects.push(project);
    const analysis = project.analyze('src/app.ts');
    expect(analysis.references.map((reference) => [reference.id, keyName(reference), reference.via])).toEqual([
      [0, 'b', 'flags.get($KEY)'],
      [1, 'a', 'isOn'],
    ]);
    // `isOn('a')` is reported where its key is written, not at the whole call.
    expect(analysis.references[1]!.loc).toMatchObject({ line: 7, column: 12 });
    expect(analysis.decisions.map((decision) => `${analysis.keyOfDecision(decision)}: ${analysis.conditionText(decision)}`)).toEqual([
      "b: flags.get('b')",
      "a: isOn('a')",
    ]);
  });

  it('from modules outside the project are dropped early, and the ones kept are numbered again', () => {
    const { facts } = analyzeSource(`
      import { it } from 'vitest';
      import { isOn } from './flags';
      if (it('x')) first();
      if (isOn('a')) run();
    `);
    const kept = withoutForeignCalls(facts, (specifier) => specifier.startsWith('.'));
    expect(kept.wrapperCalls.map((call) => [call.id, call.text])).toEqual([[0, "isOn('a')"]]);
    expect(kept.decisions.map((decision) => ('wrapperCall' in decision ? decision.wrapperCall : undefined))).toEqual([0]);
  });
});

/*
 * GrowthBook has one tsconfig with `baseUrl` (its back end's tests'). Taken as "any package name
 * may be the project's code", it made every call into zod, react or lodash across the repository a
 * possible wrapper call: 25,000 of them, 16 MB of facts. A package name lands under a `baseUrl`
 * only through an entry of that folder named as its first part.
 */
describe('a tsconfig baseUrl', () => {
  const FILES = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: 'src' } }),
    'src/flags/wrapper.ts': 'export function isOn(key: string) { return flags.get(key); }\n',
    'src/config.ts': 'export const LIMIT = 3;\n',
    'src/app.ts': "import { isOn } from 'flags/wrapper';\nimport { z } from 'zod';\nif (isOn('new_checkout')) z.object({});\n",
  };

  it('keeps a package name in the project only when the baseUrl folder has an entry by its first part', () => {
    const project = writeProject(FILES);
    projects.push(project);
    const inProject = specifierTest(readSpecifierScope(project.root, [join(project.root, 'tsconfig.json')]));
    const answers = (specifiers: string[]) => Object.fromEntries(specifiers.map((specifier) => [specifier, inProject(specifier)]));
    expect(answers(['flags/wrapper', 'flags', 'config', 'config.js', './app'])).toEqual({
      'flags/wrapper': true,
      flags: true,
      config: true,
      'config.js': true,
      './app': true,
    });
    expect(answers(['zod', 'react/jsx-runtime', '@scope/pkg'])).toEqual({ zod: false, 'react/jsx-runtime': false, '@scope/pkg': false });
  });

  it('a wrapper imported through it is still found', async () => {
    const project = writeProject(FILES);
    projects.push(project);
    const { inventory } = await scanDir(project.root);
    expect(inventory.references.map((reference) => `${reference.file}:${reference.line} ${reference.key} via ${reference.via}`)).toEqual([
      'src/app.ts:3 new_checkout via isOn',
    ]);
  });
});
