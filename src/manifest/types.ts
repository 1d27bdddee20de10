import type { IsoDate } from '../dates.js';
import type { FlagType } from './schema.js';

export interface FieldPosition {
  line: number;
  column: number;
}

/**
 * One declared flag. Our format always has type, owner and createdAt; a flag read from another
 * format (OpenFeature, flagd, Unleash) may lack them, and then names them in `missing`.
 */
export interface ManifestFlag {
  key: string;
  type?: FlagType;
  owner?: string;
  createdAt?: IsoDate;
  expiresAt?: IsoDate;
  createdBy?: string;
  ticket?: string;
  description?: string;
  enabled?: boolean;
  rolloutPercentage?: number;
  targetSegments?: string[];
  killSwitch?: boolean;
  lastEvaluated?: IsoDate;
  /** Lifecycle fields the source format does not carry (other formats): reported, never invented. */
  missing?: string[];
  /** What the source format says that has no field here (e.g. Unleash marks the flag stale). */
  notes?: string[];
}

export interface Manifest {
  /** Absolute path, when loaded from a file. */
  path?: string;
  flags: ReadonlyMap<string, ManifestFlag>;
  /** A digest of the content: ESLint's cache key includes it, so a manifest edit is never hidden. */
  hash: string;
  format: string;
  /** Where a flag's key is written; computed on demand (positions cost more than the data). */
  positionOf(key: string): FieldPosition | undefined;
}

/** A problem in a manifest: where, which flag, which field, what. */
export interface ManifestProblem {
  message: string;
  flag?: string;
  field?: string;
  line?: number;
  column?: number;
}
