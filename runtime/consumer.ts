import { majorOf, versionProblem } from '../shared/version.ts';
import { toViolations } from './errors.ts';
import type { Violation } from './errors.ts';
import { createFailureBuilder, UNKNOWN_TENANT } from './failure.ts';
import { runWithCause } from './flow-context.ts';
import type { FailureEvent } from './failure.ts';
import { createMemoryIdempotencyStore } from './idempotency.ts';
import type { IdempotencyStore } from './idempotency.ts';
import { PartitionScheduler } from './partition-scheduler.ts';
import type { BlockRequest } from './partition-scheduler.ts';
import { createProducerRuntime } from './producer.ts';
import { backoffDelay, classifyError, isRetryable } from './retry.ts';
import type { ErrorClassification } from './retry.ts';
import { DEAD_LETTER_HEADERS, deadLetterSubject, subjectFilter } from './subjects.ts';
import type { IncomingMessage, Subscription, Transport } from './transport.ts';
import type { ContractData, EventEnvelope, FailureError, RetryPolicy } from './types.ts';

export interface HandlerContext {
  /** 1 on the first attempt; the broker's delivery count. */
  attempt: number;
  contract: ContractData;
  /** The handled event: the default cause of every event produced while the handler runs. */
  causedBy: EventEnvelope;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (event: EventEnvelope<any>, context: HandlerContext) => void | Promise<void>;
export type HandlerSet = Handler | Readonly<Record<number, Handler>>;

export interface ConsumerRuntimeOptions {
  transport: Transport;
  /** The agent id; also the durable consumer name. */
  agent: string;
  /** The events this agent receives, every live major version. */
  contracts: readonly ContractData[];
  /** Keyed by event type; a function handles every major, a record dispatches by major. */
  handlers: Readonly<Record<string, HandlerSet>>;
  retryPolicy: RetryPolicy;
  /** The FailureEvent contract (`Platform.Event.Failed` in the seed). */
  failureEvent: { contract: ContractData; tenantId?: string };
  idempotencyStore?: IdempotencyStore;
  /** Partition keys handled at the same time. Default 64. */
  concurrency?: number;
  /** Delivered-but-unacked messages held at once (JetStream max_ack_pending). Default 4096. */
  maxInFlight?: number;
  /**
   * Copy every event the consumer gives up on (exhausted retries, non-retryable errors,
   * contract violations) to the namespace's dead-letter stream, and mark the FailureEvent
   * `deadLettered: true`. Default true.
   */
  deadLetters?: boolean;
  /** Errors that have no event to report them on (transport, failure publishing). */
  onError?: (error: unknown) => void;
}

export interface ConsumerStats {
  received: number;
  handled: number;
  duplicates: number;
  retried: number;
  failed: number;
  invalid: number;
}

export interface ConsumerRuntime {
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly stats: Readonly<ConsumerStats>;
}

interface Route {
  contract: ContractData;
  handler: Handler;
}

interface Entry {
  /** Latest delivery of this message (a redelivery while queued replaces it). */
  message: IncomingMessage;
}

const decoder = new TextDecoder();

export function createConsumerRuntime(options: ConsumerRuntimeOptions): ConsumerRuntime {
  const { transport, agent } = options;
  const routes = buildRoutes(options);
  const store = options.idempotencyStore ?? createMemoryIdempotencyStore();
  const onError = options.onError ?? ((error: unknown) => console.error(`[evc runtime] ${agent}:`, error));
  const failureContract = options.failureEvent.contract;
  const buildFailure = createFailureBuilder(failureContract, agent);
  const deadLetters = options.deadLetters ?? true;
  const failureProducer = createProducerRuntime({ transport, agent, tenantId: options.failureEvent.tenantId ?? UNKNOWN_TENANT, contracts: [failureContract] });
  const stats: ConsumerStats = { received: 0, handled: 0, duplicates: 0, retried: 0, failed: 0, invalid: 0 };
  const inFlight = new Map<string, Entry>();
  let scheduler: PartitionScheduler<Entry> | undefined;
  // Stores may be synchronous (the default) or async; only await a returned promise, so the
  // common path costs no extra microtask per event.
  const remember = (eventId: string): void | Promise<void> => store.add(eventId);
  let subscription: Subscription | undefined;

  /**
   * Gives up on a message without dropping it: builds the FailureEvent, copies the original to
   * the dead-letter stream (with the failure's id), publishes the FailureEvent, and only then
   * acks. If any step fails the message stays unacked and is redelivered.
   */
  const giveUp = async (entry: Entry, id: string, original: unknown, error: FailureError, attempts: number): Promise<BlockRequest | void> => {
    const originalType = (original as { eventType?: unknown } | undefined)?.eventType;
    let failure: FailureEvent | undefined;
    if (originalType === failureContract.eventType) {
      // A consumer of failure events must not answer a failure with a failure: no loop. The
      // failed failure still goes to the dead-letter stream.
      onError(new Error(`${agent} gave up on ${failureContract.eventType} ${id}: ${error.code} ${error.message}`));
    } else {
      const tenant = (original as { metadata?: { tenantId?: unknown } } | undefined)?.metadata?.tenantId;
      const tenantId = typeof tenant === 'string' && tenant !== '' ? tenant : (options.failureEvent.tenantId ?? UNKNOWN_TENANT);
      try {
        failure = buildFailure({ agent, original, raw: entry.message.data, error, attempts, tenantId, defaultTenantId: options.failureEvent.tenantId, deadLettered: deadLetters });
      } catch (buildError) {
        // The builder is valid by construction; if it still fails the failure contract itself
        // is unusable. Never drop the original: leave it unacked (redelivered) and say so.
        onError(new Error(`${agent} could not build a ${failureContract.eventType} for ${id} (${error.code}: ${error.message}); the event stays unacknowledged: ${(buildError as Error).message}`));
        return retryLater(entry);
      }
    }
    try {
      if (deadLetters) await deadLetter(entry.message, typeof originalType === 'string' ? originalType : '', failure?.eventId ?? '', error.code);
      if (failure !== undefined) await failureProducer.publish(failure);
    } catch (publishError) {
      onError(new Error(`${agent} could not ${deadLetters ? 'dead-letter and report' : 'report'} ${id}; the event stays unacknowledged and is redelivered: ${(publishError as Error)?.message ?? String(publishError)}`));
      return retryLater(entry);
    }
    // A dead-lettered event is not remembered as handled, so `evc dead-letters replay` can
    // bring it back (with a new message id) once its handler is fixed.
    if (id !== '' && !deadLetters) await remember(id);
    entry.message.ack();
  };

  const deadLetter = (message: IncomingMessage, eventType: string, failureId: string, code: string): Promise<void> =>
    transport.publish({
      subject: deadLetterSubject(transport.prefix, agent, eventType),
      data: message.data,
      // One dead letter per agent and delivery: a redelivered give-up is de-duplicated.
      msgId: `dlq:${agent}:${message.msgId || failureId}`,
      partitionKey: message.partitionKey,
      headers: {
        [DEAD_LETTER_HEADERS.failureId]: failureId,
        [DEAD_LETTER_HEADERS.agent]: agent,
        [DEAD_LETTER_HEADERS.subject]: message.subject,
        [DEAD_LETTER_HEADERS.msgId]: message.msgId,
        [DEAD_LETTER_HEADERS.code]: code,
      },
    });

  /** Nak with the policy's first backoff and hold the key until the redelivery comes back. */
  const retryLater = (entry: Entry): BlockRequest => {
    const delay = backoffDelay(options.retryPolicy, 1);
    entry.message.nak(delay);
    return { untilId: entry.message.msgId, timeoutMs: delay + 30_000 };
  };

  const violation = (entry: Entry, id: string, original: unknown, message: string, violations: Violation[]) => {
    stats.invalid++;
    return giveUp(entry, id, original, { code: 'CONTRACT_VIOLATION', message, details: { violations, consumer: agent }, retryable: false }, entry.message.deliveryCount);
  };

  const work = async (entry: Entry): Promise<BlockRequest | void> => {
    const first = entry.message;
    let id = first.msgId;
    const knownId = id === '' ? false : store.has(id);
    if (knownId === true || (knownId !== false && (await knownId))) {
      stats.duplicates++;
      inFlight.delete(id);
      entry.message.ack();
      return;
    }
    try {
      let event: EventEnvelope;
      try {
        event = JSON.parse(decoder.decode(first.data)) as EventEnvelope;
      } catch (e) {
        return await violation(entry, id, undefined, `not JSON: ${(e as Error).message}`, [{ pointer: '', message: 'is not valid JSON' }]);
      }
      if (event === null || typeof event !== 'object' || typeof event.eventType !== 'string' || typeof event.version !== 'string') {
        return await violation(entry, id, event, 'not an event: eventType and version must be strings', [{ pointer: '', message: 'is not an event envelope' }]);
      }
      const major = majorOf(event.version);
      if (Number.isNaN(major)) {
        return await violation(entry, id, event, `${event.eventType}: version ${versionProblem(event.version)}`, [{ pointer: '/version', message: 'is not a release version (MAJOR.MINOR.PATCH)' }]);
      }
      const route = routes.get(`${event.eventType}@${major}`);
      if (route === undefined) {
        const known = [...routes.values()].map((r) => `${r.contract.eventType} ${r.contract.version}`).join(', ');
        return await violation(entry, id, event, `${agent} has no contract for ${event.eventType} ${event.version} (it receives: ${known})`, [{ pointer: '/version', message: 'has no matching contract major' }]);
      }
      if (!route.contract.validate(event)) {
        const violations = toViolations(route.contract.validate.errors);
        return await violation(entry, id, event, `${event.eventType} ${event.version} breaks its contract: ${violations.map((v) => `${v.pointer || '/'} ${v.message}`).join('; ')}`, violations);
      }
      if (event.eventId !== id) {
        // Same event under another message id (e.g. re-published by hand): still a duplicate.
        const known = store.has(event.eventId);
        if (known === true || (known !== false && (await known))) {
          stats.duplicates++;
          entry.message.ack();
          return;
        }
        id = event.eventId;
      }
      const attempt = entry.message.deliveryCount;
      try {
        // A handler that returns nothing (synchronous) is done already: awaiting it would only
        // cost a promise and a microtask per event before the ack.
        // Run inside the event's flow context: events the handler produces inherit it.
        const handled = runWithCause(event, () => route.handler(event, { attempt, contract: route.contract, causedBy: event }));
        if (handled !== undefined) await handled;
      } catch (thrown) {
        return await handlerFailed(entry, id, event, route, classifyError(thrown), attempt);
      }
      const added = store.add(id);
      if (added !== undefined) await added;
      stats.handled++;
      entry.message.ack();
    } finally {
      inFlight.delete(first.msgId);
    }
  };

  const handlerFailed = async (entry: Entry, id: string, event: EventEnvelope, route: Route, error: ErrorClassification, attempt: number) => {
    const policy = route.contract.retryPolicy ?? options.retryPolicy;
    if (isRetryable(policy, error) && attempt < policy.maxAttempts) {
      const delay = backoffDelay(policy, attempt, error.retryAfterMs);
      stats.retried++;
      entry.message.nak(delay);
      // Hold the key until the retry comes back, so no later event of it overtakes this one.
      return { untilId: entry.message.msgId, timeoutMs: delay + 30_000 };
    }
    stats.failed++;
    const failure: FailureError = {
      code: error.code,
      message: error.message || `${agent} failed to handle ${event.eventType}`,
      details: { ...error.details, attempts: attempt, exhausted: error.retryable && attempt >= policy.maxAttempts },
      retryable: error.retryable,
    };
    if (error.retryAfterMs !== undefined) failure.retryAfter = Math.max(0, Math.round(error.retryAfterMs));
    return giveUp(entry, id, event, failure, attempt);
  };

  let stopping = false;
  const onMessage = (message: IncomingMessage): void => {
    if (stopping) {
      // Arrived while stopping: not ours to start any more; the next subscriber gets it.
      message.nak();
      return;
    }
    stats.received++;
    const id = message.msgId;
    if (id !== '') {
      const queued = inFlight.get(id);
      if (queued !== undefined) {
        // Redelivered while still queued here (ack wait expired): keep the newest handle.
        queued.message = message;
        return;
      }
    }
    const entry: Entry = { message };
    if (id !== '') inFlight.set(id, entry);
    scheduler!.enqueue(message.partitionKey, entry, id);
  };

  return {
    stats,
    async start() {
      if (subscription) throw new Error(`consumer ${agent} is already started`);
      stopping = false;
      scheduler = new PartitionScheduler<Entry>(options.concurrency ?? 64, work, onError);
      const subjects = [...new Set([...routes.values()].map((r) => subjectFilter(transport.prefix, r.contract.eventType)))].sort();
      subscription = await transport.subscribe({ durable: durableName(agent), subjects, maxInFlight: options.maxInFlight ?? 4096, onMessage });
    },
    async stop() {
      const s = subscription;
      subscription = undefined;
      // Graceful stop: every message this consumer holds is either finished or nak'd.
      // Messages arriving from now on are nak'd at once (onMessage); running handlers
      // finish (they ack, or nak for a retry); queued, never-started ones are nak'd in
      // their per-key order, so the next subscriber gets them without an ack wait.
      stopping = true;
      await scheduler?.close();
      for (const entry of scheduler?.takeQueued() ?? []) entry.message.nak();
      await s?.stop();
      inFlight.clear();
    },
  };
}

function buildRoutes(options: ConsumerRuntimeOptions): Map<string, Route> {
  const routes = new Map<string, Route>();
  const types = new Set(options.contracts.map((c) => c.eventType));
  for (const eventType of Object.keys(options.handlers)) {
    if (!types.has(eventType)) {
      throw new Error(`handler for ${JSON.stringify(eventType)} but ${options.agent} does not receive it; it receives: ${[...types].sort().join(', ')}`);
    }
  }
  for (const contract of options.contracts) {
    const major = majorOf(contract.version);
    const set = options.handlers[contract.eventType];
    const handler = typeof set === 'function' ? set : set?.[major];
    if (handler === undefined) {
      throw new Error(`${options.agent} receives ${contract.eventType} ${contract.version} but has no handler for it: add handlers[${JSON.stringify(contract.eventType)}]${typeof set === 'object' ? `[${major}]` : ''}`);
    }
    routes.set(`${contract.eventType}@${major}`, { contract, handler });
  }
  return routes;
}

/** JetStream durable names may not contain `.`, `*`, `>`, whitespace or path separators. */
export function durableName(agent: string): string {
  return agent.replace(/[^A-Za-z0-9_-]/g, '_');
}
