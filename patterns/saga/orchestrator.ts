/**
 * The saga orchestrator: the IO around the pure decider. It consumes the saga's events with
 * the runtime's consumer (validated, at-least-once, ack after the handler), runs each through
 * `SagaStore.transition` (lock, dedupe by eventId, decide, persist state + processed id +
 * outbox in one transaction), then publishes the outbox with the runtime's producer. A timer
 * feeds `timeout` inputs for sagas past their step deadline (deadlines live in the database,
 * so they survive restarts). On start it first publishes whatever a crash left in the outbox.
 */
import {
  createConsumerRuntime,
  createFailureBuilder,
  createProducerRuntime,
  HandlerError,
  type ConsumerRuntime,
  type ContractData,
  type EventEnvelope,
  type IdempotencyStore,
  type RetryPolicy,
  type Transport,
} from '#runtime/index.ts';
import type { SagaStore } from '../store/saga-store.ts';
import type { SagaDecider } from './decide.ts';
import type { SagaCommand, SagaDecision, SagaDefinition, SagaInput, SagaInputEvent, SagaState } from './types.ts';

export interface SagaOrchestratorOptions {
  definition: SagaDefinition;
  decide: SagaDecider;
  store: SagaStore;
  transport: Transport;
  /** Contracts of the events the orchestrator sends (definition.emits) and receives (definition.consumes). */
  contracts: { sends: readonly ContractData[]; receives: readonly ContractData[]; failure: ContractData };
  retryPolicy: RetryPolicy;
  /** Tenant for commands when the trigger carried none. */
  tenantId: string;
  /** Agent id (durable consumer name, metadata.source). Default: definition.orchestrator. */
  agent?: string;
  clock?: () => Date;
  /** How often to look for sagas past their deadline and for unpublished commands. Default 1000 ms. */
  timeoutCheckMs?: number;
  idempotencyStore?: IdempotencyStore;
  /** Observation points, e.g. for logs, metrics and fault-injection tests. */
  hooks?: {
    afterCommit?(info: { sagaId: string; transition: string; input: string; commands: number }): void | Promise<void>;
    afterPublish?(info: { sagaId: string; eventIds: string[] }): void | Promise<void>;
  };
  onError?: (error: unknown) => void;
}

export interface SagaOrchestrator {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Applies one event (what the consumer calls); exposed for tests and custom transports. */
  handle(event: EventEnvelope): Promise<SagaDecision | 'duplicate'>;
  /** Runs due deadlines now (the timer calls this). */
  checkTimeouts(): Promise<number>;
  /** Publishes every stored but unpublished command (the start-up recovery). */
  flushOutbox(sagaId?: string): Promise<number>;
  state(sagaId: string): Promise<SagaState | undefined>;
}

export function createSagaOrchestrator(options: SagaOrchestratorOptions): SagaOrchestrator {
  const { definition, decide, store, transport } = options;
  const agent = options.agent ?? definition.orchestrator;
  const clock = options.clock ?? (() => new Date());
  const onError = options.onError ?? ((e: unknown) => console.error(`[evc saga] ${definition.name}:`, e));
  const { failure } = options.contracts;
  const sends = options.contracts.sends.some((c) => c.eventType === failure.eventType) ? options.contracts.sends : [...options.contracts.sends, failure];
  const producer = createProducerRuntime({ transport, agent, tenantId: options.tenantId, contracts: sends });
  const buildFailure = createFailureBuilder(failure, agent);
  let consumer: ConsumerRuntime | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let checking: Promise<number> | undefined;

  /** Validated envelopes for the decided commands, with the decider's deterministic eventIds. */
  const toEnvelopes = (state: SagaState | undefined, commands: SagaCommand[]): EventEnvelope[] =>
    commands.map((c) => {
      const ctx = state?.context ?? {};
      if (c.failure) {
        const { code, message, original } = c.failure;
        const tenant = original.metadata?.tenantId ?? ctx.tenantId ?? options.tenantId;
        const error = { code, message, details: { saga: definition.name, sagaId: state?.sagaId ?? null }, retryable: false };
        const built = buildFailure({ agent, original, raw: new Uint8Array(), error, attempts: 1, tenantId: tenant, defaultTenantId: options.tenantId });
        return { ...built, eventId: c.eventId };
      }
      const built = producer.build(c.eventType, c.payload, {
        causedBy: c.causedBy,
        tenantId: ctx.tenantId ?? options.tenantId,
        ...(ctx.userId ? { userId: ctx.userId } : {}),
        ...(ctx.sessionId ? { sessionId: ctx.sessionId } : {}),
      });
      return { ...built, eventId: c.eventId };
    });

  const flushOutbox = async (sagaId?: string): Promise<number> => {
    const pending = await store.pending<EventEnvelope>(sagaId);
    const published: string[] = [];
    try {
      for (const event of pending) {
        await producer.publish(event); // same eventId as any earlier attempt: the broker drops a repeat
        published.push(event.eventId);
      }
    } finally {
      await store.markPublished(published);
    }
    if (published.length && options.hooks?.afterPublish) await options.hooks.afterPublish({ sagaId: sagaId ?? '*', eventIds: published });
    return published.length;
  };

  /** Publishes the commands a transition just committed, in order, then marks them published. */
  const publishCommitted = async (sagaId: string, events: readonly EventEnvelope[]) => {
    const published: string[] = [];
    try {
      for (const event of events) {
        await producer.publish(event);
        published.push(event.eventId);
      }
    } finally {
      await store.markPublished(published);
    }
    if (options.hooks?.afterPublish) await options.hooks.afterPublish({ sagaId, eventIds: published });
  };

  const apply = async (sagaId: string, input: SagaInput, eventId: string | null, eventType: string) => {
    const outcome = await store.transition(sagaId, { eventId, eventType }, (state) => {
      const decision = decide(state, input, clock());
      return { decision, outbox: toEnvelopes(decision.state ?? state, decision.commands) };
    });
    if (outcome.duplicate || !outcome.decision) return 'duplicate' as const;
    if (options.hooks?.afterCommit) {
      await options.hooks.afterCommit({ sagaId, transition: outcome.decision.transition, input: eventType, commands: outcome.outbox.length });
    }
    if (outcome.outbox.length) await publishCommitted(sagaId, outcome.outbox);
    return outcome.decision;
  };

  const handle = (event: EventEnvelope) =>
    apply(event.correlationId, { kind: 'event', event: event as unknown as SagaInputEvent }, event.eventId, event.eventType);

  const checkTimeouts = async (): Promise<number> => {
    const due = await store.due(clock());
    for (const sagaId of due) await apply(sagaId, { kind: 'timeout' }, null, 'timeout');
    return due.length;
  };

  return {
    handle,
    checkTimeouts,
    flushOutbox,
    state: (sagaId) => store.get(sagaId),

    async start() {
      await flushOutbox();
      consumer = createConsumerRuntime({
        transport,
        agent,
        contracts: options.contracts.receives,
        handlers: Object.fromEntries(
          definition.consumes.map((t) => [
            t,
            async (event: EventEnvelope) => {
              try {
                await handle(event);
              } catch (error) {
                if (error instanceof HandlerError) throw error;
                // Database or broker trouble: let the broker redeliver rather than give up on a saga event.
                throw new HandlerError('TEMPORARY_FAILURE', `${definition.name}: ${(error as Error).message}`, { retryable: true, cause: error });
              }
            },
          ]),
        ),
        retryPolicy: options.retryPolicy,
        failureEvent: { contract: options.contracts.failure, tenantId: options.tenantId },
        ...(options.idempotencyStore ? { idempotencyStore: options.idempotencyStore } : {}),
        onError,
      });
      await consumer.start();
      timer = setInterval(() => {
        if (checking) return;
        // Deadlines, then any command a failed publish left in the outbox (a redelivery of its
        // event is a duplicate and would not publish it again).
        checking = checkTimeouts()
          .then(async (n) => (await flushOutbox(), n))
          .catch((e: unknown) => (onError(e), 0))
          .finally(() => (checking = undefined));
      }, options.timeoutCheckMs ?? 1000);
      timer.unref?.();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await consumer?.stop();
      consumer = undefined;
      await checking;
    },
  };
}
