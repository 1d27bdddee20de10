import type { PolicySettings } from '../config/schema.js';
import { closestMatch } from '../closest-match.js';
import { toPosixRelative } from '../posix-path.js';
import type { IsoDate } from '../dates.js';
import { assessFlag, type KeepPath, type RemovalReason } from '../manifest/policy.js';
import type { FlagType } from '../manifest/schema.js';
import type { Manifest } from '../manifest/types.js';
import type { Inventory, InventoryReference } from '../scanner/inventory.js';
import type { TextMentions } from './text-mentions.js';
import { isChanged, isFileChanged, type ChangedLines } from './changed-lines.js';
import { DEFAULT_FAIL_ON, type ErrorCode, type FindingCode } from '../findings/codes.js';
import { DEFAULT_FINDING_OPTIONS, type FindingOptions } from '../findings/options.js';
import { isDynamicKeyFinding, isUndeclaredFinding } from '../findings/references.js';

export interface ReportLocation {
  file: string;
  line: number;
  column: number;
}

export interface ReportReference extends ReportLocation {
  test: boolean;
  role: 'evaluate' | 'override';
  via: string;
}

export interface ReportFlag {
  key: string;
  declared: boolean;
  type?: FlagType;
  owner?: string;
  references: ReportReference[];
  readyForRemoval: boolean;
  reasons: RemovalReason[];
  keep: KeepPath;
  ticket?: string;
  description?: string;
  createdAt?: IsoDate;
  expiresAt?: IsoDate;
  ageDays?: number;
  /** Where the manifest declares it. */
  declaredAt?: ReportLocation;
  /** Whether tests force the flag on and off. */
  testedStates: { on: boolean; off: boolean };
  /** Reasons that count toward --fail-on (after --changed-since). */
  failing: RemovalReason[];
  /** No accessor evaluates it, but its key appears in the repository's text here. */
  textMentions?: TextMentions;
}

export interface ReportError extends ReportLocation {
  code: ErrorCode;
  key: string;
  message: string;
  /** For a text mention: the first places the key appears, and how many in all. */
  mentions?: TextMentions;
  /** Counts toward --fail-on (after --changed-since). */
  failing: boolean;
}

/** A file the scan did not read or parse, or a folder it could not list (the inventory's `skipped`). */
export interface ReportSkipped {
  file: string;
  reason: string;
  folder: boolean;
  /** Counts toward --fail-on (`skipped`; with --changed-since, only a changed file, and every folder). */
  failing: boolean;
}

export interface Report {
  today: IsoDate;
  flags: ReportFlag[];
  errors: ReportError[];
  skipped: ReportSkipped[];
  failOn: FindingCode[];
  /** Findings that make the gate fail. */
  failures: number;
  warnings: Inventory['warnings'];
}

export interface BuildReportInput {
  inventory: Inventory;
  manifest: Manifest | undefined;
  today: IsoDate;
  policy: PolicySettings;
  /** The folder report paths are relative to (the config's folder). */
  root: string;
  failOn?: readonly FindingCode[];
  changedLines?: ChangedLines;
  /** Options of the findings, from the settings (default: as the ESLint rules' defaults). */
  findings?: FindingOptions;
  /**
   * Where the repository's text mentions keys that no accessor evaluates (text-mentions.ts): such a
   * flag is not called unreferenced, but reported as `text-mention`, with the places.
   */
  textMentions?: ReadonlyMap<string, TextMentions>;
}

/** The declared flags no code outside tests evaluates, as far as the scan saw (none for a partial scan). */
export function unreferencedCandidates(inventory: Inventory, manifest: Manifest | undefined): string[] {
  if (manifest === undefined || inventory.shard !== undefined || inventory.paths !== undefined) return [];
  const evaluated = new Set(
    inventory.references
      .filter((reference) => !reference.dynamic && reference.role === 'evaluate' && !reference.test)
      .map((reference) => reference.key),
  );
  return [...manifest.flags.keys()].filter((key) => !evaluated.has(key)).sort(compareKeys);
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Joins the scanner's inventory with the manifest and the lifecycle policy: per flag its
 * references, owner and type, whether it is ready for removal, why, and the path to keep; and the
 * hygiene errors with their positions. Pure: everything it knows comes in as arguments.
 */
export function buildReport(input: BuildReportInput): Report {
  const { inventory, manifest, today } = input;
  const failOn = [...(input.failOn ?? DEFAULT_FAIL_ON)];
  const findingOptions = input.findings ?? DEFAULT_FINDING_OPTIONS;
  const counts = (location: ReportLocation) =>
    input.changedLines === undefined || isChanged(input.changedLines, location.file, location.line);
  const byKey = new Map<string, InventoryReference[]>();
  for (const reference of inventory.references) {
    if (reference.dynamic) continue;
    const list = byKey.get(reference.key);
    if (list) list.push(reference);
    else byKey.set(reference.key, [reference]);
  }
  const manifestFile = manifest?.path === undefined ? undefined : toPosixRelative(input.root, manifest.path);
  const keys = [...new Set([...(manifest?.flags.keys() ?? []), ...byKey.keys()])].sort(compareKeys);
  const errors: ReportError[] = [];
  const flags: ReportFlag[] = [];
  const declared = manifest?.flags;

  for (const key of keys) {
    const references = byKey.get(key) ?? [];
    const evaluatedOutsideTests = references.some((reference) => reference.role === 'evaluate' && !reference.test);
    const testedStates = {
      on: references.some((reference) => reference.role === 'override' && reference.test && reference.state === 'on'),
      off: references.some((reference) => reference.role === 'override' && reference.test && reference.state === 'off'),
    };
    const entry = declared?.get(key);
    const flag: ReportFlag = {
      key,
      declared: entry !== undefined,
      references: references.map(({ file, line, column, test, role, via }) => ({ file, line, column, test, role, via })),
      readyForRemoval: false,
      reasons: [],
      keep: null,
      testedStates,
      failing: [],
    };
    if (entry !== undefined) {
      // A partial scan (some paths, one shard) cannot tell that nothing uses a flag.
      const partial = inventory.shard !== undefined || inventory.paths !== undefined;
      // A key the text mentions may be used in a shape no pattern sees: not "unreferenced", but a text mention.
      const mentions = evaluatedOutsideTests ? undefined : input.textMentions?.get(key);
      const referencedOutsideTests = evaluatedOutsideTests || mentions !== undefined;
      const assessment = assessFlag(entry, { today, policy: input.policy, ...(partial ? {} : { referencedOutsideTests }) });
      if (!partial && mentions !== undefined && mentions.places.length > 0) {
        flag.textMentions = mentions;
        const [first] = mentions.places;
        const more = mentions.count - 1;
        errors.push({
          code: 'text-mention',
          key,
          ...first!,
          message: `flag "${key}" is unreferenced by any accessor, but "${key}" appears in ${first!.file}:${first!.line}${more > 0 ? ` and ${more} more` : ''}: check before deleting`,
          mentions,
          failing: false,
        });
      }
      Object.assign(flag, {
        type: entry.type,
        owner: entry.owner,
        readyForRemoval: assessment.readyForRemoval,
        reasons: assessment.reasons,
        keep: assessment.keep,
      });
      if (entry.ticket !== undefined) flag.ticket = entry.ticket;
      if (entry.description !== undefined) flag.description = entry.description;
      flag.createdAt = entry.createdAt;
      if (entry.expiresAt !== undefined) flag.expiresAt = entry.expiresAt;
      flag.ageDays = assessment.ageDays;
      const position = manifestFile === undefined ? undefined : manifest?.positionOf(key);
      if (manifestFile !== undefined && position !== undefined)
        flag.declaredAt = { file: manifestFile, line: position.line, column: position.column };
      const locations: ReportLocation[] = [...flag.references, ...(flag.declaredAt ? [flag.declaredAt] : [])];
      flag.failing = flag.reasons.filter((reason) => failOn.includes(reason) && (locations.length === 0 || locations.some(counts)));
    } else if (declared !== undefined) {
      const suggestion = closestMatch(key, declared.keys());
      // A call of a fixed-key wrapper does not write the key: the error belongs where it is written.
      for (const reference of references.filter((candidate) => isUndeclaredFinding(candidate, declared))) {
        errors.push({
          code: 'undeclared',
          key,
          file: reference.file,
          line: reference.line,
          column: reference.column,
          message: `flag "${key}" is not declared in the manifest${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
          failing: false,
        });
      }
    }
    if (evaluatedOutsideTests && (!testedStates.on || !testedStates.off)) {
      const first = references.find((reference) => reference.role === 'evaluate' && !reference.test)!;
      const missing = !testedStates.on && !testedStates.off ? 'on or off' : !testedStates.on ? 'on' : 'off';
      errors.push({
        code: 'untested-state',
        key,
        file: first.file,
        line: first.line,
        column: first.column,
        message: `no test forces flag "${key}" ${missing}`,
        failing: false,
      });
    }
    flags.push(flag);
  }

  for (const reference of inventory.references) {
    if (!isDynamicKeyFinding(reference, findingOptions.dynamic)) continue;
    errors.push({
      code: 'dynamic',
      key: reference.key,
      file: reference.file,
      line: reference.line,
      column: reference.column,
      message: `the flag key \`${reference.key}\` cannot be resolved statically`,
      failing: false,
    });
  }
  for (const nesting of inventory.nestings) {
    // Through calls, the path is the proof: every known call path to the inner check passes through the outer region.
    const path = nesting.call === undefined ? [] : [`${nesting.call.file}:${nesting.call.line}:${nesting.call.column}`];
    const through = nesting.through.length === 0 ? '' : `, reached only through ${[...path, ...nesting.through].join(' → ')}`;
    errors.push({
      code: 'nested',
      key: nesting.inner.key,
      file: nesting.inner.file,
      line: nesting.inner.line,
      column: nesting.inner.column,
      message: `flag "${nesting.inner.key}" is checked inside flag "${nesting.outer.key}" (${nesting.outer.file}:${nesting.outer.line})${through}`,
      failing: false,
    });
  }
  for (const problem of inventory.problems) {
    const message =
      problem.kind === 'unchecked-lookup'
        ? `the lookup of flag "${problem.key}" is read without \`?.\` or a check: a missing flag throws`
        : problem.kind === 'missing-else'
          ? `the if on flag "${problem.key}" has no else`
          : `when flag "${problem.key}" is off this value is the flag's falsy value`;
    errors.push({
      code: 'missing-fallback',
      key: problem.key,
      file: problem.file,
      line: problem.line,
      column: problem.column,
      message,
      failing: false,
    });
  }
  for (const error of errors) error.failing = failOn.includes(error.code) && counts(error);
  errors.sort((a, b) => compareKeys(a.file, b.file) || a.line - b.line || a.column - b.column || compareKeys(a.code, b.code));
  // A folder that could not be listed may hold changed files: git cannot tell either.
  const skipped = inventory.skipped.map(({ file, reason, folder }) => ({
    file,
    reason,
    folder: folder === true,
    failing: failOn.includes('skipped') && (folder === true || input.changedLines === undefined || isFileChanged(input.changedLines, file)),
  }));
  const report: Report = { today, flags, errors, skipped, failOn, failures: 0, warnings: inventory.warnings };
  report.failures = countFailures(report);
  return report;
}

/** Findings that make the gate fail: flags with a failing reason, failing errors, failing skipped files. */
export function countFailures(report: Pick<Report, 'flags' | 'errors' | 'skipped'>): number {
  return (
    report.flags.filter((flag) => flag.failing.length > 0).length +
    report.errors.filter((error) => error.failing).length +
    report.skipped.filter((entry) => entry.failing).length
  );
}
