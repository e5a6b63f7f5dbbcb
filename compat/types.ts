/**
 * Public types of the compatibility engine (pure: no IO). The engine computes typed
 * changes; verdicts, levels and semver bumps are derived from them through a table.
 */
import type { JsonSchema } from '#catalog/model.ts';

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

export interface SchemaVersion {
  version: string;
  schema: JsonSchema;
}
