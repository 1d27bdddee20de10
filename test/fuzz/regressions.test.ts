import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRemovalPlan, planFlagRemoval } from '../../src/codemod/index.js';
import { loadManifest } from '../../src/manifest/load.js';
import { mergeInventories } from '../../src/scanner/inventory.js';
import { scanProject } from '../../src/scanner/scan.js';
import { code, removeInSource } from '../helpers/remove-in-source.js';
import { temporaryDir } from '../helpers/scanner-fixtures.js';
import { runFlowProgram } from '../helpers/fuzz-harness.js';
import { BANNER_TS, OLD_BANNER_YAML } from '../helpers/old-banner.js';

/*
 * Counterexamples the fuzz tests found, shrunk by hand to the smallest program that shows each.
 * Every one is a violation of the contracts or of the codemod's own promise ("untouched lines keep
 * their exact text"; "the rewritten program does what the old one did with the kept value").
 * They fail until the bug is fixed; the fuzz generators steer clear of these shapes meanwhile (see
 * the comments in generators.ts), so the properties keep guarding everything else.
 */

/** Runs a small program (plain JavaScript once the `export` goes) with one flag forced, and returns its trace. */
function traceOf(source: string, on: boolean): string[] {
  const trace: string[] = [];
  const run = new Function('flags', 'isFeatureEnabled', 'ctx', 'trace', `${source.replace(/^export /gm, '')}\nreturn run;`)(
    { get: () => ({ enabled: on }) },
    (flag: { enabled: boolean }) => flag.enabled,
    {},
    (entry: string) => trace.push(entry),
  ) as (items: string[]) => void;
  run(['a', 'skip', 'b']);
  return trace;
}

describe('codemod regressions (found by the fuzz tests)', () => {
  it('bug: removing a flag deletes an unrelated, already unused function because another binding of the same name is read', () => {
    // cleanup.ts collects the names read before the removal, not the bindings: `helper` is read in a(),
    // so the never-called `helper` in b() counts as "left unused by the removal" and goes.
    const before = code`
      function a() {
        const helper = () => 1;
        return helper();
      }
      function b() {
        function helper() {
          return 2;
        }
      }
      export function run() {
        if (flags.get('x')?.enabled) {
          trace('on');
        }
        a();
        b();
      }
    `;
    const { after } = removeInSource(before, 'x', 'on', { file: '/project/src/module.ts' });
    expect(after).toContain('function helper() {');
  });

  it('bug: removing a flag also folds constant conditions that were there before and have nothing to do with it', () => {
    const before = code`
      export function run() {
        if (false) {
          trace('disabled for now');
        }
        do {
          trace('once');
        } while (false);
        if (flags.get('x')?.enabled) trace('on');
      }
    `;
    const { after } = removeInSource(before, 'x', 'on', { file: '/project/src/module.ts' });
    expect(after).toBe(code`
      export function run() {
        if (false) {
          trace('disabled for now');
        }
        do {
          trace('once');
        } while (false);
        trace('on');
      }
    `);
  });

  it('bug: `do { … break; … } while (flag)` kept off is unwrapped, and its `break` now leaves the enclosing loop', () => {
    const before = code`
      export function run(items) {
        for (const item of items) {
          do {
            if (item === 'skip') break;
            trace(item);
          } while (isFeatureEnabled(flags.get('x'), ctx));
          trace('after ' + item);
        }
      }
    `;
    const { after } = removeInSource(before, 'x', 'off', { file: '/project/src/module.ts' });
    // With the flag off the loop body runs once per item; `skip` only skips its own trace.
    expect(traceOf(before, false)).toEqual(['a', 'after a', 'after skip', 'b', 'after b']);
    expect(traceOf(after, false)).toEqual(traceOf(before, false));
  });

  it('bug: a switch whose kept case starts on the `case` line (`case true: {`) makes the codemod throw (remove: "internal error")', () => {
    const before = code`
      export function theme() {
        switch (flags.get('dark_mode')?.enabled) {
          case true: {
            return 'dark';
          }
          default: {
            return 'light';
          }
        }
      }
    `;
    // decidedSwitch copies the kept case from the start of its first statement's line, `case true:` included.
    let after = '';
    expect(() => ({ after } = removeInSource(before, 'dark_mode', 'on', { file: '/project/src/theme.ts' }))).not.toThrow();
    expect(after).toContain("return 'dark';");
    expect(after).not.toMatch(/case|default|'light'/);
  });

  it('bug: a test case that evaluates the flag before forcing the removed state keeps its override (and nothing says so)', () => {
    // The evaluation's fold is an edit inside the test case, so deleting the whole test case
    // overlaps it and is silently dropped: the override of the removed flag stays, manual is empty,
    // and `remove` would delete the manifest entry while a test still forces the flag.
    const before = code`
      it('shows the old banner', () => {
        expect(banner(flags.get('x')?.enabled ? 'new' : 'old')).toBe('old');
        flags.override('x', { enabled: false });
      });
    `;
    const rewrite = removeInSource(before, 'x', 'on', { file: '/project/src/banner.test.ts', test: true });
    expect({ deletedTests: rewrite.deletedTests, after: rewrite.after }).toEqual({ deletedTests: ['shows the old banner'], after: '' });
  });
});

describe('codemod regressions (found by the differential fuzz test)', () => {
  it('bug: code after a labelled block that breaks out of itself counted as unreachable, and went once the removal touched it', () => {
    const before = code`
      export function run(log, n) {
        l1: {
          break l1;
        }
        switch (n % 3) {
          case 0:
            log.push('s0');
          case 1:
            log.push((client.getBooleanValue('alpha', false) ? 'a' : 'b') === 'a' ? 'x0' : 'y0');
            break;
          default:
            log.push('s0');
        }
        return 'end';
      }
    `;
    const { after } = removeInSource(before, 'alpha', 'on', { presets: ['openfeature'], file: '/project/src/flow.ts' });
    // n = 0 falls through from case 0 into case 1; 3 is 0 again.
    const expected = [
      { n: 0, returned: 'end', log: ['s0', 'x0'] },
      { n: 1, returned: 'end', log: ['x0'] },
      { n: 2, returned: 'end', log: ['s0'] },
      { n: 3, returned: 'end', log: ['s0', 'x0'] },
    ];
    expect(runFlowProgram('flow.js', before, 'alpha', true)).toEqual(expected);
    expect(runFlowProgram('flow.js', after, 'alpha', true)).toEqual(expected);
  });
});

describe('scanner regressions (found by the fuzz tests)', () => {
  it('bug: a condition that reads the inner flag twice gives the same nesting twice, so a sharded scan merges to a different inventory', async () => {
    const project = temporaryDir('dup-nesting');
    try {
      writeFileSync(join(project.dir, 'flag-hygiene.config.json'), '{}\n');
      writeFileSync(
        join(project.dir, 'checkout.ts'),
        code`
          import { flags } from './flags';

          export function checkout() {
            if (flags.get('new_checkout')?.enabled) {
              if (flags.get('express_pay')?.enabled && flags.get('express_pay')?.killSwitch !== true) {
                return 'express';
              }
            }
            return 'classic';
          }
        `,
      );
      const scanDir = (shard?: string) =>
        scanProject({ cwd: project.dir, cache: false, workers: 0, ...(shard === undefined ? {} : { shard }) });
      const { inventory } = await scanDir();
      // One nesting (the report's `nested` errors list it twice today).
      expect(inventory.nestings).toHaveLength(1);
      const shards = await Promise.all(['1/2', '2/2'].map(async (shard) => (await scanDir(shard)).inventory));
      expect(mergeInventories(shards)).toEqual(inventory);
    } finally {
      project.cleanup();
    }
  });
});

describe('found while writing the bad-input and security tests', () => {
  it('bug: removing the last flag leaves `flags:` (null), a manifest the tool itself then refuses', async () => {
    const project = temporaryDir('last-flag');
    try {
      writeFileSync(join(project.dir, 'flag-hygiene.config.json'), JSON.stringify({ manifest: 'flags.yaml', today: '2026-11-28' }));
      writeFileSync(join(project.dir, 'flags.yaml'), OLD_BANNER_YAML);
      mkdirSync(join(project.dir, 'src'));
      writeFileSync(join(project.dir, 'src/banner.ts'), BANNER_TS);
      await applyRemovalPlan(await planFlagRemoval({ key: 'old_banner', cwd: project.dir, cache: false, workers: 0 }));
      // Every later command (report, scan, ESLint) would stop on "field "flags": must be an object, got null".
      expect(() => loadManifest(join(project.dir, 'flags.yaml'))).not.toThrow();
    } finally {
      project.cleanup();
    }
  });
});
