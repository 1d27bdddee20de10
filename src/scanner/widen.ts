import { createHash } from 'node:crypto';
import type { ModuleSummary } from '../detect/facts.js';
import { ModuleGraph } from '../detect/module-graph.js';
import type { PrefilterVerdict } from '../detect/module-texts.js';
import { createModuleResolver } from '../detect/module-resolution.js';
import { importsAWrapper } from '../detect/needs-analysis.js';
import { fromPosixRelative } from '../posix-path.js';
import type { FileResults } from './file-results.js';
import type { ScanContext } from './scan-context.js';
import { stampOf } from './stamp.js';

/**
 * The module graph over what the first pass learnt: every file was read once, so the graph takes
 * the prefilter's verdicts and the modules' summaries from there, and reads only what lies outside
 * the scan (recorded in `results.reads`, for the cache's record of the widening pass).
 */
export function moduleGraphOf(context: ScanContext, results: FileResults): ModuleGraph {
  // The files that name an accessor are those the first pass analysed (widened ones never do).
  const namesAccessor = new Set(results.analysed);
  const knownPrefilter = (file: string): PrefilterVerdict | undefined => {
    if (namesAccessor.has(file)) return { namesAccessor: true, imports: [] };
    const imports = results.unmatched.get(file);
    return imports === undefined ? results.skippedPrefilter(file) : { namesAccessor: false, imports };
  };
  // All the graph reads of a module is its summary: kept parsed for every module asked about, while
  // the whole facts stay deflated.
  const summaries = new Map<string, ModuleSummary | undefined>();
  const knownModule = (file: string): ModuleSummary | undefined => {
    if (!summaries.has(file)) summaries.set(file, results.factsOf(file)?.module);
    return summaries.get(file);
  };
  return new ModuleGraph({
    get index() {
      return context.index();
    },
    resolveModule: createModuleResolver(context.root, (read) => results.reads.add(read.path)),
    isTestFile: context.isTestFile,
    knownModule,
    knownPrefilter,
    onRead: (file) => results.reads.add(file),
  });
}

/**
 * Files that name no accessor but import a wrapper (however many modules away): the same test
 * ESLint applies to each file, so both find the same references. Unless no scanned file changed
 * and nothing else the last widening read did: then it found what it found last time.
 */
export function widenedFiles(files: readonly string[], context: ScanContext, results: FileResults, graph: ModuleGraph): string[] {
  const { cache, root, relative } = context;
  const fileList = cache.enabled ? createHash('sha1').update(files.map(relative).join('\n')).digest('hex') : '';
  const absolute = (path: string) => fromPosixRelative(root, path);
  const before = results.vouched === files.length ? cache.widenedBefore(fileList, absolute) : undefined;
  if (before !== undefined) {
    graph.knowWrapperVerdicts({
      capable: before.wrapperVerdicts.capable.map(absolute),
      incapable: before.wrapperVerdicts.incapable.map(absolute),
    });
    results.decisionReach = { yes: (before.decisionReach?.yes ?? []).map(absolute), no: (before.decisionReach?.no ?? []).map(absolute) };
    // Only files that name no accessor can have been widened (whatever the cache file says).
    return before.widened.map(absolute).filter((file) => results.unmatched.has(file));
  }
  const total = results.unmatched.size;
  let done = 0;
  const widened = [...results.unmatched]
    .filter(([file, imports]) => {
      context.onProgress?.({ phase: 'widening', done: ++done, total });
      return importsAWrapper(file, imports, graph);
    })
    .map(([file]) => file);
  if (cache.enabled) {
    const reads = [...results.reads].sort().map((path): [string, ReturnType<typeof stampOf>] => [relative(path), stampOf(path)]);
    const { capable, incapable } = graph.wrapperVerdicts();
    cache.keepWidening({
      files: fileList,
      reads,
      widened: widened.map(relative),
      wrapperVerdicts: { capable: capable.map(relative).sort(), incapable: incapable.map(relative).sort() },
    });
  }
  return widened;
}
