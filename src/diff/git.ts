import { spawn, spawnSync } from 'node:child_process';
import { UserError } from '../errors.js';
import { changedLinesSince, type ChangedLines } from '../report/changed-lines.js';

/**
 * Options on every git call: paths as they are (never quoted in octal), no pager, and nothing from
 * the user's configuration that would change the shape of the output we parse.
 */
const GIT_OPTIONS = ['--no-pager', '-c', 'core.quotePath=false'];

function runGit(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('git', [...GIT_OPTIONS, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error !== undefined) throw new UserError({ message: `diff: cannot run git (${result.error.message})` });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, args: readonly string[]): string {
  const result = runGit(cwd, args);
  if (result.status !== 0) {
    const first = result.stderr.trim().split('\n')[0] ?? '';
    throw new UserError({ message: `diff: git ${args[0]} failed: ${first || `exit status ${result.status}`}` });
  }
  return result.stdout;
}

/** Where `root` sits in its repository: the top of the work tree and the root's path from there (`''` or `app/`). */
export interface GitLocation {
  top: string;
  /** `/`-separated, with a trailing `/` unless empty. */
  prefix: string;
}

export function locateRepository(root: string): GitLocation {
  const result = runGit(root, ['rev-parse', '--show-toplevel', '--show-prefix']);
  if (result.status !== 0) throw new UserError({ file: root, message: 'diff: not inside a git work tree' });
  const [top = '', prefix = ''] = result.stdout.split('\n');
  return { top, prefix };
}

/** The commit a ref names; an unknown ref (or one that names no commit) is a user error naming it. */
export function resolveCommit(root: string, ref: string): string {
  // `--end-of-options`: a ref such as `--output=x` is a ref, never an option.
  const result = runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  const commit = result.stdout.trim();
  if (result.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new UserError({ message: `diff: '${ref}' is not a commit in this repository` });
  }
  return commit;
}

export interface TreeBlob {
  /** From the top of the repository, `/`-separated. */
  path: string;
  oid: string;
}

/** The regular files of a commit's tree (no symbolic links, no submodules). */
export function listTreeBlobs(root: string, commit: string): TreeBlob[] {
  const blobs: TreeBlob[] = [];
  for (const entry of git(root, ['ls-tree', '-r', '-z', '--full-tree', commit]).split('\0')) {
    // `<mode> SP <type> SP <oid> TAB <path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid] = entry.slice(0, tab).split(' ');
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || oid === undefined) continue;
    blobs.push({ path: entry.slice(tab + 1), oid });
  }
  return blobs;
}

/**
 * Reads blobs through one `git cat-file --batch`, handing each to `onBlob` as it arrives: the
 * output is parsed as a stream (header line, content, newline), so no blob waits for the others
 * and one process serves them all.
 */
export function readBlobs(root: string, oids: readonly string[], onBlob: (oid: string, content: Buffer) => void): Promise<void> {
  const unique = [...new Set(oids)];
  if (unique.length === 0) return Promise.resolve();
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', [...GIT_OPTIONS, 'cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let header = Buffer.alloc(0);
    let body: Buffer[] = [];
    let bodyLength = 0;
    /** The content still to come of the current blob, and whether its closing newline is still to come. */
    let current: { oid: string; size: number } | undefined;
    let failure: Error | undefined;
    let stderr = '';
    const fail = (error: Error) => {
      failure ??= error;
      child.kill();
    };
    const take = (chunk: Buffer) => {
      let data = chunk;
      while (data.length > 0 && failure === undefined) {
        if (current === undefined) {
          const newline = data.indexOf(0x0a);
          if (newline < 0) {
            header = Buffer.concat([header, data]);
            return;
          }
          const line = Buffer.concat([header, data.subarray(0, newline)]).toString('utf8');
          header = Buffer.alloc(0);
          data = data.subarray(newline + 1);
          const [oid = '', type, size] = line.split(' ');
          if (type !== 'blob' || size === undefined) {
            fail(new UserError({ message: `diff: git cat-file cannot read object ${oid} (${type ?? 'no answer'})` }));
            return;
          }
          current = { oid, size: Number(size) };
          body = [];
          bodyLength = 0;
        }
        // The content, then one newline.
        const wanted = current.size + 1 - bodyLength;
        const part = data.subarray(0, wanted);
        body.push(part);
        bodyLength += part.length;
        data = data.subarray(part.length);
        if (bodyLength === current.size + 1) {
          const content = Buffer.concat(body, bodyLength).subarray(0, current.size);
          const { oid } = current;
          current = undefined;
          body = [];
          try {
            onBlob(oid, content);
          } catch (error) {
            fail(error as Error);
          }
        }
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => fail(new UserError({ message: `diff: cannot run git (${error.message})` })));
    child.stdin.on('error', () => {}); // A failed child closes its input early: the exit status tells.
    child.on('close', (status) => {
      if (failure !== undefined) reject(failure);
      else if (status !== 0)
        reject(new UserError({ message: `diff: git cat-file failed: ${stderr.trim().split('\n')[0] || `exit status ${status}`}` }));
      else resolvePromise();
    });
    child.stdin.end(unique.join('\n') + '\n');
  });
}

/**
 * Lines added or changed since the commit, per file relative to `root` (`/`-separated); untracked
 * files count as changed throughout. The gate's own reading of git's diff (`--changed-since`): git
 * under fixed options, hunks parsed strictly, so the two commands agree on what a change touched.
 */
export function changedLinesSinceCommit(root: string, commit: string): ChangedLines {
  return changedLinesSince(commit, root);
}
