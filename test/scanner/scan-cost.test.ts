import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Inventory } from '../../src/scanner/inventory.js';
import { blocksRun } from '../helpers/work-meter.js';
import { nestingLine, scanDir } from '../helpers/scanner-fixtures.js';

/*
 * The scanner's reduction over the whole program (nesting followed through calls into other
 * files) costs work in proportion to the code: the same shape four times as long costs at most a
 * tenth more per unit. Work is counted, not timed (test/helpers/work-meter.ts).
 */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n');

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'flag-hygiene-scan-cost-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function growth(
  shape: (n: number) => Record<string, string>,
  n: number,
): Promise<{ small: Inventory; large: Inventory; perUnit: number }> {
  const small = await blocksRun(async () => (await scanDir(project(shape(n)))).inventory);
  const large = await blocksRun(async () => (await scanDir(project(shape(4 * n)))).inventory);
  return { small: small.result, large: large.result, perUnit: large.blocks / (4 * small.blocks) };
}

describe('the scanner’s work grows linearly with the code', () => {
  it('a region calling many helpers of another file, each checking a flag (its decisions indexed at every helper)', async () => {
    const shape = (n: number) => ({
      'src/helpers.ts': lines(n, (i) => `export function h${i}() { if (flags.get('k${i}').enabled) work(${i}); }`),
      'src/main.ts': `import { ${lines(n, (i) => `h${i},`)} } from './helpers';\nexport function main() {\n  if (flags.get('outer').enabled) {\n${lines(n, (i) => `    h${i}();`)}\n  }\n}\n`,
    });
    const { small, large, perUnit } = await growth(shape, 50);
    expect([small.nestings.length, large.nestings.length]).toEqual([50, 200]);
    expect(nestingLine(large.nestings[123]!)).toBe(
      'outer@src/main.ts:202:7 > k123@src/helpers.ts:124:30 through src/helpers.ts#h123 (call src/main.ts:326:5)',
    );
    expect(perUnit).toBeLessThan(1.1);
  });

  it('many decisions calling one function of another file that calls many others (the same calls followed at every decision)', async () => {
    const shape = (n: number) => ({
      'src/ui.ts': `${lines(n, (i) => `function part${i}() { draw(${i}); }`)}\nexport function render() {\n${lines(n, (i) => `  part${i}();`)}\n}\n`,
      'src/main.ts': `import { render } from './ui';\nexport function main() {\n${lines(n, (i) => `  if (flags.get('k${i}').enabled) render();`)}\n}\n`,
    });
    const { small, large, perUnit } = await growth(shape, 50);
    expect([small.references.length, large.references.length]).toEqual([50, 200]);
    expect([small.nestings, large.nestings]).toEqual([[], []]);
    expect(perUnit).toBeLessThan(1.1);
  });
});
