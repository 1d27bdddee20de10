import { isIsoDate, type IsoDate } from '../../dates.js';
import type { JsonPath } from '../../schema-errors.js';
export { describeValue, quoteExcerpt } from '../../schema-errors.js';
import type { FieldPosition, ManifestFlag, ManifestProblem } from '../types.js';
import type { Locate } from '../validate.js';

/** What reading one manifest format yields: the flags that are valid, every problem, and where each flag is written. */
export interface FormatReadResult {
  flags: Map<string, ManifestFlag>;
  problems: ManifestProblem[];
  positionOf(key: string): FieldPosition | undefined;
}

export type FormatReader = (data: unknown, locate: Locate) => FormatReadResult;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Collects a format's problems, each placed where it is written: at the path, or, when the path
 * does not exist (a missing field), at the nearest enclosing thing that does.
 */
export class ProblemList {
  readonly problems: ManifestProblem[] = [];
  /** Flags with at least one problem: left out of the result, as our own format does. */
  readonly invalidFlags = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(private readonly locate: Locate) {}

  /** `atKey`: place it at the key of the last path segment (a flag), not at its value. */
  add(path: JsonPath, message: string, subject: { flag?: string; field?: string } = {}, atKey = false): void {
    const problem: ManifestProblem = { message };
    if (subject.flag !== undefined) {
      problem.flag = subject.flag;
      this.invalidFlags.add(subject.flag);
    }
    if (subject.field !== undefined) problem.field = subject.field;
    for (let length = path.length; length >= 0; length--) {
      const position = length === 0 ? { line: 1, column: 1 } : this.locate(path.slice(0, length), atKey || length < path.length);
      if (position !== undefined) {
        problem.line = position.line;
        problem.column = position.column;
        break;
      }
    }
    // A shared thing (a flag set's metadata, an evaluator) is reported once, not once per flag.
    const identity = `${problem.line}:${problem.column}:${problem.flag ?? ''}:${message}`;
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.problems.push(problem);
  }

  sorted(): ManifestProblem[] {
    return this.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  }
}

/**
 * The calendar date of a `YYYY-MM-DD` string or of an ISO 8601 date-time (Unleash writes
 * `2023-01-28T15:21:39.975Z`), in UTC; undefined for anything else.
 */
export function calendarDate(value: string): IsoDate | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isIsoDate(value) ? value : undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time) || !isIsoDate(value.slice(0, 10))) return undefined;
  return new Date(time).toISOString().slice(0, 10);
}

/** Percentages are kept to two decimals: a third is 33.33, not 33.333333333333336. */
export function roundPercentage(value: number): number {
  return Math.round(value * 100) / 100;
}
