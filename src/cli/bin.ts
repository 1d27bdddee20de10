#!/usr/bin/env node
import Module from 'node:module';
import { pinTypeScript } from '../pinned-typescript.js';
import { ExitCode } from './command.js';

// Before anything loads the parser: see pinned-typescript.ts.
pinTypeScript();

/**
 * Node 22.1 and later can keep V8's compiled code of the modules a run loads, so the next run
 * skips compiling them (a pre-commit hook starts the CLI on every commit). Node puts the cache in
 * os.tmpdir() (or where NODE_COMPILE_CACHE says; NODE_DISABLE_COMPILE_CACHE turns it off). It is a
 * hint: a folder that cannot be written costs the time it would have saved, never the run.
 */
function enableCompileCache(): void {
  const enable = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  try {
    enable?.();
  } catch {
    // Not enabled; the run goes on.
  }
}
enableCompileCache();
const { runCli } = await import('./main.js');

/**
 * A reader that stops early (`flag-hygiene report | head`) closes the pipe: the rest of the output
 * is not wanted, which is no failure of ours, so nothing is printed and the exit status stays the
 * command's (a gate that found failing findings still says so). Any other failure to write (a full
 * disk) is one line on stderr and status 2, never an unhandled 'error' event with its stack trace.
 */
function onWriteError(stream: 'stdout' | 'stderr') {
  return (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.exitCode = ExitCode.error;
    if (stream === 'stdout') process.stderr.write(`flag-hygiene: cannot write to stdout (${error.code ?? error.message})\n`);
  };
}
process.stdout.on('error', onWriteError('stdout'));
process.stderr.on('error', onWriteError('stderr'));

const status = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
// A failed write may already have set it.
process.exitCode ??= status;
