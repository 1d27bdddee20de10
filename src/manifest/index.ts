export { loadManifest, loadManifestCached, parseManifestText, readManifestText } from './load.js';
export { validateManifest, type Locate } from './validate.js';
export {
  assessFlag,
  findStaleFlags,
  servedState,
  REMOVAL_REASONS,
  type FlagAssessment,
  type KeepPath,
  type PolicyInput,
  type RemovalReason,
} from './policy.js';
export { FLAG_TYPES, MANIFEST_SCHEMA, type FlagType } from './schema.js';
export {
  detectManifestFormat,
  FORMAT_TITLES,
  LIFECYCLE_FIELD_USES,
  manifestYamlOf,
  missingLifecycleFields,
  readManifestData,
  type LifecycleField,
  type ManifestFormatName,
} from './formats/index.js';
export type { FieldPosition, Manifest, ManifestFlag, ManifestProblem } from './types.js';
