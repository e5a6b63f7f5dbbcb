/**
 * A consumer *process* for the SIGKILL fault test. It handles Prompt.Lifecycle.Created over
 * NATS and appends `eventId promptId seq` to HANDLED_FILE from the handler (the side effect).
 * Its idempotency store is that same file, read at start: the dedup record and the side
 * effect are one write, as a real handler would do with one database transaction. Every
 * absorbed duplicate is appended to DUPS_FILE.
 *
 * env: NATS_URL, PREFIX, HANDLED_FILE, DUPS_FILE, ACK_WAIT_MS, HOLD_MS
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { connectNatsTransport, createConsumerRuntime } from '#runtime/index.ts';
import type { IdempotencyStore } from '#runtime/index.ts';
import { fastRetryPolicy, sleep, testContracts } from './contracts.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`consumer-process: ${name} is not set`);
  return value;
};
const handledFile = env('HANDLED_FILE');
const dupsFile = env('DUPS_FILE');
const holdMs = Number(process.env.HOLD_MS ?? '5');

const seen = new Set<string>();
if (existsSync(handledFile)) {
  for (const line of readFileSync(handledFile, 'utf8').split('\n')) if (line) seen.add(line.split(' ')[0]!);
}
const store: IdempotencyStore = {
  has(eventId) {
    if (!seen.has(eventId)) return false;
    appendFileSync(dupsFile, `${eventId}\n`);
    return true;
  },
  add(eventId) {
    seen.add(eventId);
  },
};

const c = testContracts();
const transport = await connectNatsTransport({ servers: env('NATS_URL'), prefix: env('PREFIX'), ackWaitMs: Number(env('ACK_WAIT_MS')) });
const consumer = createConsumerRuntime({
  transport,
  agent: 'fault-consumer',
  contracts: [c.created],
  handlers: {
    'Prompt.Lifecycle.Created': async (event) => {
      seen.add(event.eventId);
      appendFileSync(handledFile, `${event.eventId} ${event.payload.promptId} ${event.payload.seq}\n`);
      // Work after the side effect and before the ack: a SIGKILL here leaves a handled but
      // unacked event, which JetStream redelivers and the store must absorb.
      await sleep(holdMs);
    },
  },
  retryPolicy: fastRetryPolicy,
  failureEvent: { contract: c.failed },
  idempotencyStore: store,
  concurrency: 16,
  maxInFlight: 256,
});
await consumer.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void consumer.stop().then(() => transport.close()).then(() => process.exit(0));
});
