import { workerData } from 'node:worker_threads';
import { pinTypeScript } from '../pinned-typescript.js';

// The first import of worker.ts: a scanner thread started by a process that pinned TypeScript pins
// it before anything loads it. Here, not in pinned-typescript.ts, so the CLI's main thread does not
// load worker_threads to start (issue 19).
if ((workerData as { pinnedTypeScript?: boolean } | null)?.pinnedTypeScript === true) pinTypeScript();
