/**
 * Document-level rules: what adding or removing events, publishers and subscribers
 * means for the agents on either side. One row per kind, like the schema rules table.
 */
import type { Bump, DocumentChangeKind } from './types.ts';

export const DOCUMENT_RULES: Record<DocumentChangeKind, { compatible: boolean; bump: Bump; why: string }> = {
  EVENT_ADDED: { compatible: true, bump: 'minor', why: 'a new contract; nobody depends on it yet' },
  EVENT_REMOVED: { compatible: false, bump: 'major', why: 'subscribers and stored events still use it: deprecate it first, remove it in a major release' },
  EVENT_CHANNEL_CHANGED: { compatible: false, bump: 'major', why: 'subscribers listening on the old address stop receiving it: publish on both addresses until they move' },
  PUBLISHER_ADDED: { compatible: true, bump: 'minor', why: 'one more producer of the same contract' },
  PUBLISHER_REMOVED: { compatible: true, bump: 'minor', why: 'another publisher still produces it' },
  EVENT_NO_LONGER_PUBLISHED: { compatible: false, bump: 'major', why: 'its subscribers will never receive it again: keep a publisher or remove the subscriptions first' },
  SUBSCRIBER_ADDED: { compatible: true, bump: 'minor', why: 'a new reader; the schema must now keep what it reads' },
  SUBSCRIBER_REMOVED: { compatible: true, bump: 'minor', why: 'a reader left' },
  SUBSCRIBER_READS_CHANGED: { compatible: true, bump: 'patch', why: 'the fields an agent reads (x-reads) changed' },
};
