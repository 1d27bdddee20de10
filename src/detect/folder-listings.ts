import { statSync } from 'node:fs';

/** A folder's entries, each with whether it is surely a plain file (not a link, a folder …); undefined: unreadable. */
export type Listing = ReadonlyMap<string, boolean> | undefined;

/**
 * A folder listed this close after its last change may change again within the same tick of the
 * file system's clock and keep its stamp (as git treats "racily clean" files): its listing is not
 * kept. Two seconds covers the coarsest clocks.
 */
const RACY_MS = 2000;

/**
 * Folder listings kept from one resolver to the next (an editor's ESLint process renews its module
 * graph after each idle pause): a renewed resolver takes a kept listing once the folder's stamp
 * shows no entry was added, removed or renamed since, instead of listing the folder again.
 */
export class FolderListings {
  private readonly entries = new Map<string, { stamp: string; names: Listing }>();

  /** A folder's stamp, taken before it is listed; undefined when it cannot be looked at or changed too recently to trust. */
  static stampOf(folder: string): string | undefined {
    try {
      const stat = statSync(folder);
      return stat.mtimeMs < Date.now() - RACY_MS ? `${stat.ino}:${stat.mtimeMs}:${stat.ctimeMs}` : undefined;
    } catch {
      return undefined;
    }
  }

  /** The kept listing, if the folder still has the stamp it had when listed. */
  unchanged(folder: string, stamp: string | undefined): { names: Listing } | undefined {
    const entry = this.entries.get(folder);
    return entry !== undefined && stamp !== undefined && entry.stamp === stamp ? entry : undefined;
  }

  keep(folder: string, stamp: string | undefined, names: Listing): void {
    if (stamp === undefined) this.entries.delete(folder);
    else this.entries.set(folder, { stamp, names });
  }
}
