import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { UserError } from '../errors.js';
import type { Region } from '../detect/facts.js';
import type { ResolvedReference } from '../detect/resolve.js';
import type { ReferenceFacts } from '../findings/references.js';
import type { Manifest } from '../manifest/types.js';
import { announceOnce, lintFileContext, manifestError, type LintFileContext } from './file-context.js';

/** The message every rule has for a project it cannot check (bad settings, unreadable manifest). */
export const CONFIGURATION_MESSAGE = 'flag-hygiene cannot check this project: {{message}}';

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/**
 * Runs a rule's check once the file's facts are known. Rules that need the manifest do nothing
 * without one, and say once (not per file) when a configured manifest cannot be read.
 */
export function checkFile(
  context: AnyContext,
  needs: { manifest: boolean; announce: (message: string) => void },
  check: (file: LintFileContext & { manifest: Manifest | undefined }) => void,
): TSESLint.RuleListener {
  return {
    Program() {
      const file = lintFileContext(context);
      if (file instanceof UserError) {
        announceOnce(file, needs.announce);
        return;
      }
      if (needs.manifest && file.manifest === undefined) {
        const error = manifestError(file.project);
        if (error !== undefined) announceOnce(error, needs.announce);
        return;
      }
      check(file);
    },
  };
}

/** Where a configuration problem is reported: the first line of the first file linted. */
export const FIRST_LINE: TSESTree.SourceLocation = { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } };

/** A reference of one file's facts in the shape the findings layer decides on (the gate hands the inventory's). */
export function referenceFacts(reference: ResolvedReference, test: boolean): ReferenceFacts {
  const dynamic = reference.key.kind !== 'static';
  return { key: flagName(reference), dynamic, role: reference.role, test, ...(reference.indirect === true ? { indirect: true } : {}) };
}

/** How a flag is named in a message: its key, or the expression when it is dynamic. */
export function flagName(reference: ResolvedReference): string {
  return reference.key.kind === 'static' ? reference.key.key : reference.key.text;
}

/** A region in words: "on path", "off path", "missing-flag fallback", `"v2" case`. */
export function describeRegion(region: Region): string {
  switch (region.state) {
    case 'on':
      return 'on path';
    case 'off':
      return 'off path';
    case 'missing':
      return 'missing-flag fallback';
    case 'variant':
      return region.label === undefined ? 'variant branch' : region.label === 'default' ? 'default case' : `${region.label} case`;
  }
}

/** ESLint wants 0-based columns; facts keep 1-based ones, as ESLint prints them. */
export function eslintLoc(loc: { line: number; column: number; endLine: number; endColumn: number }): TSESTree.SourceLocation {
  return { start: { line: loc.line, column: loc.column - 1 }, end: { line: loc.endLine, column: loc.endColumn - 1 } };
}
