import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewriteFile } from '../../src/codemod/rewrite-file.js';
import { mergeInventories, type Inventory } from '../../src/scanner/inventory.js';
import { scanProject } from '../../src/scanner/scan.js';
import { runBin } from '../helpers/run-bin.js';
import {
  FLAG_KEYS,
  FLOW_FLAG,
  flowProgram,
  OVERRIDE_FLAG,
  overrideObjectProgram,
  program,
  type GeneratedProgram,
} from '../helpers/fuzz-generators.js';
import {
  applyFix,
  createFuzzProject,
  numbered,
  runFlowProgram,
  syntaxErrorOf,
  type FuzzProject,
  type LintOutcome,
} from '../helpers/fuzz-harness.js';

/*
 * Fuzzing (issue 8): random TS/TSX programs with flag checks inside random control structures.
 * For every program:
 *   - linting with all nine rules never throws and reports no fatal parse error;
 *   - the plugin has no autofixes (verifyAndFix leaves the text as it was), and every suggestion's
 *     output parses, lints without a crash, and removes the report it was offered for;
 *   - the ESLint rules' shared facts and the scanner's per-file path find the same references;
 *   - the codemod's output parses, no longer evaluates the removed flag (except at the sites it
 *     hands to a person), and removing the flag again changes nothing.
 * And, on programs of labelled blocks, loops, switch, try and jumps around one flag (issue 21):
 *   - run before the removal with the flag at the kept value and after it, each program returns
 *     (or throws) the same and logs the same side effects.
 *
 * `npm test` runs several hundred cases with fixed seeds. `npm run fuzz` (vitest.fuzz.config.ts)
 * sets FUZZ_RUNS for a longer run with a fresh seed, printed first; FUZZ_SEED=<n> replays one.
 * A failure is shrunk by fast-check; the assertion message holds the shrunk program with line
 * numbers, ready to become a regression test.
 */

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const LONG_RUN = FUZZ_RUNS > 0;
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : LONG_RUN ? Date.now() % 2 ** 31 : undefined;

/** fast-check parameters: the fixed seeds of `npm test`, or the long run's. */
function runs(numRuns: number, fixedSeed: number): fc.Parameters<unknown> {
  return { seed: SEED ?? fixedSeed, numRuns: LONG_RUN ? FUZZ_RUNS : numRuns };
}

/** Mostly small programs (fast, and they shrink well), some deeply nested ones. */
const programs: fc.Arbitrary<GeneratedProgram> = fc.oneof(
  { weight: 4, arbitrary: program({ depth: 1 }) },
  { weight: 3, arbitrary: program({ depth: 2 }) },
  { weight: 1, arbitrary: program({ depth: 3 }) },
);

let project: FuzzProject;

beforeAll(() => {
  if (LONG_RUN) console.log(`fuzz: ${FUZZ_RUNS} runs per property, seed ${SEED}`);
  project = createFuzzProject();
});

afterAll(() => project.cleanup());

/** Runs a step of a case; an exception becomes a failure that shows the program. */
function step<T>(what: string, subject: GeneratedProgram, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(`${what} threw on this program:\n${numbered(subject)}\n\n${detail}`, { cause: error });
  }
}

function reportsOf(outcome: LintOutcome, ruleId: string | null): number {
  return outcome.messages.filter((message) => message.ruleId === ruleId).length;
}

describe('fuzz: random programs through the rules and the scanner', () => {
  it('no rule throws, nothing is fatal, no autofix, every suggestion parses and resolves its report, ESLint and the scanner agree', () => {
    fc.assert(
      fc.property(programs, (subject) => {
        const show = numbered(subject);
        expect(syntaxErrorOf(subject.file, subject.text), `the generator wrote a program that does not parse:\n${show}`).toBeUndefined();

        const outcome = step('linting', subject, () => project.lint(subject.file, subject.text));
        expect(outcome.configurationError, show).toBeUndefined();
        expect(
          outcome.messages
            .filter((message) => message.fatal || message.ruleId === null || message.messageId === 'configuration')
            .map((message) => `${message.line}:${message.column} ${message.message}`),
          `fatal or configuration messages:\n${show}`,
        ).toEqual([]);

        // No rule offers an autofix: verifyAndFix leaves the text alone (so a second pass has nothing to do).
        expect(
          outcome.messages.filter((message) => message.fix !== undefined).map((message) => message.ruleId),
          show,
        ).toEqual([]);
        expect({ fixed: outcome.fixed, output: outcome.output }, show).toEqual({ fixed: false, output: subject.text });

        // Every suggestion's output parses; the first of each rule is linted again (with that rule)
        // and must have resolved its report. (Linting again is the costly part; one per rule keeps
        // a few thousand cases within a minute.)
        const relinted = new Set<string | null>();
        for (const message of outcome.messages) {
          for (const suggestion of message.suggestions ?? []) {
            const after = applyFix(subject.text, suggestion.fix);
            const where = `the suggestion "${suggestion.desc}" of ${message.ruleId} at ${message.line}:${message.column}`;
            expect(syntaxErrorOf(subject.file, after), `${where} does not parse:\n${show}\n--- after ---\n${after}`).toBeUndefined();
            if (relinted.has(message.ruleId) || message.ruleId === null) continue;
            relinted.add(message.ruleId);
            const again = step(`linting after ${where}`, { ...subject, text: after }, () =>
              project.lint(subject.file, after, message.ruleId!),
            );
            expect(
              again.messages.filter((other) => other.fatal || other.messageId === 'configuration').length,
              `${where}: fatal after applying\n${after}`,
            ).toBe(0);
            expect(reportsOf(again, message.ruleId), `${where} did not remove its report:\n${show}\n--- after ---\n${after}`).toBeLessThan(
              reportsOf(outcome, message.ruleId),
            );
          }
        }

        // no-stale-flag's suggestion is the codemod's rewrite of that one site, whatever tree it
        // starts from (ESLint's, reparsed in part each round) and the codemod's own whole parses.
        for (const message of outcome.messages) {
          const [suggestion] = message.suggestions ?? [];
          if (message.ruleId !== 'flag-hygiene/no-stale-flag' || suggestion === undefined) continue;
          const keep = /keep its (on|off) path/.exec(message.message)![1] as 'on' | 'off';
          const key = /^Flag "([^"]+)"/.exec(message.message)![1]!;
          const reference = project
            .referencesTo(subject.file, subject.text, key)
            .find((candidate) => candidate.loc.line === message.line && candidate.loc.column === message.column);
          expect(reference, `no reference to "${key}" at ${message.line}:${message.column}:\n${show}`).toBeDefined();
          const rewritten = step(
            'rewriting the site',
            subject,
            () => rewriteFile(join(project.root, subject.file), subject.text, [reference!], keep).after,
          );
          expect(
            applyFix(subject.text, suggestion.fix),
            `the suggestion at ${message.line}:${message.column} is not the codemod's rewrite:\n${show}`,
          ).toBe(rewritten);
        }

        const scanned = step('the scanner', subject, () => project.scan(subject.file, subject.text));
        expect(scanned.parseError, show).toBeUndefined();
        expect(outcome.references, `ESLint (left) and the scanner (right) disagree on:\n${show}`).toEqual(scanned.references);
      }),
      runs(150, 20261128),
    );
  }, 600_000);
});

describe('fuzz: removing a flag with the codemod', () => {
  it('the rewritten file parses, evaluates the flag only where a person must look, and a second removal changes nothing', () => {
    fc.assert(
      fc.property(programs, fc.constantFrom(...FLAG_KEYS), fc.constantFrom('on' as const, 'off' as const), (subject, key, keep) => {
        const show = `removing "${key}", keeping ${keep}:\n${numbered(subject)}`;
        const { rewrite, references } = step(`removing "${key}"`, subject, () => project.remove(subject.file, subject.text, key, keep));
        if (references.length === 0) expect(rewrite.after, `nothing to remove, yet the file changed\n${show}`).toBe(subject.text);
        const after = rewrite.after;
        expect(syntaxErrorOf(subject.file, after), `the rewritten file does not parse:\n${show}\n--- after ---\n${after}`).toBeUndefined();
        const left = step('analysing the rewritten file', { ...subject, text: after }, () =>
          project.referencesTo(subject.file, after, key),
        );
        const manual = rewrite.manual.map((site) => `${site.loc.line}:${site.loc.column} ${site.reason}`);
        expect(
          left.length,
          `references to "${key}" left (${left.map((reference) => `${reference.loc.line}:${reference.loc.column}`).join(', ')}), sites for a person: ${JSON.stringify(manual)}\n${show}\n--- after ---\n${after}`,
        ).toBeLessThanOrEqual(rewrite.manual.length);
        if (rewrite.manual.length === 0) {
          const again = step('removing again', { ...subject, text: after }, () => project.remove(subject.file, after, key, keep));
          expect(again.rewrite.after, `a second removal changed the file:\n${show}\n--- after ---\n${after}`).toBe(after);
        }
      }),
      runs(400, 20261129),
    );
  }, 600_000);
});

describe('fuzz: removing a flag from the objects tests force flags with (mockFlags)', () => {
  it('the override goes in every shape of the object (trailing commas, comments, spreads, shorthands, computed keys, nesting), the rest stays, and a second removal changes nothing', () => {
    fc.assert(
      fc.property(overrideObjectProgram(), fc.constantFrom('on' as const, 'off' as const), (subject, keep) => {
        const show = `removing "${OVERRIDE_FLAG}", keeping ${keep}:\n${numbered(subject)}`;
        const { rewrite } = step(`removing "${OVERRIDE_FLAG}"`, subject, () =>
          project.remove(subject.file, subject.text, OVERRIDE_FLAG, keep),
        );
        const after = rewrite.after;
        expect(syntaxErrorOf(subject.file, after), `the rewritten file does not parse:\n${show}\n--- after ---\n${after}`).toBeUndefined();
        expect(rewrite.deletedTests, show).toEqual([]);
        const left = project.referencesTo(subject.file, after, OVERRIDE_FLAG);
        expect(left.length, `overrides of "${OVERRIDE_FLAG}" left\n${show}\n--- after ---\n${after}`).toBeLessThanOrEqual(
          rewrite.manual.length,
        );
        for (const entry of subject.kept) expect(after, `an entry of another flag went: ${entry}\n${show}`).toContain(entry);
        if (rewrite.manual.length === 0) {
          const again = step('removing again', { ...subject, text: after }, () => project.remove(subject.file, after, OVERRIDE_FLAG, keep));
          expect(again.rewrite.after, `a second removal changed the file:\n${show}\n--- after ---\n${after}`).toBe(after);
        }
      }),
      runs(150, 20261130),
    );
  }, 600_000);
});

describe('fuzz: removing a flag keeps what the program does (differential)', () => {
  const flowPrograms = fc.oneof(
    { weight: 3, arbitrary: flowProgram(1) },
    { weight: 3, arbitrary: flowProgram(2) },
    { weight: 1, arbitrary: flowProgram(3) },
  );

  it('run before the removal with the flag at the kept value and after it: the same results and the same log', () => {
    fc.assert(
      fc.property(flowPrograms, fc.constantFrom('on' as const, 'off' as const), (text, keep) => {
        const subject: GeneratedProgram = { file: 'src/flow.ts', text };
        const show = `removing "${FLOW_FLAG}", keeping ${keep}:\n${numbered(subject)}`;
        const expected = step('running the program', subject, () => runFlowProgram(subject.file, text, FLOW_FLAG, keep === 'on'));
        const { rewrite } = step(`removing "${FLOW_FLAG}"`, subject, () => project.remove(subject.file, text, FLOW_FLAG, keep));
        const after = rewrite.after;
        const shown = `${show}\n--- after ---\n${after}`;
        if (rewrite.manual.length === 0)
          expect(after, `the flag is still read, and no site was left for a person:\n${shown}`).not.toContain(`'${FLOW_FLAG}'`);
        // Sites left for a person still read the flag: the stub keeps it at the kept value. (Code V8
        // rejects, a `break` moved out of its loop, throws here.)
        const actual = step(`running the rewritten program (${show})`, { ...subject, text: after }, () =>
          runFlowProgram(subject.file, after, FLOW_FLAG, keep === 'on'),
        );
        expect(actual, `the rewritten program does something else:\n${shown}`).toEqual(expected);
      }),
      runs(200, 20261201),
    );
  }, 600_000);
});

describe('fuzz: a codebase of generated programs, scanned whole', () => {
  const FILES = LONG_RUN ? 600 : 120;
  let files: { path: string; program: GeneratedProgram }[];
  let whole: string;

  beforeAll(() => {
    const samples = fc.sample(programs, { seed: SEED ?? 20261130, numRuns: FILES });
    files = samples.map((sample, index) => {
      const name = String(index).padStart(3, '0');
      const path = sample.file.replace(/^src\/checkout/, `src/generated/case-${name}`);
      return { path, program: { ...sample, file: path } };
    });
    for (const { path, program: generated } of files) {
      mkdirSync(dirname(join(project.root, path)), { recursive: true });
      writeFileSync(join(project.root, path), generated.text);
    }
  });

  it('scanProject finds, file by file, the references the ESLint rules see', async () => {
    const { inventory } = await scanProject({ cwd: project.root, cache: false, workers: 0 });
    expect(inventory.warnings).toEqual([]);
    expect(inventory.stats.files).toBeGreaterThanOrEqual(FILES);
    for (const { path, program: generated } of files) {
      const scanned = inventory.references
        .filter((reference) => reference.file === path && !reference.via.startsWith('mock of '))
        .map(
          (reference) =>
            `${reference.line}:${reference.column} ${reference.dynamic ? `dynamic:${reference.key}` : reference.key} ${reference.role}`,
        )
        .sort();
      expect(
        project.lint(path, generated.text).references,
        `ESLint (left) and scanProject (right) disagree on:\n${numbered(generated)}`,
      ).toEqual(scanned);
    }
  }, 120_000);

  it('scan --workers 2 prints the bytes --workers 0 prints (built binary)', () => {
    const scanJson = (workers: string) =>
      runBin(['scan', '--format', 'json', '--workers', workers, '--no-cache', '--no-progress'], { cwd: project.root });
    const inThread = scanJson('0');
    expect(inThread.stderr).toBe('');
    expect(inThread.status).toBe(0);
    const inventory = JSON.parse(inThread.stdout) as Inventory;
    expect(inventory.stats.analysed).toBeGreaterThan(64);
    whole = inThread.stdout;
    expect(scanJson('2')).toEqual(inThread);
  }, 120_000);

  it('scan --shard 1/3, 2/3, 3/3 merged is byte for byte the unsharded inventory (built binary)', () => {
    const shards = ['1/3', '2/3', '3/3'].map((shard) => {
      const result = runBin(['scan', '--format', 'json', '--shard', shard, '--workers', '0', '--no-cache', '--no-progress'], {
        cwd: project.root,
      });
      expect(result.stderr).toBe('');
      return JSON.parse(result.stdout) as Inventory;
    });
    expect(shards.every((shard) => shard.references.length > 0)).toBe(true);
    expect(`${JSON.stringify(mergeInventories(shards), null, 2)}\n`).toBe(whole);
  }, 120_000);
});
