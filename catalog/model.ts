/**
 * The catalog: the one plain-data model of an AsyncAPI document that the registry,
 * the compatibility engine, the generators and the CLI all consume. It is produced in
 * exactly one place (`catalog/load.ts`) and is JSON-serialisable: no parser objects,
 * no circular references (recursive schemas keep local `$ref`s into `$defs`).
 */

/** A JSON Schema (draft-07 or 2020-12). `x-parser-*` keys are always stripped. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** Where something is declared, for `file:line:col` messages and GitHub annotations. */
export interface SourceLocation {
  file: string;
  /** JSON pointer into the document, e.g. `/components/messages/PromptCreated`. */
  pointer: string;
  line: number;
  col: number;
}

/** The seed's RetryStrategy. Document-level `x-retry-policy`, overridable per message. */
export interface RetryPolicy {
  maxAttempts: number;
  backoff: 'exponential' | 'linear' | 'fixed';
  initialDelayMs: number;
  maxDelayMs: number;
  retryableErrors: string[];
}

/** The seed's SLA. Document-level `x-sla`, overridable per message. */
export interface Sla {
  latencyP95Ms: number;
  throughputPerSecond: number;
  delivery: 'at-least-once' | 'at-most-once' | 'exactly-once';
  ordering: 'partial-per-aggregate' | 'total' | 'none';
}

export interface Subscriber {
  /** Stable kebab-case agent id, e.g. `prompt-engineering-specialist`. */
  agent: string;
  /** The seed's role for this subscription: handler, context-analysis, ui-update, ... */
  role: string;
  /** The AsyncAPI operation id of the `receive` operation. */
  operationId: string;
  /**
   * JSON pointers into the event *payload* that this agent reads (`x-reads`).
   * Absent means "the payload's required fields". Envelope fields are always read.
   */
  reads?: string[];
}

export interface EventContract {
  /** `Domain.Entity.Action`; from the message's `x-event-type`, else its `name`, else its id. */
  eventType: string;
  /** The contract's own semver version (`x-version` on the message); `1.0.0` if absent. */
  version: string;
  /** The message id / component key, e.g. `PromptCreationRequested`. */
  name: string;
  title?: string;
  summary?: string;
  description?: string;
  /** Channel id and address the event travels on. */
  channel: { id: string; address: string | null };
  /** The whole event as sent on the wire (envelope + payload); self-contained. */
  schema: JsonSchema;
  /** The event-specific `payload` part (for documents without our envelope: the whole message payload). */
  payloadSchema: JsonSchema;
  /** True when the event is built on the BaseEvent envelope. */
  enveloped: boolean;
  /** Publishing agents (ids of `send` operations). Ours have exactly one. */
  publishers: string[];
  subscribers: Subscriber[];
  /** JSON pointer into the event that is the partition key, e.g. `/payload/promptId`. */
  partitionKey?: string;
  retryPolicy?: RetryPolicy;
  sla?: Sla;
  /**
   * The `payload` of each message example (`examples[].payload`, headers left out). For an
   * enveloped event that is the whole event as sent (envelope + `payload`).
   */
  examples: unknown[];
  /** Schema format of the payload (AsyncAPI `schemaFormat`), default JSON Schema. */
  schemaFormat: string;
  source: SourceLocation;
}

export interface Agent {
  id: string;
  description?: string;
  sends: string[];
  receives: string[];
}

export interface SagaStep {
  /** 1-based position in the seed's step order. */
  order: number;
  eventType: string;
}

export interface SagaCompensation {
  /** The failure event that triggers the compensation, e.g. `Prompt.Creation.Failed`. */
  onFailure: string;
  /** The compensating event emitted, e.g. `Prompt.Creation.RolledBack`. */
  compensation: string;
  /** The step (eventType) whose failure this covers. */
  step?: string;
}

export interface Saga {
  name: string;
  /** Agent id of the orchestrator (`x-saga.orchestrator`), when the document names one. */
  orchestrator?: string;
  description?: string;
  steps: SagaStep[];
  compensations: SagaCompensation[];
  /** Default per-step deadline. */
  stepTimeoutMs?: number;
  source: SourceLocation;
}

export interface Aggregate {
  name: string;
  description?: string;
  /** Payload field that carries the aggregate id (the partition key), e.g. `promptId`. */
  idField: string;
  /** Event types in the aggregate, in declaration order. */
  events: string[];
  source: SourceLocation;
}

export interface Catalog {
  asyncapi: string;
  title: string;
  /** `info.version`: the document version the registry stores documents by. */
  version: string;
  description?: string;
  events: EventContract[];
  agents: Agent[];
  sagas: Saga[];
  aggregates: Aggregate[];
  retryPolicy?: RetryPolicy;
  sla?: Sla;
  source: { file: string; sha256: string };
}
