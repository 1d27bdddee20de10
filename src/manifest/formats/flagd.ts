import type { IsoDate } from '../../dates.js';
import type { JsonPath } from '../../schema-errors.js';
import { FLAG_TYPES, type FlagType } from '../schema.js';
import type { ManifestFlag } from '../types.js';
import type { Locate } from '../validate.js';
import { STATE_UNKNOWN, withMissingFields } from './missing.js';
import { calendarDate, describeValue, isRecord, ProblemList, quoteExcerpt, roundPercentage, type FormatReadResult } from './reader.js';

const STATES = ['ENABLED', 'DISABLED'] as const;

type VariantKind = 'boolean' | 'string' | 'number' | 'object';

function variantKind(value: unknown): VariantKind | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (isRecord(value)) return 'object';
  return undefined;
}

/** One bucket of a `fractional` rule; weight undefined when it is computed at evaluation time. */
interface Bucket {
  variant: string;
  weight: number | undefined;
  path: JsonPath;
}

/** Where targeting problems go: to a flag's targeting, or to a shared evaluator (no flag). */
interface Context {
  problems: ProblemList;
  flag?: string;
  evaluators: Record<string, unknown>;
}

function report(context: Context, path: JsonPath, message: string): void {
  context.problems.add(path, message, context.flag === undefined ? { field: '$evaluators' } : { flag: context.flag, field: 'targeting' });
}

/** The same context, reporting nothing: for a second look at a rule already checked. */
function quietly(context: Context): Context {
  return { ...context, problems: new ProblemList(() => undefined) };
}

/**
 * The buckets of a `fractional` operation: an optional bucketing expression, then
 * `[variant, weight]` pairs (weight 1 when left out; a JSONLogic rule when computed at evaluation
 * time). Problems are reported; `valid` says whether there were none.
 */
function fractionalBuckets(args: unknown, path: JsonPath, context: Context): { buckets: Bucket[]; valid: boolean } {
  if (!Array.isArray(args)) {
    report(context, path, `must be a list of [variant, weight] buckets, got ${describeValue(args)}`);
    return { buckets: [], valid: false };
  }
  const buckets: Bucket[] = [];
  let valid = true;
  const start = args.length > 0 && !Array.isArray(args[0]) ? 1 : 0;
  for (let index = start; index < args.length; index++) {
    const entry: unknown = args[index];
    const entryPath = [...path, index];
    if (!Array.isArray(entry) || entry.length < 1 || entry.length > 2 || typeof entry[0] !== 'string') {
      report(context, entryPath, `a fractional bucket is [variant, weight], got ${describeValue(entry)}`);
      valid = false;
      continue;
    }
    const weight: unknown = entry.length === 1 ? 1 : entry[1];
    if (typeof weight === 'number') {
      if (!Number.isFinite(weight) || weight < 0) {
        report(context, [...entryPath, 1], `a fractional weight must not be negative, got ${weight}`);
        valid = false;
      }
      buckets.push({ variant: entry[0], weight, path: entryPath });
    } else if (isRecord(weight)) {
      buckets.push({ variant: entry[0], weight: undefined, path: entryPath });
    } else {
      report(context, [...entryPath, 1], `a fractional weight must be a number, got ${describeValue(weight)}`);
      buckets.push({ variant: entry[0], weight: undefined, path: entryPath });
      valid = false;
    }
  }
  if (buckets.length === 0 && valid) {
    report(context, path, 'needs at least one [variant, weight] bucket');
    valid = false;
  }
  return { buckets, valid };
}

/** Checks a targeting rule: `$ref`s name evaluators, and `fractional` buckets name variants with numeric weights. */
function checkTargeting(node: unknown, path: JsonPath, context: Context, variants: Record<string, unknown> | undefined): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => checkTargeting(item, [...path, index], context, variants));
    return;
  }
  if (!isRecord(node)) return;
  for (const [operator, args] of Object.entries(node)) {
    if (operator === '$ref') {
      if (typeof args !== 'string' || !(args in context.evaluators)) {
        report(context, [...path, '$ref'], `refers to ${describeValue(args)}, which $evaluators does not define`);
      }
      continue;
    }
    if (operator === 'fractional') {
      const { buckets } = fractionalBuckets(args, [...path, operator], context);
      for (const bucket of buckets) {
        if (variants !== undefined && !(bucket.variant in variants)) {
          report(context, [...bucket.path, 0], `names variant ${quoteExcerpt(bucket.variant)}, which the flag does not define`);
        }
      }
      // The bucketing expression and computed weights are rules too.
      if (Array.isArray(args)) args.forEach((item, index) => checkTargeting(item, [...path, operator, index], context, undefined));
      continue;
    }
    checkTargeting(args, [...path, operator], context, variants);
  }
}

/** The served state of a boolean flag, as far as the file decides it. */
interface ServedState {
  enabled?: boolean;
  rolloutPercentage?: number;
  /** Why the state is unknown. */
  unknown?: string;
}

function isEmptyRule(rule: unknown): boolean {
  return rule === undefined || (isRecord(rule) && Object.keys(rule).length === 0);
}

/** A targeting that is only a `$ref`, followed (a few levels at most: evaluators may refer to each other). */
function followReference(rule: unknown, evaluators: Record<string, unknown>): { rule: unknown; path?: JsonPath } {
  let current = rule;
  let path: JsonPath | undefined;
  for (let depth = 0; depth < 8; depth++) {
    if (!isRecord(current) || Object.keys(current).length !== 1 || typeof current.$ref !== 'string' || !(current.$ref in evaluators)) break;
    path = ['$evaluators', current.$ref];
    current = evaluators[current.$ref];
  }
  return path === undefined ? { rule: current } : { rule: current, path };
}

/**
 * What a boolean flag serves: off when DISABLED; the default variant's value without targeting;
 * the share of buckets serving `true` when the targeting is one `fractional` split; otherwise
 * unknown (targeting rules decide per evaluation context).
 */
function booleanServedState(
  raw: Record<string, unknown>,
  variants: Record<string, unknown>,
  targetingPath: JsonPath,
  context: Context,
): ServedState {
  if (raw.state === 'DISABLED') return { enabled: false };
  if (isEmptyRule(raw.targeting)) {
    const value = typeof raw.defaultVariant === 'string' ? variants[raw.defaultVariant] : undefined;
    if (typeof value === 'boolean') return { enabled: value };
    return { unknown: 'without a defaultVariant, the code default is served' };
  }
  const { rule, path } = followReference(raw.targeting, context.evaluators);
  if (!isRecord(rule) || Object.keys(rule).length !== 1 || !('fractional' in rule)) {
    return { unknown: 'its targeting rules decide whether it is on, per evaluation context' };
  }
  const fractionalPath = [...(path ?? targetingPath), 'fractional'];
  // checkTargeting has reported the rule's problems: as this flag's, or as the shared evaluator's.
  const { buckets, valid } = fractionalBuckets(rule.fractional, fractionalPath, quietly(context));
  if (!valid) return {};
  if (path !== undefined) {
    for (const bucket of buckets) {
      if (!(bucket.variant in variants)) {
        report(context, [...bucket.path, 0], `names variant ${quoteExcerpt(bucket.variant)}, which flag "${context.flag}" does not define`);
      }
    }
  }
  if (buckets.some((bucket) => bucket.weight === undefined)) return { unknown: 'its fractional weights are computed at evaluation time' };
  const total = buckets.reduce((sum, bucket) => sum + bucket.weight!, 0);
  if (total === 0) return { unknown: 'its fractional weights are all 0' };
  const on = buckets.filter((bucket) => variants[bucket.variant] === true).reduce((sum, bucket) => sum + bucket.weight!, 0);
  return { enabled: true, rolloutPercentage: roundPercentage((on / total) * 100) };
}

/** Checks that metadata maps keys to strings, numbers or booleans (the flagd schema). */
function checkMetadata(metadata: unknown, path: JsonPath, problems: ProblemList, flag?: string): Record<string, unknown> {
  const subject = flag === undefined ? { field: 'metadata' } : { flag, field: 'metadata' };
  if (metadata === undefined) return {};
  if (!isRecord(metadata)) {
    problems.add(path, `must be a map of strings, numbers and booleans, got ${describeValue(metadata)}`, subject);
    return {};
  }
  for (const [name, value] of Object.entries(metadata)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      problems.add([...path, name], `metadata values are strings, numbers or booleans, got ${describeValue(value)}`, subject);
    }
  }
  return metadata;
}

/** A lifecycle value from the flag's metadata, else the flag set's (flagd merges them, the flag's first). */
interface MetadataLookup {
  get(names: readonly string[]): { value: unknown; path: JsonPath; name: string } | undefined;
}

function metadataLookup(flagMetadata: Record<string, unknown>, flagPath: JsonPath, setMetadata: Record<string, unknown>): MetadataLookup {
  return {
    get(names) {
      for (const name of names) if (name in flagMetadata) return { value: flagMetadata[name], path: [...flagPath, 'metadata', name], name };
      for (const name of names) if (name in setMetadata) return { value: setMetadata[name], path: ['metadata', name], name };
      return undefined;
    },
  };
}

/** Reads lifecycle fields from metadata: owner (or team), type, dates, and descriptive strings. */
function lifecycleFromMetadata(flag: ManifestFlag, lookup: MetadataLookup, problems: ProblemList): void {
  // A flag set's metadata is shared: its problems name the field, not the first flag that inherits it.
  const subject = (path: JsonPath, name: string) =>
    path[0] === 'metadata' ? { field: `metadata.${name}` } : { flag: flag.key, field: `metadata.${name}` };
  const text = (names: readonly string[]): string | undefined => {
    const found = lookup.get(names);
    if (found === undefined) return undefined;
    if (typeof found.value === 'string' && found.value.trim() !== '') return found.value;
    problems.add(found.path, `must be a non-empty string, got ${describeValue(found.value)}`, subject(found.path, found.name));
    return undefined;
  };
  const date = (name: string): IsoDate | undefined => {
    const found = lookup.get([name]);
    if (found === undefined) return undefined;
    const value = typeof found.value === 'string' ? calendarDate(found.value) : undefined;
    if (value === undefined)
      problems.add(found.path, `must be a date (YYYY-MM-DD), got ${describeValue(found.value)}`, subject(found.path, name));
    return value;
  };
  const owner = text(['owner', 'team']);
  if (owner !== undefined) flag.owner = owner;
  const type = text(['type']);
  if (type !== undefined) {
    const mapped = type === 'kill-switch' ? 'operational' : type;
    if ((FLAG_TYPES as readonly string[]).includes(mapped)) flag.type = mapped as FlagType;
    else {
      const { path } = lookup.get(['type'])!;
      problems.add(path, `must be one of ${FLAG_TYPES.join(', ')} (or kill-switch), got ${describeValue(type)}`, subject(path, 'type'));
    }
  }
  const createdAt = date('createdAt');
  const expiresAt = date('expiresAt');
  const lastEvaluated = date('lastEvaluated');
  if (createdAt !== undefined) flag.createdAt = createdAt;
  if (expiresAt !== undefined) {
    if (createdAt !== undefined && expiresAt < createdAt)
      problems.add(lookup.get(['expiresAt'])!.path, `is before createdAt (${createdAt})`, { flag: flag.key, field: 'metadata.expiresAt' });
    flag.expiresAt = expiresAt;
  }
  if (lastEvaluated !== undefined) flag.lastEvaluated = lastEvaluated;
  for (const name of ['createdBy', 'ticket', 'description'] as const) {
    const value = text([name]);
    if (value !== undefined) flag[name] = value;
  }
}

/** The flags of a flagd file: a map by key, or (flagd's import form) a list of flags with a `key`. */
function flagEntries(flags: unknown, problems: ProblemList): { key: string; raw: unknown; path: JsonPath; keyed: boolean }[] {
  if (isRecord(flags)) return Object.entries(flags).map(([key, raw]) => ({ key, raw, path: ['flags', key], keyed: true }));
  if (!Array.isArray(flags)) {
    problems.add(['flags'], `must be a map of flag keys to flags, got ${describeValue(flags)}`, { field: 'flags' });
    return [];
  }
  const entries: { key: string; raw: unknown; path: JsonPath; keyed: boolean }[] = [];
  flags.forEach((raw: unknown, index) => {
    const key = isRecord(raw) ? raw.key : undefined;
    if (typeof key !== 'string' || key === '') {
      problems.add(['flags', index, 'key'], `a flag in a list needs a non-empty "key", got ${describeValue(key)}`, { field: 'key' });
      return;
    }
    entries.push({ key, raw, path: ['flags', index], keyed: false });
  });
  return entries;
}

/**
 * Reads a flagd flag definition file (`flags.<key>.state / variants / defaultVariant / targeting
 * / metadata`). `state: DISABLED` is off; a boolean flag's rollout comes from a `fractional`
 * targeting rule when that is the whole rule; lifecycle fields come from the flag's metadata
 * merged over the flag set's (`owner` or `team`, `type`, `createdAt`, `expiresAt`, `lastEvaluated`,
 * `ticket`, `description`, `createdBy`). What is not there is listed as missing.
 */
export function readFlagdDefinitions(data: unknown, locate: Locate): FormatReadResult {
  const problems = new ProblemList(locate);
  const flags = new Map<string, ManifestFlag>();
  const positions = new Map<string, { path: JsonPath; keyed: boolean }>();
  const positionOf = (key: string) => {
    const entry = positions.get(key);
    if (entry === undefined) return undefined;
    return entry.keyed ? locate(entry.path, true) : locate([...entry.path, 'key'], false);
  };
  if (!isRecord(data)) {
    problems.add([], 'a flagd flag definition file is an object with a "flags" map');
    return { flags, problems: problems.sorted(), positionOf };
  }
  if (!('flags' in data)) problems.add(['flags'], 'is required', { field: 'flags' });
  const setMetadata = checkMetadata(data.metadata, ['metadata'], problems);
  let evaluators: Record<string, unknown> = {};
  if (data.$evaluators !== undefined) {
    if (isRecord(data.$evaluators)) evaluators = data.$evaluators;
    else
      problems.add(['$evaluators'], `must be a map of rule names to rules, got ${describeValue(data.$evaluators)}`, {
        field: '$evaluators',
      });
  }
  for (const [name, rule] of Object.entries(evaluators)) {
    checkTargeting(rule, ['$evaluators', name], { problems, evaluators }, undefined);
  }

  const entries = 'flags' in data ? flagEntries(data.flags, problems) : [];
  for (const { key, raw, path, keyed } of entries) {
    const subject = (field: string) => ({ flag: key, field });
    if (positions.has(key)) {
      problems.add(keyed ? path : [...path, 'key'], `flag "${key}" is defined twice`, { flag: key }, keyed);
      continue;
    }
    positions.set(key, { path, keyed });
    if (!isRecord(raw)) {
      problems.add(path, `must be an object with state, variants and defaultVariant, got ${describeValue(raw)}`, { flag: key });
      continue;
    }
    if (!('state' in raw)) problems.add([...path, 'state'], 'is required', subject('state'));
    else if (!(STATES as readonly unknown[]).includes(raw.state))
      problems.add([...path, 'state'], `must be ENABLED or DISABLED, got ${describeValue(raw.state)}`, subject('state'));

    let variants: Record<string, unknown> | undefined;
    let kind: VariantKind | undefined;
    if (!('variants' in raw)) problems.add([...path, 'variants'], 'is required', subject('variants'));
    else if (!isRecord(raw.variants) || Object.keys(raw.variants).length === 0) {
      problems.add(
        [...path, 'variants'],
        `must map at least one variant name to its value, got ${describeValue(raw.variants)}`,
        subject('variants'),
      );
    } else {
      variants = raw.variants;
      const kinds = new Set(Object.values(variants).map(variantKind));
      if (kinds.size !== 1 || kinds.has(undefined)) {
        problems.add(
          [...path, 'variants'],
          'variant values must all be booleans, all strings, all numbers or all objects',
          subject('variants'),
        );
      } else kind = [...kinds][0];
    }
    const defaultVariant = raw.defaultVariant;
    if (defaultVariant !== undefined && defaultVariant !== null) {
      if (typeof defaultVariant !== 'string')
        problems.add(
          [...path, 'defaultVariant'],
          `must be a variant name or null, got ${describeValue(defaultVariant)}`,
          subject('defaultVariant'),
        );
      else if (variants !== undefined && !(defaultVariant in variants)) {
        problems.add(
          [...path, 'defaultVariant'],
          `names variant ${quoteExcerpt(defaultVariant)}, which the flag does not define (${Object.keys(variants)
            .map((name) => quoteExcerpt(name).slice(1, -1))
            .join(', ')})`,
          subject('defaultVariant'),
        );
      }
    }
    const context: Context = { problems, flag: key, evaluators };
    if (raw.targeting !== undefined && !isRecord(raw.targeting)) {
      problems.add(
        [...path, 'targeting'],
        `must be a JSONLogic rule (an object), got ${describeValue(raw.targeting)}`,
        subject('targeting'),
      );
    } else checkTargeting(raw.targeting, [...path, 'targeting'], context, variants);
    const flagMetadata = checkMetadata(raw.metadata, [...path, 'metadata'], problems, key);

    const flag: ManifestFlag = { key };
    lifecycleFromMetadata(flag, metadataLookup(flagMetadata, path, setMetadata), problems);
    if (problems.invalidFlags.has(key) || variants === undefined) continue;

    const served: ServedState =
      kind === 'boolean'
        ? booleanServedState(raw, variants, [...path, 'targeting'], context)
        : raw.state === 'DISABLED'
          ? { enabled: false }
          : { unknown: `it serves ${kind} variants, not on and off` };
    if (problems.invalidFlags.has(key)) continue;
    if (served.enabled !== undefined) flag.enabled = served.enabled;
    if (served.rolloutPercentage !== undefined) flag.rolloutPercentage = served.rolloutPercentage;
    if (served.unknown !== undefined) flag.notes = [`${STATE_UNKNOWN}${served.unknown}`];
    flags.set(key, withMissingFields(flag));
  }
  return { flags, problems: problems.sorted(), positionOf };
}
