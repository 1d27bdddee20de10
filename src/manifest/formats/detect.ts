import type { ManifestFormat } from '../../config/schema.js';
import { isRecord } from './reader.js';

/** A manifest format once `auto` has been decided. */
export type ManifestFormatName = Exclude<ManifestFormat, 'auto'>;

/** How each format is called in messages. */
export const FORMAT_TITLES: Record<ManifestFormatName, string> = {
  'flag-hygiene': 'flag-hygiene manifest',
  openfeature: 'OpenFeature CLI flag manifest',
  flagd: 'flagd flag definitions',
  unleash: 'Unleash feature export',
};

/** The `$schema` a file declares, when it names one of the formats. */
function formatOfSchema(schema: unknown): ManifestFormatName | undefined {
  if (typeof schema !== 'string') return undefined;
  // Our own schema is called flag-manifest.schema.json too: look for the package name first.
  if (schema.includes('flag-hygiene')) return 'flag-hygiene';
  if (schema.includes('flagd')) return 'flagd';
  if (schema.includes('open-feature') || schema.includes('openfeature')) return 'openfeature';
  return undefined;
}

/**
 * Tells the format from the content: a `$schema` naming one; Unleash's top-level `features`
 * list; under `flags`, OpenFeature CLI's `flagType` or flagd's `state` / `variants`; else our
 * own format, whose validation then explains what is wrong.
 */
export function detectManifestFormat(data: unknown): ManifestFormatName {
  if (!isRecord(data)) return 'flag-hygiene';
  const declared = formatOfSchema(data.$schema);
  if (declared !== undefined) return declared;
  if (Array.isArray(data.features)) return 'unleash';
  const flags = data.flags;
  // flagd's import form lists flags in an array, each with its key.
  if (Array.isArray(flags)) return 'flagd';
  if (!isRecord(flags)) return 'flag-hygiene';
  for (const entry of Object.values(flags)) {
    if (!isRecord(entry)) continue;
    if ('flagType' in entry) return 'openfeature';
    // Our fields first: an entry with an owner and a stray `state` is ours, written wrong.
    if ('type' in entry || 'owner' in entry || 'createdAt' in entry) return 'flag-hygiene';
    if ('state' in entry || 'variants' in entry || 'defaultVariant' in entry) return 'flagd';
  }
  return 'flag-hygiene';
}
