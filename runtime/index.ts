/**
 * The event-contracts runtime: what generated producers and consumers call. Self-contained
 * (only `@nats-io/*` and node built-ins) because it ships inside every client bundle.
 * The API is documented in runtime/README.md.
 */
export type { Cause, ContractData, EventEnvelope, EventMetadata, FailureError, RetryPolicy, SendOptions, ValidationErrorLike, Validator } from './types.ts';
export { ContractViolationError, HandlerError, toViolations } from './errors.ts';
export type { HandlerErrorOptions, Violation } from './errors.ts';
export { createEnvelopeBuilder, majorOf, utcNow, validateEvent } from './envelope.ts';
export type { EnvelopeBuilder, EnvelopeDefaults } from './envelope.ts';
export { compilePointer, readPointer } from './json-pointer.ts';
export { backoffDelay, classifyError, defaultRetryPolicy, isRetryable, normalizeErrorCode } from './retry.ts';
export { currentCause, runWithCause } from './flow-context.ts';
export type { ErrorClassification } from './retry.ts';
export { createMemoryIdempotencyStore } from './idempotency.ts';
export type { IdempotencyStore, MemoryIdempotencyOptions } from './idempotency.ts';
export { createProducerRuntime } from './producer.ts';
export type { ProducerRuntime, ProducerRuntimeOptions } from './producer.ts';
export { createConsumerRuntime, durableName } from './consumer.ts';
export type { ConsumerRuntime, ConsumerRuntimeOptions, ConsumerStats, Handler, HandlerContext, HandlerSet } from './consumer.ts';
export { createFailureBuilder } from './failure.ts';
export type { FailureContext, FailureEvent } from './failure.ts';
export { DEAD_LETTER_HEADERS, deadLetterRoot, deadLetterSubject, eventTypeTokens, keyToken, subjectFilter, subjectFor, subjectMatches } from './subjects.ts';
export { MSG_ID_HEADER, PARTITION_KEY_HEADER } from './transport.ts';
export type { IncomingMessage, OutgoingMessage, SubscribeOptions, Subscription, Transport } from './transport.ts';
export { createMemoryTransport } from './memory-transport.ts';
export type { MemoryTransport } from './memory-transport.ts';
export { connectNatsTransport } from './nats-transport.ts';
export type { NatsTransport, NatsTransportOptions } from './nats-transport.ts';
export { deadLetterStream, listDeadLetters, replayDeadLetters } from './dead-letters.ts';
export type { DeadLetter } from './dead-letters.ts';
