import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { isInside } from '../posix-path.js';
import { UserError } from '../errors.js';
import type { FileChange, RemovalPlan } from './plan.js';

function allChanges(plan: RemovalPlan): FileChange[] {
  return plan.manifest === undefined ? plan.changes : [...plan.changes, plan.manifest];
}

/** The plan as a unified diff (what `--dry-run` prints). */
export function planDiff(plan: RemovalPlan): string {
  return allChanges(plan)
    .map((change) => createTwoFilesPatch(`a/${change.relative}`, `b/${change.relative}`, change.before, change.after, '', '', { context: 3 }))
    .join('');
}

/** Why a file operation failed, in a few words (`EISDIR: illegal operation on a directory, open …`). */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface Target {
  change: FileChange;
  /** The file's real path (inside the root). */
  real: string;
  mode: number;
  /** The new text, written beside the file under a name of its own. */
  temporary?: string;
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
  let current: string;
  let mode: number;
  try {
    current = readFileSync(real, 'utf8');
    mode = statSync(real).mode & 0o7777;
  } catch (error) {
    throw new UserError({ file: change.relative, message: `remove: cannot read the file (${reasonOf(error)}); nothing was changed` });
  }
  if (current !== change.before) {
    throw new UserError({ file: change.relative, message: 'remove: the file changed on disk since it was read; nothing was changed (run again)' });
  }
  return { change, real, mode };
}

/**
 * A new file beside `real` holding `text`, under a random name and created exclusively, so it can
 * be neither predicted nor planted beforehand (a link there is refused, never followed).
 */
function writeTemporary(real: string, text: string, mode: number): string {
  const temporary = join(dirname(real), `.flag-hygiene-${randomBytes(12).toString('hex')}.tmp`);
  writeFileSync(temporary, text, { flag: 'wx', mode });
  try {
    chmodSync(temporary, mode);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return temporary;
}

function removeTemporaries(targets: readonly Target[]): void {
  for (const target of targets) {
    if (target.temporary !== undefined) rmSync(target.temporary, { force: true });
  }
}

/**
 * Writes the plan, all or nothing: every target must resolve inside the project root (no symlink
 * out of it) and still hold the text it was planned from; then the new text of every file is
 * written to a temporary file beside it, and only when all are written are they renamed over the
 * files, so no file is ever half-written. A failure leaves every file as it was and is reported
 * as a user error naming the file; should a rename fail, the files renamed before it get their
 * old text back.
 */
export function applyRemovalPlan(plan: RemovalPlan): void {
  const root = realpathSync(plan.root);
  const targets = allChanges(plan).map((change) => targetOf(change, root));
  for (const target of targets) {
    try {
      target.temporary = writeTemporary(target.real, target.change.after, target.mode);
    } catch (error) {
      removeTemporaries(targets);
      throw new UserError({ file: target.change.relative, message: `remove: cannot write the new text (${reasonOf(error)}); nothing was changed` });
    }
  }
  const renamed: Target[] = [];
  for (const target of targets) {
    try {
      renameSync(target.temporary!, target.real);
      target.temporary = undefined;
      renamed.push(target);
    } catch (error) {
      removeTemporaries(targets);
      const unrestored = restore(renamed);
      const outcome = unrestored.length === 0 ? 'nothing was changed' : `these files could not be restored and hold the new text: ${unrestored.join(', ')}`;
      throw new UserError({ file: target.change.relative, message: `remove: cannot replace the file (${reasonOf(error)}); ${outcome}` });
    }
  }
}

/** Puts the planned-from text back into files already replaced; returns those it could not restore. */
function restore(targets: readonly Target[]): string[] {
  const failed: string[] = [];
  for (const target of targets) {
    let temporary: string | undefined;
    try {
      temporary = writeTemporary(target.real, target.change.before, target.mode);
      renameSync(temporary, target.real);
    } catch {
      if (temporary !== undefined) rmSync(temporary, { force: true });
      try {
        writeFileSync(target.real, target.change.before);
      } catch {
        failed.push(target.change.relative);
      }
    }
  }
  return failed;
}
