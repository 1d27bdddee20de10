import { chmodSync, lstatSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { isInside } from '../detect/module-resolution.js';
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

/**
 * Writes the plan, all or nothing: every target must resolve inside the project root (no symlink
 * out of it) and still hold the text it was planned from; then each file is written to a
 * temporary file beside it and renamed over it, so no file is ever half-written.
 */
export function applyRemovalPlan(plan: RemovalPlan): void {
  const root = realpathSync(plan.root);
  const changes = allChanges(plan);
  for (const change of changes) {
    let real: string;
    try {
      real = realpathSync(change.path);
    } catch {
      throw new UserError({ file: change.relative, message: 'remove: the file disappeared since it was read; nothing was changed' });
    }
    if (!isInside(root, real)) {
      throw new UserError({ file: change.relative, message: `remove: resolves outside the project root (${real}); nothing was changed` });
    }
    if (lstatSync(change.path).isSymbolicLink() && !isInside(root, real)) {
      throw new UserError({ file: change.relative, message: 'remove: is a symbolic link out of the project; nothing was changed' });
    }
    if (readFileSync(real, 'utf8') !== change.before) {
      throw new UserError({ file: change.relative, message: 'remove: the file changed on disk since it was read; nothing was changed (run again)' });
    }
  }
  for (const change of changes) {
    const real = realpathSync(change.path);
    const temporary = join(dirname(real), `.${process.pid}.flag-hygiene.tmp`);
    writeFileSync(temporary, change.after);
    chmodSync(temporary, statSync(real).mode);
    renameSync(temporary, real);
  }
}
