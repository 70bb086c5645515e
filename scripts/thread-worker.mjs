// Starts a worker thread of the `phusong` CLI (src/cli/run-in-thread.ts): the compiled dist-cli/thread-worker.mjs,
// or, when the CLI runs from its TypeScript sources (tsx fallback, tests), src/cli/thread-worker.ts after
// registering tsx in this thread, as scripts/phusong.mjs does in the main one.
import { workerData } from 'node:worker_threads';

if (workerData.tsx) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
