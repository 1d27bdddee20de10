import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledAccessor } from '../config/patterns.js';
import { AccessorIndex } from '../detect/match.js';
import { processFile, type FileOutcome, type FileTask } from './process-file.js';

/** A worker thread of the scanner: reads, prefilters, parses and analyses the files it is sent. */
export interface WorkerTask {
  id: number;
  tasks: FileTask[];
}

export interface WorkerReply {
  id: number;
  outcomes: FileOutcome[];
}

// Compiled patterns are plain data (and regular expressions), so they cross to the thread as they are.
const index = new AccessorIndex((workerData as { accessors: CompiledAccessor[] }).accessors);

parentPort?.on('message', (message: WorkerTask) => {
  const outcomes = message.tasks.map((task) => processFile(task, index));
  parentPort!.postMessage({ id: message.id, outcomes } satisfies WorkerReply);
});
