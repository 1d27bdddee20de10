import type { ManifestFlag } from '../types.js';
import type { Locate } from '../validate.js';
import { withMissingFields } from './missing.js';
import { describeValue, isRecord, ProblemList, type FormatReadResult } from './reader.js';

/** The OpenFeature CLI's flag types and the default values each accepts. */
const FLAG_TYPES: Record<string, { article: string; accepts: (value: unknown) => boolean }> = {
  boolean: { article: 'a boolean', accepts: (value) => typeof value === 'boolean' },
  string: { article: 'a string', accepts: (value) => typeof value === 'string' },
  integer: { article: 'an integer', accepts: (value) => typeof value === 'number' && Number.isInteger(value) },
  float: { article: 'a number', accepts: (value) => typeof value === 'number' && Number.isFinite(value) },
  object: { article: 'any value', accepts: () => true },
};

/**
 * Reads an OpenFeature CLI flag manifest (`flags.<key>.flagType / defaultValue / description`).
 * It carries no lifecycle data and no served state: every flag lists them as missing. The
 * defaultValue is what code gets when evaluation fails, not the flag's state, so it is not read
 * as one.
 */
export function readOpenFeatureManifest(data: unknown, locate: Locate): FormatReadResult {
  const problems = new ProblemList(locate);
  const flags = new Map<string, ManifestFlag>();
  const positionOf = (key: string) => locate(['flags', key], true);
  if (!isRecord(data)) {
    problems.add([], 'an OpenFeature CLI flag manifest is an object with a "flags" map');
    return { flags, problems: problems.sorted(), positionOf };
  }
  if (!('flags' in data)) problems.add(['flags'], 'is required', { field: 'flags' });
  else if (!isRecord(data.flags))
    problems.add(['flags'], `must be a map of flag keys to flags, got ${describeValue(data.flags)}`, { field: 'flags' });
  const entries = isRecord(data.flags) ? data.flags : {};
  for (const [key, raw] of Object.entries(entries)) {
    const path = ['flags', key];
    if (key === '') {
      problems.add(path, 'a flag key must not be empty', { flag: key }, true);
      continue;
    }
    if (!isRecord(raw)) {
      problems.add(path, `must be an object with flagType and defaultValue, got ${describeValue(raw)}`, { flag: key });
      continue;
    }
    const flagType = raw.flagType;
    const kind = typeof flagType === 'string' ? FLAG_TYPES[flagType] : undefined;
    if (!('flagType' in raw)) problems.add([...path, 'flagType'], 'is required', { flag: key, field: 'flagType' });
    else if (kind === undefined) {
      problems.add([...path, 'flagType'], `must be one of ${Object.keys(FLAG_TYPES).join(', ')}, got ${describeValue(flagType)}`, {
        flag: key,
        field: 'flagType',
      });
    }
    if (!('defaultValue' in raw)) problems.add([...path, 'defaultValue'], 'is required', { flag: key, field: 'defaultValue' });
    else if (kind !== undefined && !kind.accepts(raw.defaultValue)) {
      problems.add(
        [...path, 'defaultValue'],
        `must be ${kind.article} (flagType ${String(flagType)}), got ${describeValue(raw.defaultValue)}`,
        { flag: key, field: 'defaultValue' },
      );
    }
    if ('description' in raw && typeof raw.description !== 'string') {
      problems.add([...path, 'description'], `must be a string, got ${describeValue(raw.description)}`, {
        flag: key,
        field: 'description',
      });
    }
    if (problems.invalidFlags.has(key)) continue;
    const flag: ManifestFlag = { key };
    if (typeof raw.description === 'string') flag.description = raw.description;
    flags.set(key, withMissingFields(flag));
  }
  return { flags, problems: problems.sorted(), positionOf };
}
