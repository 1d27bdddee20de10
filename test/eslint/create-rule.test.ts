import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { createRule } from '../../src/eslint/create-rule.js';

type Options = [{ limit: number; names: string[] }];

/** A rule that records the options its create saw, for each call. */
function recordingRule(seen: (readonly unknown[])[]) {
  return createRule<Options, 'x'>({
    name: 'recording',
    meta: {
      type: 'problem',
      docs: { description: 'records its options' },
      messages: { x: 'x' },
      schema: [{ type: 'object', properties: { limit: { type: 'number' }, names: { type: 'array' } } }],
      defaultOptions: [{ limit: 3, names: ['a'] }],
    },
    create(_context, options) {
      seen.push(options);
      return {};
    },
  });
}

const contextWith = (options: readonly unknown[]) => ({ options }) as unknown as Readonly<TSESLint.RuleContext<'x', Options>>;

describe('createRule: default options', () => {
  it('passes options that already hold every default through as they are (ESLint 9.15+ merged them)', () => {
    const seen: (readonly unknown[])[] = [];
    const rule = recordingRule(seen);
    const complete = [{ limit: 5, names: [] }];
    rule.create(contextWith(complete));
    rule.create(contextWith(complete));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(complete);
    expect(seen[1]).toBe(complete);
  });

  it('merges the defaults into options that lack some (ESLint 8), on every file', () => {
    const seen: (readonly unknown[])[] = [];
    const rule = recordingRule(seen);
    const partial = [{ limit: 5 }];
    rule.create(contextWith(partial));
    rule.create(contextWith(partial));
    rule.create(contextWith([]));
    expect(seen).toEqual([[{ limit: 5, names: ['a'] }], [{ limit: 5, names: ['a'] }], [{ limit: 3, names: ['a'] }]]);
  });
});
