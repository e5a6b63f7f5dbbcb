/**
 * Public types of the compatibility engine (pure: no IO). The engine computes typed
 * changes; verdicts, levels and semver bumps are derived from them through a table
 * (`rules.ts`).
 */
import type { JsonSchema } from '#catalog/model.ts';
import type { ChangeKind } from './rules.ts';

export type { JsonSchema } from '#catalog/model.ts';
export type { ChangeKind } from './rules.ts';

export type Level =
  | 'NONE'
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE';

/** STRICT = Confluent set semantics; LENIENT = producers emit only declared properties;
 *  CONSUMER_AWARE = LENIENT, plus breaking changes to fields no registered consumer reads are allowed. */
export type Policy = 'STRICT' | 'LENIENT' | 'CONSUMER_AWARE';

export type Bump = 'none' | 'patch' | 'minor' | 'major';

export type Direction = 'backward' | 'forward';

export interface SchemaVersion {
  version: string;
  schema: JsonSchema;
}

/**
 * One typed fact about how `after` differs from `before`, read as "a reader of `after`
 * receives data written with `before`" (Confluent's backward reading). `path` is a JSON
 * pointer into `after` (into `before` when the thing was removed).
 */
export interface Change {
  kind: ChangeKind;
  path: string;
  before: unknown;
  after: unknown;
  /** One line: what changed and where. */
  message: string;
  /** What to do about it when it breaks the level. */
  hint: string;
}

/** What a consumer agent reads from the payload (`x-reads` JSON pointers). Used by CONSUMER_AWARE. */
export interface ConsumerReads {
  agent: string;
  operationId?: string;
  reads: string[];
}

export interface Violation {
  /** The earlier version the candidate was checked against. */
  against: string;
  direction: Direction;
  /** The changes that break that direction under the policy. */
  changes: Change[];
}

export interface Proposal {
  version: string;
  acceptable: boolean;
  /** Informational, e.g. "higher than needed". */
  notes: string[];
  /** Why the proposal is rejected (empty when acceptable). */
  reasons: string[];
}

export interface CompatReport {
  compatible: boolean;
  level: Level;
  policy: Policy;
  /** The latest version of the major line the candidate was checked against. */
  latest?: string;
  /** Changes from `latest` to the candidate. */
  changes: Change[];
  violations: Violation[];
  requiredBump: Bump;
  suggestedVersion: string;
  proposal?: Proposal;
}

export interface CheckInput {
  /** Ascending by semver, all majors. */
  history: SchemaVersion[];
  candidate: { schema: JsonSchema; version?: string };
  level: Level;
  policy: Policy;
  consumers?: ConsumerReads[];
}

/** A document-level fact (events, publishers, subscribers, channels). */
export type DocumentChangeKind =
  | 'EVENT_ADDED'
  | 'EVENT_REMOVED'
  | 'EVENT_CHANNEL_CHANGED'
  | 'PUBLISHER_ADDED'
  | 'PUBLISHER_REMOVED'
  | 'EVENT_NO_LONGER_PUBLISHED'
  | 'SUBSCRIBER_ADDED'
  | 'SUBSCRIBER_REMOVED'
  | 'SUBSCRIBER_READS_CHANGED';

export interface DocumentChange {
  kind: DocumentChangeKind;
  eventType: string;
  message: string;
  compatible: boolean;
  bump: Bump;
}

export interface EventDiff {
  eventType: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  beforeVersion?: string;
  afterVersion?: string;
  /** Schema report (events present in both documents). */
  report?: CompatReport;
  documentChanges: DocumentChange[];
  compatible: boolean;
  requiredBump: Bump;
  /** Where the event is declared: in the new document, else in the old one. */
  source: { file: string; line: number; col: number; pointer: string };
}

export interface CatalogDiff {
  level: Level;
  policy: Policy;
  compatible: boolean;
  requiredBump: Bump;
  events: EventDiff[];
  before: { title: string; version: string; file: string };
  after: { title: string; version: string; file: string };
}
