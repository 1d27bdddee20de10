import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listSourceFiles } from './corpus-files.js';
import { isMain } from './is-main.js';

const run = promisify(execFile);

export interface RealPackage {
  name: string;
  version: string;
}

export interface RealCorpus {
  /** The extracted package folder (the tarball's `package/`). */
  root: string;
  /** Source files under `root`, as counted by `listSourceFiles`. */
  files: number;
  name: string;
  version: string;
}

/*
 * Why @patternfly/react-core@6.6.1. Candidates were packed and their source files counted
 * (.ts/.tsx/.js/.jsx/.mjs/.cjs without .d.ts):
 *
 *   @patternfly/react-core@6.6.1  2,998 files, 7.8 MB of source (12 MB .tgz, 49 MB unpacked)
 *   date-fns@4.4.0                2,659   @fluentui/react@8.125.7  2,552   @mui/material@5.18.0 2,246
 *   antd@6.6.8                    1,990   monaco-editor@0.57.0     1,612   @mui/material@9.5.0  1,312
 *   three@0.187.0                 1,266   @chakra-ui/react@3.38.0  1,010   rxjs@7.8.2           1,005
 *   @tensorflow/tfjs-core@4.22.0    882   echarts@6.1.0              714   lodash-es@4.18.1       644
 *   @aws-sdk/client-s3@3.1175.0     147
 *
 * None of them reaches well into 3,000-10,000; PatternFly sits at the bottom of that range and is by
 * far the most representative of the code the scanner targets: it ships its original sources
 * (1,627 .tsx and 196 .ts files: React components with hooks and conditional JSX, 623 unit-test
 * files under __tests__, 1,004 example files) next to two compiled builds (586 ESM and 586 CommonJS
 * .js files) and one minified UMD bundle (577 kB). So one package exercises TSX parsing, plain modern
 * JS, test-file classification and a large minified file. The others are either a single compiled
 * flavour of the same code several times over (fluentui: lib, lib-commonjs, lib-amd), mostly locale
 * tables (date-fns) or too small.
 *
 * Fallback, when the first cannot be fetched: rxjs@7.8.2, 1,005 files (TypeScript sources plus
 * cjs/esm/esm5 builds), 0.75 MB .tgz.
 *
 * BENCH_REAL_PACKAGE=name@version overrides the choice (no fallback then).
 *
 * PatternFly has no flags: the prefilter rejects nearly every file and no rule has work, so it is
 * the flagless case. The main corpus uses flags (issue 19): unleash-server@8.2.0 (the newest
 * release when chosen), the Unleash server's published build, which gates its own features with
 * `flagResolver.isEnabled('…')` / `flagResolver.getVariant('…')` and wraps them in services and
 * middleware. Its compiled dist/ holds 1,766 .js files (404 of them tests); 42 non-test files (43
 * with tests) call `flagResolver.isEnabled` with a literal key, the rest are the server's routes,
 * services, stores and migrations. Its frontend/ is a minified Vite bundle, excluded by its config.
 * 14 MB .tgz, 60 MB unpacked. BENCH_FLAG_PACKAGE=name@version overrides it.
 */
export const PRIMARY_PACKAGE: RealPackage = { name: '@patternfly/react-core', version: '6.6.1' };
export const FALLBACK_PACKAGE: RealPackage = { name: 'rxjs', version: '7.8.2' };
export const FLAG_PACKAGE: RealPackage = { name: 'unleash-server', version: '8.2.0' };

const MARKER = '.corpus.json';

/** Parses `name@version`, including scoped names (`@scope/name@1.2.3`). */
export function parsePackageSpec(spec: string): RealPackage {
  const at = spec.lastIndexOf('@');
  if (at <= 0) throw new Error(`BENCH_REAL_PACKAGE must be name@version, got "${spec}"`);
  const name = spec.slice(0, at);
  const version = spec.slice(at + 1);
  if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name) || !/^\d+\.\d+\.\d+(?:[-+][\w.-]+)?$/.test(version)) {
    throw new Error(`BENCH_REAL_PACKAGE must be name@exact-version, got "${spec}"`);
  }
  return { name, version };
}

function cacheFolder(cacheDir: string, pkg: RealPackage): string {
  return join(resolve(cacheDir), 'real', `${pkg.name}@${pkg.version}`);
}

async function cached(folder: string, pkg: RealPackage): Promise<RealCorpus | undefined> {
  const marker = join(folder, MARKER);
  if (!existsSync(marker)) return undefined;
  try {
    const recorded = JSON.parse(await readFile(marker, 'utf8')) as Partial<RealCorpus>;
    const root = join(folder, 'package');
    if (recorded.name !== pkg.name || recorded.version !== pkg.version || !existsSync(root)) return undefined;
    const files = (await listSourceFiles(root)).length;
    return { root, files, name: pkg.name, version: pkg.version };
  } catch {
    return undefined;
  }
}

/**
 * `npm pack` of one exact version from the registry, extracted into `scratch` (as `package/`);
 * the package's install scripts never run, and the tarball is removed.
 */
export async function packInto(scratch: string, pkg: RealPackage): Promise<void> {
  const { stdout } = await run('npm', ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', scratch, '--ignore-scripts', '--json'], {
    cwd: scratch,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout) as Array<{ filename?: string }>;
  const tarball = packed[0]?.filename ?? (await readdir(scratch)).find((name) => name.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack ${pkg.name}@${pkg.version} produced no tarball`);
  // npm names scoped tarballs scope-name-version.tgz; the JSON has it, but be lenient about the path.
  const tarballPath = join(scratch, tarball.replace(/^.*[\\/]/, ''));
  await run('tar', ['-xzf', tarballPath, '-C', scratch], { maxBuffer: 16 * 1024 * 1024 });
  await rm(tarballPath, { force: true });
}

/** Packs one exact version from the registry into `folder` (via a scratch folder, so an interrupted run leaves no half corpus). */
async function download(folder: string, pkg: RealPackage, log: (message: string) => void): Promise<RealCorpus> {
  const scratch = `${folder}.partial-${process.pid}`;
  await rm(scratch, { recursive: true, force: true });
  await mkdir(scratch, { recursive: true });
  try {
    log(`real corpus: npm pack ${pkg.name}@${pkg.version}`);
    await packInto(scratch, pkg);
    const root = join(scratch, 'package');
    if (!existsSync(root)) throw new Error(`${pkg.name}@${pkg.version}: the tarball has no package/ folder`);
    const files = (await listSourceFiles(root)).length;
    if (files === 0) throw new Error(`${pkg.name}@${pkg.version} ships no source files`);
    await writeFile(join(scratch, MARKER), JSON.stringify({ name: pkg.name, version: pkg.version, files }, null, 2) + '\n');
    await rm(folder, { recursive: true, force: true });
    await mkdir(dirname(folder), { recursive: true });
    await rename(scratch, folder);
    return { root: join(folder, 'package'), files, name: pkg.name, version: pkg.version };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

/** One line about a failed step: npm's own error lines when it printed any, else the message. */
function describeFailure(error: unknown): string {
  const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String((error as { stderr: unknown }).stderr) : '';
  const npmLines = stderr
    .split('\n')
    .map((line) => line.replace(/^npm (?:error|ERR!)\s*/, '').trim())
    .filter((line, index, lines) => line !== '' && !/^(?:A complete log|code E|\/)/.test(line) && lines.indexOf(line) === index);
  if (npmLines.length > 0) return npmLines.slice(0, 2).join('; ');
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

export interface FetchRealCorpusOptions {
  /** The benchmarks' cache folder (bench/.cache); packages land in <cacheDir>/real/<name>@<version>/. */
  cacheDir: string;
  log?: (message: string) => void;
  /** The packages to try in order (default: the flagless corpus, then its fallback); an override in the environment wins. */
  packages?: readonly RealPackage[];
  /** The environment variable that overrides the choice (default BENCH_REAL_PACKAGE). */
  overrideVariable?: string;
}

/**
 * A real published package as a scanning corpus: downloaded once with `npm pack`, extracted with
 * `tar`, then reused from the cache. Tries the primary choice, then the smaller fallback, unless
 * BENCH_REAL_PACKAGE names one.
 */
export async function fetchRealCorpus({
  cacheDir,
  log = () => {},
  packages = [PRIMARY_PACKAGE, FALLBACK_PACKAGE],
  overrideVariable = 'BENCH_REAL_PACKAGE',
}: FetchRealCorpusOptions): Promise<RealCorpus> {
  const override = process.env[overrideVariable]?.trim();
  const candidates = override ? [parsePackageSpec(override)] : packages;
  const failures: string[] = [];
  for (const pkg of candidates) {
    const folder = cacheFolder(cacheDir, pkg);
    const hit = await cached(folder, pkg);
    if (hit !== undefined) return hit;
    try {
      return await download(folder, pkg, log);
    } catch (error) {
      const message = describeFailure(error);
      failures.push(`${pkg.name}@${pkg.version}: ${message}`);
      log(`real corpus: ${pkg.name}@${pkg.version} unavailable (${message})`);
    }
  }
  throw new Error(`no real corpus could be fetched:\n  ${failures.join('\n  ')}`);
}

if (isMain(import.meta.url)) {
  // dist/bench/real-corpus.js → <project>/bench/.cache
  const defaultCache = fileURLToPath(new URL('../../bench/.cache', import.meta.url));
  const started = performance.now();
  const flags = process.argv.includes('--flags');
  const choice = flags ? { packages: [FLAG_PACKAGE], overrideVariable: 'BENCH_FLAG_PACKAGE' } : {};
  fetchRealCorpus({
    cacheDir: process.env.BENCH_CACHE_DIR ?? defaultCache,
    log: (message) => process.stderr.write(`${message}\n`),
    ...choice,
  })
    .then((corpus) => {
      process.stdout.write(
        JSON.stringify({ ...corpus, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) }, null, 2) + '\n',
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
