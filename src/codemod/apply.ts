import { lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEMPORARY_NAME, writeFileAtomically, writeTemporaryBeside } from '../atomic-write.js';
import { diffPackage } from '../lazy-packages.js';
import { isInside, toPosixRelative } from '../posix-path.js';
import { UserError } from '../errors.js';
import type { FileChange, RemovalPlan } from './plan.js';
import { contentDigest } from './planned-text.js';

function allChanges(plan: RemovalPlan): FileChange[] {
  return plan.manifest === undefined ? plan.changes : [...plan.changes, plan.manifest];
}

/** The plan as a unified diff (what `--dry-run` prints). */
export function planDiff(plan: RemovalPlan): string {
  return allChanges(plan)
    .map((change) =>
      diffPackage().createTwoFilesPatch(`a/${change.relative}`, `b/${change.relative}`, change.before, change.after, '', '', {
        context: 3,
      }),
    )
    .join('');
}

/** Why a file operation failed, in a few words (`EISDIR: illegal operation on a directory, open …`). */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface ApplyOptions {
  /**
   * Aborting it (the CLI does on SIGINT and SIGTERM) stops the removal between two files: the
   * temporary files are deleted, every file already replaced gets its old text back, and
   * RemovalInterrupted is thrown.
   */
  signal?: AbortSignal;
  /**
   * For tests only: runs after each file is replaced, before the next one is checked, so a test
   * can edit a file or interrupt the run at a known point.
   */
  afterReplace?: (change: FileChange) => void | Promise<void>;
}

export interface ApplyResult {
  /** Temporary files left by interrupted runs (their process is gone), deleted; relative paths. */
  staleTemporaries: string[];
}

/** The removal stopped because its signal was aborted; the message says what was left. */
export class RemovalInterrupted extends Error {
  constructor(
    readonly reason: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'RemovalInterrupted';
  }
}

interface Target {
  change: FileChange;
  /** The file's real path (inside the root). */
  real: string;
  mode: number;
  /** The new text, written beside the file under a name of its own. */
  temporary?: string;
}

const CHANGED = 'the file changed on disk since it was read';

/** Whether the file holds the bytes the plan was made from; undefined when it cannot be read. */
function holdsPlannedText(real: string, change: FileChange): boolean | undefined {
  try {
    return contentDigest(readFileSync(real)) === change.beforeDigest;
  } catch {
    return undefined;
  }
}

/** Checks a planned file before anything is written: inside the root, unchanged since planning. */
function targetOf(change: FileChange, root: string): Target {
  let real: string;
  try {
    real = realpathSync(change.path);
  } catch {
    throw new UserError({ file: change.relative, message: 'remove: the file disappeared since it was read; nothing was changed' });
  }
  if (!isInside(root, real)) {
    throw new UserError({ file: change.relative, message: `remove: resolves outside the project root (${real}); nothing was changed` });
  }
  let mode: number;
  try {
    mode = statSync(real).mode & 0o7777;
  } catch (error) {
    throw new UserError({ file: change.relative, message: `remove: cannot read the file (${reasonOf(error)}); nothing was changed` });
  }
  const unchanged = holdsPlannedText(real, change);
  if (unchanged === undefined) throw new UserError({ file: change.relative, message: 'remove: cannot read the file; nothing was changed' });
  if (!unchanged) throw new UserError({ file: change.relative, message: `remove: ${CHANGED}; nothing was changed (run again)` });
  return { change, real, mode };
}

/** Whether a process with this id runs (one this process may not signal runs too). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Deletes the temporary files that runs killed before they could clean up (`kill -9`, a crash)
 * left in the folders about to be written; those of a run still going are left alone.
 */
function removeStaleTemporaries(targets: readonly Target[], root: string): string[] {
  const removed: string[] = [];
  for (const folder of new Set(targets.map((target) => dirname(target.real)))) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = TEMPORARY_NAME.exec(name)?.[1];
      if (pid === undefined || isRunning(Number(pid))) continue;
      const path = join(folder, name);
      try {
        const stat = lstatSync(path);
        if (!stat.isFile() && !stat.isSymbolicLink()) continue;
        rmSync(path);
        removed.push(toPosixRelative(root, path));
      } catch {
        // Left for the next run; it is not in the way of this one (its name is fresh).
      }
    }
  }
  return removed.sort();
}

function removeTemporaries(targets: readonly Target[]): void {
  for (const target of targets) {
    if (target.temporary === undefined) continue;
    try {
      rmSync(target.temporary, { force: true });
      target.temporary = undefined;
    } catch {
      // Its name marks it as this run's: the next run deletes it.
    }
  }
}

/** The writes are synchronous: between files, a signal's handler gets its turn to abort. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Writes the plan, all or nothing: every target must resolve inside the project root (no symlink
 * out of it) and still hold the text it was planned from; then the new text of every file is
 * written to a temporary file beside it, and only when all are written are they renamed over the
 * files, each checked once more right before, so no file is ever half-written and an edit saved
 * meanwhile is never overwritten. A failure, a file found changed or an abort (`signal`) leaves
 * every file as it was: the files already replaced get their old text back. Failures are user
 * errors naming the file; an abort is RemovalInterrupted.
 */
export async function applyRemovalPlan(plan: RemovalPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  const { signal, afterReplace } = options;
  const root = realpathSync(plan.root);
  const targets = allChanges(plan).map((change) => targetOf(change, root));
  const staleTemporaries = removeStaleTemporaries(targets, root);
  const replaced: Target[] = [];
  /** Undoes what was done so far; says what that left. */
  const undo = (): string => {
    removeTemporaries(targets);
    const unrestored = restore(replaced);
    return unrestored.length === 0
      ? 'nothing was changed'
      : `these files could not be restored and hold the new text: ${unrestored.join(', ')}`;
  };
  const stopIfAborted = () => {
    if (signal?.aborted) throw new RemovalInterrupted(signal.reason, `remove: interrupted (${String(signal.reason)}); ${undo()}`);
  };

  for (const target of targets) {
    stopIfAborted();
    try {
      target.temporary = writeTemporaryBeside(target.real, target.change.after, target.mode);
    } catch (error) {
      throw new UserError({ file: target.change.relative, message: `remove: cannot write the new text (${reasonOf(error)}); ${undo()}` });
    }
    await nextTurn();
  }
  for (const target of targets) {
    stopIfAborted();
    if (holdsPlannedText(target.real, target.change) !== true) {
      throw new UserError({ file: target.change.relative, message: `remove: ${CHANGED}; ${undo()} (run again)` });
    }
    try {
      renameSync(target.temporary!, target.real);
    } catch (error) {
      throw new UserError({ file: target.change.relative, message: `remove: cannot replace the file (${reasonOf(error)}); ${undo()}` });
    }
    target.temporary = undefined;
    replaced.push(target);
    try {
      await afterReplace?.(target.change);
    } catch (error) {
      undo();
      throw error;
    }
    await nextTurn();
  }
  return { staleTemporaries };
}

/** Puts the planned-from text back into files already replaced; returns those it could not restore. */
function restore(targets: readonly Target[]): string[] {
  const failed: string[] = [];
  for (const target of targets) {
    try {
      writeFileAtomically(target.real, target.change.before, target.mode);
    } catch {
      try {
        writeFileSync(target.real, target.change.before);
      } catch {
        failed.push(target.change.relative);
      }
    }
  }
  return failed;
}
