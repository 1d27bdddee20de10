import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { rewriteBase, rewriteFile, type RewriteBase } from '../src/codemod/rewrite-file.js';
import type { ResolvedReference } from '../src/detect/resolve.js';
import { REASON_WORDS } from '../src/findings/words.js';
import { assessFlag } from '../src/manifest/policy.js';
import { createRule } from '../src/eslint/create-rule.js';
import { checkFile, CONFIGURATION_MESSAGE, FIRST_LINE, eslintLoc } from '../src/eslint/rule-support.js';

export type Options = [{ includeExpired?: boolean }];
export type MessageId = 'staleFlag' | 'staleFlagNoKeepPath' | 'inlineKeptValue' | 'configuration';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * A suggestion is the codemod's rewrite of the whole file for its one site, so it costs the size
 * of the file: a file gets suggestions for its sites until this many characters have been
 * rewritten (its length for each), and the sites after that are reported without one. Otherwise a
 * generated module of thousands of stale sites costs thousands of rewrites of itself (400 sites
 * of 16 KB took 15 s). `flag-hygiene remove` rewrites every site of a flag at once.
 */
export const SUGGESTION_BUDGET = 1_000_000;

/** Extensions typescript-estree parses by their own rules, whatever its `jsx` option says. */
const KNOWN_EXTENSION = /\.[cm]?[jt]sx?$/;

/**
 * What the codemod works out once per file before rewriting a site of it: every stale site of the
 * file shares it. ESLint's tree serves as the first parse when it is the tree the codemod would
 * make itself: typescript-eslint's parser, on a file whose extension fixes how it is parsed.
 * Otherwise (espree, a `.vue` file …) the codemod parses the text.
 */
function rewriteBaseOf(context: AnyContext): RewriteBase {
  const sourceCode = context.sourceCode;
  const file = context.physicalFilename;
  const sameTree = sourceCode.parserServices?.esTreeNodeToTSNodeMap !== undefined && KNOWN_EXTENSION.test(file);
  return rewriteBase(file, sourceCode.text, sameTree ? (sourceCode.ast as TSESTree.Program) : undefined);
}

/** The codemod's rewrite of one site; a site it cannot rewrite cleanly gets no suggestion rather than a broken one. */
function foldSite(base: () => RewriteBase, reference: ResolvedReference, keep: 'on' | 'off'): ReturnType<typeof rewriteFile> | undefined {
  try {
    const { file, text } = base();
    return rewriteFile(file, text, [reference], keep, base());
  } catch {
    return undefined;
  }
}

/** The smallest single replacement turning `before` into `after`: what differs between their common ends. */
function minimalChange(before: string, after: string): { range: [number, number]; text: string } | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return { range: [start, before.length - end], text: after.slice(start, after.length - end) };
}

export default createRule<Options, MessageId>({
  name: 'no-stale-flag',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow references to flags the lifecycle policy marks ready for removal',
      recommended: 'warn',
      requiresManifest: true,
    },
    messages: {
      staleFlag:
        'Flag "{{key}}" is ready for removal ({{reasons}}): keep its {{keep}} path and delete the other, then remove it from the manifest.',
      staleFlagNoKeepPath:
        'Flag "{{key}}" is ready for removal ({{reasons}}), but its state in the manifest does not say which path to keep: settle it, then remove the flag.',
      inlineKeptValue: 'Inline the {{keep}} value of "{{key}}" here and delete the dead branch.',
      configuration: CONFIGURATION_MESSAGE,
    },
    hasSuggestions: true,
    defaultOptions: [{ includeExpired: false }],
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          includeExpired: {
            type: 'boolean',
            description: 'Also report flags that are ready only because they expired (no-expired-flag reports those).',
          },
        },
      },
    ],
  },
  create(context, [options]) {
    const announce = (message: string) => context.report({ loc: FIRST_LINE, messageId: 'configuration', data: { message } });
    return checkFile(context, { manifest: true, announce }, ({ facts, manifest, project }) => {
      const { today, policy } = project.settings;
      let base: RewriteBase | undefined;
      const baseOfFile = () => (base ??= rewriteBaseOf(context));
      const length = context.sourceCode.text.length;
      let rewritten = 0;
      for (const reference of facts.references) {
        if (reference.key.kind !== 'static' || reference.indirect) continue;
        const flag = manifest!.flags.get(reference.key.key);
        if (flag === undefined) continue;
        const assessment = assessFlag(flag, { today, policy });
        const reasons = assessment.reasons.filter((reason) => options.includeExpired || reason !== 'expired');
        if (reasons.length === 0) continue;
        const data = { key: flag.key, reasons: reasons.map((reason) => REASON_WORDS[reason]).join(', '), keep: assessment.keep ?? '' };
        if (assessment.keep === null) {
          context.report({ loc: eslintLoc(reference.loc), messageId: 'staleFlagNoKeepPath', data });
          continue;
        }
        // The codemod's engine, for this one site: offered only when it can fold the site fully.
        const affordable = reference.role === 'evaluate' && rewritten + length <= SUGGESTION_BUDGET;
        if (affordable) rewritten += length;
        const rewrite = affordable ? foldSite(baseOfFile, reference, assessment.keep) : undefined;
        const change =
          rewrite !== undefined && rewrite.manual.length === 0 ? minimalChange(context.sourceCode.text, rewrite.after) : undefined;
        context.report({
          loc: eslintLoc(reference.loc),
          messageId: 'staleFlag',
          data,
          suggest:
            change === undefined
              ? []
              : [
                  {
                    messageId: 'inlineKeptValue',
                    data: { key: flag.key, keep: assessment.keep },
                    fix: (fixer) => fixer.replaceTextRange(change.range, change.text),
                  },
                ],
        });
      }
    });
  },
});
