// Worker-thread entry (plain JavaScript: a worker does not inherit the parent's TypeScript
// loader, so it registers tsx itself, as bin/evc.js does). Runs one task at a time from the
// task table named in workerData; results and typed errors go back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { tasks, serializeError } = await import(workerData.tasks);

parentPort.on('message', async ({ id, task, input }) => {
  try {
    const run = tasks[task];
    if (!run) throw new Error(`unknown task ${task}`);
    const output = await run(input);
    parentPort.postMessage({ id, ok: true, output });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: serializeError(error) });
  }
});
parentPort.postMessage({ ready: true });
