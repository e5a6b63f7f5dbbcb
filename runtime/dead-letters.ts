/**
 * Reading and replaying the dead-letter stream that consumers fill when they give up on an
 * event (consumer.ts `giveUp`). A dead letter is the original bytes as received, with headers
 * naming the agent, the FailureEvent that reported it, and where it came from. Replaying
 * publishes those bytes again on their original subject with a new message id (the original
 * id is inside the broker's de-duplication window, and the consumer did not record a
 * dead-lettered event as handled), then deletes the dead letter.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';

import type { NatsTransport } from './nats-transport.ts';
import { DEAD_LETTER_HEADERS } from './subjects.ts';

export interface DeadLetter {
  seq: number;
  time: string;
  agent: string;
  subject: string;
  eventType: string;
  eventId: string;
  failureId: string;
  code: string;
  data: Uint8Array;
  msgId: string;
}

const decoder = new TextDecoder();

export function deadLetterStream(transport: NatsTransport): string {
  return `${transport.stream}_DLQ`;
}

/** Dead letters oldest first, optionally of one agent, at most `limit`. */
export async function listDeadLetters(transport: NatsTransport, options: { agent?: string; limit?: number } = {}): Promise<DeadLetter[]> {
  const jsm = await jetstreamManager(transport.connection);
  const stream = deadLetterStream(transport);
  const { state } = await jsm.streams.info(stream);
  const letters: DeadLetter[] = [];
  const limit = options.limit ?? 1000;
  for (let seq = state.first_seq; seq <= state.last_seq && letters.length < limit && state.messages > 0; seq++) {
    const letter = await read(jsm, stream, seq);
    if (letter && (options.agent === undefined || letter.agent === options.agent)) letters.push(letter);
  }
  return letters;
}

/** Republishes the chosen dead letters where they came from; resolves with those replayed. */
export async function replayDeadLetters(transport: NatsTransport, letters: readonly DeadLetter[]): Promise<DeadLetter[]> {
  const jsm = await jetstreamManager(transport.connection);
  const stream = deadLetterStream(transport);
  const replayed: DeadLetter[] = [];
  for (const letter of letters) {
    const key = letter.subject.slice(letter.subject.lastIndexOf('.') + 1);
    await transport.publish({
      subject: letter.subject,
      data: letter.data,
      msgId: `${letter.msgId || letter.eventId}:replay:${letter.seq}`,
      partitionKey: decodeURIComponent(key),
      headers: { 'Evc-Replay-Of': String(letter.seq) },
    });
    await jsm.streams.deleteMessage(stream, letter.seq, false);
    replayed.push(letter);
  }
  return replayed;
}

async function read(jsm: JetStreamManager, stream: string, seq: number): Promise<DeadLetter | undefined> {
  let message;
  try {
    message = await jsm.streams.getMessage(stream, { seq });
  } catch {
    return undefined; // deleted (replayed) sequence numbers leave gaps
  }
  if (!message) return undefined;
  const header = (name: string) => message.header?.get(name) ?? '';
  let eventType = '';
  let eventId = '';
  try {
    const event = JSON.parse(decoder.decode(message.data)) as { eventType?: unknown; eventId?: unknown };
    if (typeof event.eventType === 'string') eventType = event.eventType;
    if (typeof event.eventId === 'string') eventId = event.eventId;
  } catch {
    // not JSON: a poison message; listed by its headers only
  }
  return {
    seq: message.seq,
    time: message.time.toISOString(),
    agent: header(DEAD_LETTER_HEADERS.agent),
    subject: header(DEAD_LETTER_HEADERS.subject),
    eventType,
    eventId,
    failureId: header(DEAD_LETTER_HEADERS.failureId),
    code: header(DEAD_LETTER_HEADERS.code),
    data: message.data,
    msgId: header(DEAD_LETTER_HEADERS.msgId),
  };
}
