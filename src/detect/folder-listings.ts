import { sameStamp, settledBefore, stampOf, type FileStamp } from '../file-stamp.js';

/** A folder's entries, each with whether it is surely a plain file (not a link, a folder …); undefined: unreadable. */
export type Listing = ReadonlyMap<string, boolean> | undefined;

/**
 * Folder listings kept from one resolver to the next (an editor's ESLint process renews its module
 * graph after each idle pause): a renewed resolver takes a kept listing once the folder's stamp
 * shows no entry was added, removed or renamed since, instead of listing the folder again.
 */
export class FolderListings {
  private readonly entries = new Map<string, { stamp: FileStamp; names: Listing }>();

  /**
   * A folder's stamp, taken before it is listed; undefined when it cannot be looked at, or changed
   * so recently that a change in the same clock tick would not show (see settledBefore).
   */
  static stampOf(folder: string): FileStamp | undefined {
    const stamp = stampOf(folder);
    return stamp !== null && settledBefore(stamp, Date.now()) ? stamp : undefined;
  }

  /** The kept listing, if the folder still has the stamp it had when listed. */
  unchanged(folder: string, stamp: FileStamp | undefined): { names: Listing } | undefined {
    const entry = this.entries.get(folder);
    return entry !== undefined && stamp !== undefined && sameStamp(entry.stamp, stamp) ? entry : undefined;
  }

  keep(folder: string, stamp: FileStamp | undefined, names: Listing): void {
    if (stamp === undefined) this.entries.delete(folder);
    else this.entries.set(folder, { stamp, names });
  }
}
