// First: a thread of the CLI pins TypeScript before anything below can load it.
import './worker-pin.js';
import { parentPort, workerData } from 'node:worker_threads';
import { AccessorIndex, type CompiledAccessor } from '../patterns/index.js';
import { specifierTest, type SpecifierScope } from '../detect/project-specifiers.js';
import { processTask, type FileTask, type TaskOutcome } from './process-file.js';

/** A worker thread of the scanner: reads, prefilters, parses and analyses the files it is sent. */
export interface WorkerTask {
  id: number;
  tasks: FileTask[];
}

export interface WorkerReply {
  id: number;
  outcomes: TaskOutcome[];
}

// Compiled patterns are plain data (and regular expressions), so they cross to the thread as they are.
const data = workerData as { accessors: CompiledAccessor[]; root: string | undefined; specifiers: SpecifierScope; parseUpTo: number };
const options = { index: new AccessorIndex(data.accessors, data.root), inProject: specifierTest(data.specifiers) };

parentPort?.on('message', (message: WorkerTask) => {
  const outcomes = message.tasks.map((task) => processTask(task, options, data.parseUpTo, true));
  parentPort!.postMessage({ id: message.id, outcomes } satisfies WorkerReply);
});
