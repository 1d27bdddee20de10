export {
  bucket,
  evaluateFlag,
  isFeatureEnabled,
  type EvaluationContext,
  type EvaluationDetail,
  type EvaluationOptions,
  type EvaluationReason,
  type FeatureFlag,
} from './evaluate.js';
export {
  createFlagStore,
  type EvaluationListener,
  type EvaluationRecord,
  type FlagOverride,
  type FlagStore,
  type FlagStoreOptions,
} from './store.js';
export {
  generateVectors,
  vectorsToCsv,
  verifyVectors,
  type VectorEvaluator,
  type VectorMismatch,
  type VectorOptions,
  type VectorRow,
  type VectorVerification,
} from './vectors.js';
