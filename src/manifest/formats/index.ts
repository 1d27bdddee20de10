import { validateManifest, type Locate } from '../validate.js';
import type { ManifestFormatName } from './detect.js';
import { readFlagdDefinitions } from './flagd.js';
import { readOpenFeatureManifest } from './openfeature.js';
import type { FormatReader, FormatReadResult } from './reader.js';
import { readUnleashExport } from './unleash.js';

const readOwnManifest: FormatReader = (data, locate) => {
  const { flags, problems } = validateManifest(data, locate);
  return { flags, problems, positionOf: (key) => locate(['flags', key], true) };
};

const READERS: Record<ManifestFormatName, FormatReader> = {
  'flag-hygiene': readOwnManifest,
  openfeature: readOpenFeatureManifest,
  flagd: readFlagdDefinitions,
  unleash: readUnleashExport,
};

/** Reads parsed manifest data of the given format into flags, problems and positions. */
export function readManifestData(format: ManifestFormatName, data: unknown, locate: Locate): FormatReadResult {
  return READERS[format](data, locate);
}

export { detectManifestFormat, FORMAT_TITLES, type ManifestFormatName } from './detect.js';
export { LIFECYCLE_FIELD_USES, missingLifecycleFields, type LifecycleField } from './missing.js';
export type { FormatReadResult } from './reader.js';
export { manifestEntryLines, manifestYamlOf } from './to-yaml.js';
