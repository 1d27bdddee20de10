import { describe, expect, it } from 'vitest';
import { fallbackProblems } from '../../src/detect/fallback.js';
import { DEFAULT_FINDING_OPTIONS } from '../../src/findings/options.js';
import { analyzeSource } from '../helpers/analyze-source.js';

function problemTexts(code: string): string[] {
  const analysis = analyzeSource(code, { accessors: ['flags.get($KEY)'] });
  return fallbackProblems(analysis.resolved, DEFAULT_FINDING_OPTIONS['missing-fallback']).map(
    (problem) => `${problem.kind} ${analysis.textOf(problem.range)}`,
  );
}

describe('fallbackProblems', () => {
  it('reports one finding per position when one flag is read twice in the expression (issue 16 item 1)', () => {
    const code = "const on = flags.get('x'); const a = on && createA(); const b = a && on && createB();";
    expect(problemTexts(code)).toEqual(['value-without-off-path on && createA()', 'value-without-off-path a && on && createB()']);
  });

  it('reports a boolean-valued `&&` nowhere, and a value-valued one once', () => {
    const code = "const on = flags.get('x')?.enabled; const allowed = on && on && user.isAdmin; const p = on && on && create();";
    expect(problemTexts(code)).toEqual(['value-without-off-path on && on && create()']);
  });
});
