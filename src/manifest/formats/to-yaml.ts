import { isDeepStrictEqual } from 'node:util';
import { jsYamlPackage, yamlPackage } from '../../lazy-packages.js';
import { escapeUnsafeCharacters, hasUnsafeCharacter } from '../../unsafe-characters.js';
import { FLAG_TYPES } from '../schema.js';
import type { ManifestFlag } from '../types.js';
import { FORMAT_TITLES, type ManifestFormatName } from './detect.js';
import { LIFECYCLE_FIELD_USES, missingLifecycleFields, STATE_UNKNOWN } from './missing.js';

/*
 * Every value written here comes from the imported file, which may hold anything: a line break in a
 * strategy name would start a line of its own and add keys (`enabled: true`). So a value is written
 * plain only when reading it back in its place gives exactly it, else double-quoted with every
 * character YAML could take as a break or refuse as unprintable escaped (see unsafe-characters.ts);
 * comments are escaped too.
 */

function doubleQuoted(text: string): string {
  return `"${escapeUnsafeCharacters(text.replace(/["\\]/g, (character) => `\\${character}`))}"`;
}

/** Where a scalar is written, and how to read it back from there. */
const PLACES = {
  value: { write: (text: string) => `key: ${text}`, read: (data: unknown) => (data as { key?: unknown } | null)?.key },
  key: {
    write: (text: string) => `${text}: 0`,
    read: (data: unknown) =>
      data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 1
        ? Object.keys(data)[0]
        : undefined,
  },
  'list item': {
    write: (text: string) => `[${text}]`,
    read: (data: unknown) => (Array.isArray(data) && data.length === 1 ? data[0] : undefined),
  },
} as const;

/** Whether `text` reads back as `value` in its place, by both parsers the manifest loader may use (see parseManifestText). */
function readsBackAs(text: string, place: keyof typeof PLACES, value: string): boolean {
  const written = PLACES[place].write(text);
  const document = yamlPackage().parseDocument(written);
  if (document.errors.length > 0 || document.warnings.length > 0 || !isDeepStrictEqual(PLACES[place].read(document.toJS()), value))
    return false;
  try {
    const jsYaml = jsYamlPackage();
    return isDeepStrictEqual(PLACES[place].read(jsYaml.load(written, { schema: jsYaml.CORE_SCHEMA })), value);
  } catch {
    return false;
  }
}

/** One YAML scalar on one line, reading back as exactly `value` where it is written: plain when it can be, quoted otherwise. */
function scalar(value: string | number | boolean, place: keyof typeof PLACES = 'value'): string {
  if (typeof value !== 'string') return String(value);
  const text = yamlPackage().stringify(value, { lineWidth: 0 }).trimEnd();
  if (!text.includes('\n') && !hasUnsafeCharacter(text) && readsBackAs(text, place, value)) return text;
  return doubleQuoted(value);
}

/** Text in a comment: on its line, whatever it holds (a line break in it would start a line of YAML). */
function commentText(text: string): string {
  return escapeUnsafeCharacters(text.replace(/[\t ]+/g, ' '));
}

/** Placeholders for the required fields the source lacks: commented out, so nothing is invented. */
const PLACEHOLDERS: Record<'type' | 'owner' | 'createdAt' | 'expiresAt', string> = {
  type: `${FLAG_TYPES.join(' | ')}`,
  owner: 'the team that cleans it up',
  createdAt: 'YYYY-MM-DD',
  expiresAt: 'YYYY-MM-DD (release and experiment flags)',
};

function flagLines(flag: ManifestFlag, imported = true): string[] {
  const lines: string[] = [`  ${scalar(flag.key, 'key')}:`];
  const field = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) lines.push(`    ${name}: ${scalar(value)}`);
  };
  const missing = new Set(missingLifecycleFields(flag));
  const todo = (name: keyof typeof PLACEHOLDERS) => {
    if (missing.has(name)) lines.push(`    # TODO ${name}: ${PLACEHOLDERS[name]}`);
  };
  field('type', flag.type);
  todo('type');
  field('owner', flag.owner);
  todo('owner');
  field('createdAt', flag.createdAt);
  todo('createdAt');
  field('expiresAt', flag.expiresAt);
  todo('expiresAt');
  field('createdBy', flag.createdBy);
  field('ticket', flag.ticket);
  field('description', flag.description);
  field('enabled', flag.enabled);
  field('rolloutPercentage', flag.rolloutPercentage);
  if (flag.targetSegments !== undefined)
    lines.push(`    targetSegments: [${flag.targetSegments.map((segment) => scalar(segment, 'list item')).join(', ')}]`);
  field('killSwitch', flag.killSwitch);
  field('lastEvaluated', flag.lastEvaluated);
  // Left out, the state reads as "unknown" (not as "on for everyone"); the comment says why.
  const notes = flag.notes ?? [];
  const why = notes.find((note) => note.startsWith(STATE_UNKNOWN))?.slice(STATE_UNKNOWN.length);
  if (imported && missing.has('enabled'))
    lines.push(`    # enabled / rolloutPercentage: not carried over${why === undefined ? '' : `: ${commentText(why)}`}`);
  for (const note of notes) if (!note.startsWith(STATE_UNKNOWN)) lines.push(`    # ${commentText(note)}`);
  return lines;
}

/**
 * One flag of a manifest written from scratch (`init`): its known fields, and a `# TODO` line for
 * each required field it lacks. Nothing about state, which no source gave.
 */
export function manifestEntryLines(flag: ManifestFlag): string[] {
  return flagLines(flag, false);
}

/** What each source can carry over, for the header of an imported manifest. */
const SOURCE_CARRIES: Record<Exclude<ManifestFormatName, 'flag-hygiene'>, string> = {
  openfeature: 'An OpenFeature CLI manifest gives each flag a value type, a code default and a description: no state, no lifecycle.',
  flagd: 'flagd gives the state (DISABLED, default variant, a fractional split) and the lifecycle its metadata holds.',
  unleash: 'Unleash gives type, createdAt, lastSeenAt and the state in production (else the first environment): no owner, no expiry.',
};

/**
 * Our YAML manifest for flags read from another format. What the source carries is written; a
 * required field it lacks is a commented `# TODO` line, never an invented value, so the file is
 * our format but does not validate until someone fills those in (check-manifest names each one).
 */
export function manifestYamlOf(
  flags: Iterable<ManifestFlag>,
  source: { format: Exclude<ManifestFormatName, 'flag-hygiene'>; file: string },
): string {
  const all = [...flags];
  const lacking = new Set(all.flatMap((flag) => missingLifecycleFields(flag)));
  const header = [
    `# Imported by flag-hygiene from ${commentText(source.file)} (${FORMAT_TITLES[source.format]}).`,
    `# ${SOURCE_CARRIES[source.format]}`,
    '# Carried over: what the source says. Never invented: what it does not.',
  ];
  const required = (['type', 'owner', 'createdAt', 'expiresAt'] as const).filter((name) => lacking.has(name));
  if (required.length > 0) {
    header.push(
      `# Each "# TODO" line is a field the source lacks (${required.join(', ')}): fill it in and uncomment it.`,
      '# Until then `flag-hygiene check-manifest` reports it as required, and the policy cannot use it:',
      ...required.map((name) => `#   ${name}: ${LIFECYCLE_FIELD_USES[name]}`),
    );
  }
  const lines = [...header, all.length === 0 ? 'flags: {}' : 'flags:'];
  for (const flag of all) lines.push(...flagLines(flag));
  return `${lines.join('\n')}\n`;
}
