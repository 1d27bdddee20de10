import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledAccessor } from '../config/patterns.js';
import { AccessorIndex } from '../detect/match.js';
import { analyzeSource, type AnalysisResult } from './analyze-source.js';

/** A worker thread of the scanner: parses and analyses the files it is sent, nothing else. */
export interface WorkerTask {
  id: number;
  files: { file: string; text: string; test: boolean }[];
}

export interface WorkerReply {
  id: number;
  results: AnalysisResult[];
}

const index = new AccessorIndex((workerData as { accessors: CompiledAccessor[] }).accessors);

parentPort?.on('message', (task: WorkerTask) => {
  const results = task.files.map(({ file, text, test }) => analyzeSource(file, text, index, test));
  parentPort!.postMessage({ id: task.id, results } satisfies WorkerReply);
});
