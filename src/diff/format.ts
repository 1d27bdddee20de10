import { plural } from '../report/findings.js';
import { markdownText } from '../report/format-markdown.js';
import { jsonText, terminalSafe } from '../report/text-safe.js';
import type { DiffFormat } from './codes.js';
import type { DiffReference, FlagDiff, IntroducedFlag, RemovedFlag } from './compare.js';

/** Lets a bot that posts the diff as a pull-request comment find its own comment again and update it. */
const MARKER = '<!-- flag-hygiene-diff -->';

/** A table cell lists this many references at most, then says how many more there are. */
const MAX_LOCATIONS = 5;

function shortCommit(diff: FlagDiff): string {
  return diff.base.commit.slice(0, 12);
}

function isEmpty(diff: FlagDiff): boolean {
  return diff.introduced.length + diff.removed.length + diff.addedToStale.length + diff.newNestings.length + diff.newDynamic.length === 0;
}

/** One sentence with the size of each category that has entries. */
export function diffSummary(diff: FlagDiff): string {
  if (isEmpty(diff)) return 'No flag changes.';
  const parts: string[] = [];
  if (diff.introduced.length > 0) {
    const undeclared = diff.introduced.filter((flag) => flag.declared === false).length;
    parts.push(`${plural(diff.introduced.length, 'flag')} introduced${undeclared === 0 ? '' : ` (${undeclared} not declared)`}`);
  }
  if (diff.removed.length > 0) parts.push(`${plural(diff.removed.length, 'flag')} no longer referenced`);
  if (diff.addedToStale.length > 0) {
    const added = diff.addedToStale.reduce((sum, flag) => sum + flag.after - flag.before, 0);
    parts.push(`${plural(added, 'new reference')} to ${plural(diff.addedToStale.length, 'flag')} ready for removal`);
  }
  if (diff.newNestings.length > 0) parts.push(plural(diff.newNestings.length, 'new nesting'));
  if (diff.newDynamic.length > 0) parts.push(plural(diff.newDynamic.length, 'new dynamic key'));
  return `${parts.join('; ')}.`;
}

function declaredText(flag: IntroducedFlag): string {
  if (flag.declared === null) return 'no manifest';
  if (!flag.declared) return 'no';
  return flag.declaredAtBase === true ? 'yes' : 'yes (new entry)';
}

function removedManifestText(flag: RemovedFlag): string {
  return flag.declared === null ? 'no manifest' : flag.declared ? 'declared: the entry can go' : 'not declared';
}

function referencesText(count: number): string {
  return plural(count, 'reference');
}

// Markdown

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function markdownLocation(location: { file: string; line: number }): string {
  return markdownText(`${location.file}:${location.line}`);
}

function markdownLocations(references: readonly DiffReference[]): string {
  const shown = references.slice(0, MAX_LOCATIONS).map((reference) => markdownLocation(reference) + (reference.test ? ' (test)' : ''));
  if (references.length > MAX_LOCATIONS) shown.push(`and ${references.length - MAX_LOCATIONS} more`);
  return shown.length === 0 ? '—' : shown.join('<br>');
}

function orDash(value: string | null): string {
  return value === null ? '—' : markdownText(value);
}

/**
 * The diff as GitHub-flavoured Markdown for a pull-request comment or a job summary: a heading, the
 * summary sentence, and one table per category that has entries. Every value from the repository
 * goes through the report's Markdown escaper.
 */
export function formatDiffMarkdown(diff: FlagDiff): string {
  const lines = [MARKER, `## Flag changes since ${markdownText(diff.base.ref)} (\`${shortCommit(diff)}\`)`, '', diffSummary(diff)];
  const section = (title: string, count: number, rows: string[]) => {
    if (count > 0) lines.push('', `### ${title} (${count})`, '', ...rows);
  };
  section(
    'Flags introduced',
    diff.introduced.length,
    table(
      ['Flag', 'Declared', 'Owner', 'Expires', 'References'],
      diff.introduced.map((flag) => [
        markdownText(flag.key),
        declaredText(flag),
        orDash(flag.owner),
        orDash(flag.expiresAt),
        markdownLocations(flag.references),
      ]),
    ),
  );
  section(
    'Flags no longer referenced',
    diff.removed.length,
    table(
      ['Flag', 'References before', 'Manifest'],
      diff.removed.map((flag) => [markdownText(flag.key), String(flag.before), removedManifestText(flag)]),
    ),
  );
  section(
    'New references to flags ready for removal',
    diff.addedToStale.length,
    table(
      ['Flag', 'Ready for removal', 'Owner', 'References', 'New references'],
      diff.addedToStale.map((flag) => [
        markdownText(flag.key),
        flag.reasons.map((reason) => `\`${reason}\``).join(', '),
        orDash(flag.owner),
        `${flag.before} → ${flag.after}`,
        markdownLocations(flag.added),
      ]),
    ),
  );
  section(
    'New nestings',
    diff.newNestings.length,
    table(
      ['Flag', 'Checked inside', 'Location', 'Through'],
      diff.newNestings.map((nesting) => [
        markdownText(nesting.inner.key),
        `${markdownText(nesting.outer.key)} (${markdownLocation(nesting.outer)})`,
        markdownLocation(nesting.inner),
        nesting.through.length === 0 ? '—' : nesting.through.map(markdownText).join(' → '),
      ]),
    ),
  );
  section(
    'New dynamic keys',
    diff.newDynamic.length,
    table(
      ['Key expression', 'Location', 'Via'],
      diff.newDynamic.map((reference) => [
        markdownText(reference.expression),
        markdownLocation(reference) + (reference.test ? ' (test)' : ''),
        markdownText(reference.via),
      ]),
    ),
  );
  return lines.join('\n') + '\n';
}

// Text

function textLocation(location: { file: string; line: number; column: number }): string {
  return `${location.file}:${location.line}:${location.column}`;
}

function textLocations(references: readonly DiffReference[]): string {
  const shown = references.slice(0, MAX_LOCATIONS).map((reference) => textLocation(reference) + (reference.test ? ' (test)' : ''));
  if (references.length > MAX_LOCATIONS) shown.push(`and ${references.length - MAX_LOCATIONS} more`);
  return shown.join(', ');
}

/** The diff for a terminal: a heading line, one block per category with entries, the summary last. */
export function formatDiffText(diff: FlagDiff): string {
  const lines = [`Flag changes since ${diff.base.ref} (${shortCommit(diff)})`];
  const block = (title: string, entries: string[]) => {
    if (entries.length > 0) lines.push('', `${title} (${entries.length}):`, ...entries.map((entry) => `  ${entry}`));
  };
  block(
    'Introduced',
    diff.introduced.map((flag) => {
      const declared =
        flag.declared === null
          ? 'no manifest'
          : flag.declared
            ? `declared${flag.declaredAtBase === true ? '' : ' (new entry)'}`
            : 'not declared';
      const owner = flag.owner === null ? '' : `, owner ${flag.owner}`;
      const expires = flag.expiresAt === null ? '' : `, expires ${flag.expiresAt}`;
      return `${flag.key}: ${declared}${owner}${expires}; ${referencesText(flag.after)} (${textLocations(flag.references)})`;
    }),
  );
  block(
    'No longer referenced',
    diff.removed.map((flag) => `${flag.key}: ${referencesText(flag.before)} before; ${removedManifestText(flag)}`),
  );
  block(
    'New references to flags ready for removal',
    diff.addedToStale.map(
      (flag) =>
        `${flag.key} (${flag.reasons.join(', ')}): ${flag.before} → ${referencesText(flag.after)}; new at ${textLocations(flag.added)}`,
    ),
  );
  block(
    'New nestings',
    diff.newNestings.map(
      (nesting) =>
        `${nesting.inner.key} inside ${nesting.outer.key} at ${textLocation(nesting.inner)} (outer check at ${textLocation(nesting.outer)})${nesting.through.length === 0 ? '' : ` through ${nesting.through.join(' → ')}`}`,
    ),
  );
  block(
    'New dynamic keys',
    diff.newDynamic.map(
      (reference) => `${reference.expression} at ${textLocation(reference)}${reference.test ? ' (test)' : ''} via ${reference.via}`,
    ),
  );
  lines.push('', diffSummary(diff));
  // Keys, file names and expressions come from the repository: no control character reaches the terminal.
  return lines.map(terminalSafe).join('\n') + '\n';
}

export function formatDiff(diff: FlagDiff, format: DiffFormat): string {
  if (format === 'json') return jsonText(diff);
  return format === 'markdown' ? formatDiffMarkdown(diff) : formatDiffText(diff);
}
