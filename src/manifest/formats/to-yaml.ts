import { stringify } from 'yaml';
import { FLAG_TYPES } from '../schema.js';
import type { ManifestFlag } from '../types.js';
import { FORMAT_TITLES, type ManifestFormatName } from './detect.js';
import { LIFECYCLE_FIELD_USES, missingLifecycleFields, STATE_UNKNOWN } from './missing.js';

/** One YAML scalar on one line: plain when YAML allows it, quoted otherwise. */
function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  // A block scalar (a description with line breaks) does not fit on one line; JSON's string is YAML too.
  return text.includes('\n') ? JSON.stringify(value) : text;
}

/** Placeholders for the required fields the source lacks: commented out, so nothing is invented. */
const PLACEHOLDERS: Record<'type' | 'owner' | 'createdAt' | 'expiresAt', string> = {
  type: `${FLAG_TYPES.join(' | ')}`,
  owner: 'the team that cleans it up',
  createdAt: 'YYYY-MM-DD',
  expiresAt: 'YYYY-MM-DD (release and experiment flags)',
};

function flagLines(flag: ManifestFlag, imported = true): string[] {
  const lines: string[] = [`  ${scalar(flag.key)}:`];
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
  if (flag.targetSegments !== undefined) lines.push(`    targetSegments: [${flag.targetSegments.map(scalar).join(', ')}]`);
  field('killSwitch', flag.killSwitch);
  field('lastEvaluated', flag.lastEvaluated);
  // Left out, the state reads as "unknown" (not as "on for everyone"); the comment says why.
  const notes = flag.notes ?? [];
  const why = notes.find((note) => note.startsWith(STATE_UNKNOWN))?.slice(STATE_UNKNOWN.length);
  if (imported && missing.has('enabled')) lines.push(`    # enabled / rolloutPercentage: not carried over${why === undefined ? '' : `: ${why}`}`);
  for (const note of notes) if (!note.startsWith(STATE_UNKNOWN)) lines.push(`    # ${note.replace(/\s+/g, ' ')}`);
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
export function manifestYamlOf(flags: Iterable<ManifestFlag>, source: { format: Exclude<ManifestFormatName, 'flag-hygiene'>; file: string }): string {
  const all = [...flags];
  const lacking = new Set(all.flatMap((flag) => missingLifecycleFields(flag)));
  const header = [
    `# Imported by flag-hygiene from ${source.file} (${FORMAT_TITLES[source.format]}).`,
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
