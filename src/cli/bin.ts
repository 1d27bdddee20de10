#!/usr/bin/env node
import { pinTypeScript } from '../pinned-typescript.js';

// Before anything loads the parser: see pinned-typescript.ts.
pinTypeScript();
const { runCli } = await import('./main.js');

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
