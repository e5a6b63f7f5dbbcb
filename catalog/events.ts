/**
 * Events, publishers and subscribers, read from the raw document. Navigation starts at the
 * operations (AsyncAPI 3: an operation names its channel and the channel's messages it uses),
 * because a message object does not know which operations use it.
 */
import type { EventContract, RetryPolicy, Sla, Subscriber } from './model.ts';
import { bundleSchema, stripAnnotations } from './bundle.ts';
import { composeEventSchema } from './envelope.ts';
import { decodePointer, encodePointer, escapeToken as escape } from '#shared/json-pointer.ts';
import { hasOwn, isObject as isObj } from '#shared/json.ts';
import type { DocumentSet, RefTarget } from './refs.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The AsyncAPI 3.0 default schema format (spec section "Multi Format Schema Object"). */
export const DEFAULT_SCHEMA_FORMAT = 'application/vnd.aai.asyncapi+json;version=3.0.0';
const JSON_SCHEMA_FORMAT = /^application\/(vnd\.aai\.asyncapi|schema)(\+json|\+yaml)?(;|$)/;

interface OperationRef {
  id: string;
  action: 'send' | 'receive';
  agent: string;
  channelId: string;
  /** Channel message keys; empty means "all messages of the channel". */
  messageKeys: string[];
  op: Obj;
}

/** When an operation names no `x-agent`, it belongs to the application the document describes. */
export const applicationAgent = (doc: Obj): string => {
  const title = isObj(doc.info) ? str(doc.info.title) : undefined;
  return (title ?? 'application').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'application';
};

export function readOperations(set: DocumentSet): OperationRef[] {
  const doc = set.root.data as Obj;
  const fallback = applicationAgent(doc);
  const out: OperationRef[] = [];
  for (const [id, raw] of Object.entries(isObj(doc.operations) ? doc.operations : {})) {
    const { value: op } = set.follow(raw, set.rootKey, encodePointer(['operations', id]));
    if (!isObj(op) || (op.action !== 'send' && op.action !== 'receive')) continue;
    const channelId = refTail(op.channel, 'channels');
    if (!channelId) continue;
    const messageKeys = (Array.isArray(op.messages) ? op.messages : [])
      .map((m) => refTail(m, 'channels', channelId, 'messages'))
      .filter((k): k is string => k !== undefined);
    out.push({ id, action: op.action, agent: str(op['x-agent']) ?? fallback, channelId, messageKeys, op });
  }
  return out;
}

/** `#/channels/a/messages/b` → `b` for the prefix [channels, a, messages]. */
function refTail(value: unknown, ...prefix: string[]): string | undefined {
  if (!isObj(value) || typeof value.$ref !== 'string' || !value.$ref.startsWith('#')) return undefined;
  const segments = decodePointer(value.$ref);
  if (segments.length !== prefix.length + 1 || prefix.some((p, i) => segments[i] !== p)) return undefined;
  return segments[prefix.length];
}

export function readEvents(set: DocumentSet, aggregateKey: (eventType: string) => string | undefined): EventContract[] {
  const doc = set.root.data as Obj;
  const operations = readOperations(set);
  const events: EventContract[] = [];
  for (const [channelId, rawChannel] of Object.entries(isObj(doc.channels) ? doc.channels : {})) {
    const channel = set.follow(rawChannel, set.rootKey, encodePointer(['channels', channelId]));
    if (!isObj(channel.value)) continue;
    const address = str(channel.value.address) ?? null;
    const messages = isObj(channel.value.messages) ? channel.value.messages : {};
    for (const [key, rawMessage] of Object.entries(messages)) {
      const message = set.follow(rawMessage, channel.file, `${channel.pointer}/messages/${escape(key)}`);
      if (!isObj(message.value)) continue;
      const uses = operations.filter((o) => o.channelId === channelId && (o.messageKeys.length === 0 || o.messageKeys.includes(key)));
      events.push(readEvent(set, doc, { channelId, address, key, message, uses, aggregateKey }));
    }
  }
  return events;
}

function readEvent(
  set: DocumentSet,
  doc: Obj,
  e: { channelId: string; address: string | null; key: string; message: RefTarget; uses: OperationRef[]; aggregateKey: (t: string) => string | undefined },
): EventContract {
  const msg = e.message.value as Obj;
  const eventType = str(msg['x-event-type']) ?? str(msg.name) ?? e.key;
  const payloadAt = `${e.message.pointer}/payload`;
  const multiFormat = isObj(msg.payload) && 'schema' in msg.payload && 'schemaFormat' in msg.payload;
  const schemaFormat = multiFormat ? String((msg.payload as Obj).schemaFormat) : DEFAULT_SCHEMA_FORMAT;
  const rawSchema = multiFormat ? (msg.payload as Obj).schema : (msg.payload ?? {});
  const schemaAt = multiFormat ? `${payloadAt}/schema` : payloadAt;

  let schema: EventContract['schema'];
  let payloadSchema: EventContract['payloadSchema'];
  let enveloped = false;
  if (JSON_SCHEMA_FORMAT.test(schemaFormat)) {
    const composed = composeEventSchema(set, rawSchema, e.message.file, schemaAt);
    schema = bundleSchema(set, composed.schema, e.message.file, schemaAt);
    payloadSchema = composed.enveloped ? bundleSchema(set, composed.payload, e.message.file, schemaAt) : schema;
    enveloped = composed.enveloped;
  } else {
    // Avro, Protobuf, RAML...: kept as written; the catalog does not translate schema languages.
    schema = stripAnnotations(rawSchema) as EventContract['schema'];
    payloadSchema = schema;
  }

  const subscribers: Subscriber[] = e.uses
    .filter((o) => o.action === 'receive')
    .map((o) => ({
      agent: o.agent,
      role: str(o.op['x-role']) ?? 'subscriber',
      operationId: o.id,
      ...(Array.isArray(o.op['x-reads']) ? { reads: o.op['x-reads'].filter((r): r is string => typeof r === 'string') } : {}),
    }));
  const publishers = [...new Set(e.uses.filter((o) => o.action === 'send').map((o) => o.agent))];
  const partitionKey = str(msg['x-partition-key']) ?? e.aggregateKey(eventType);
  const retryPolicy = overlay<RetryPolicy>(doc['x-retry-policy'], msg['x-retry-policy']);
  const sla = overlay<Sla>(doc['x-sla'], msg['x-sla']);
  const examples = (Array.isArray(msg.examples) ? msg.examples : [])
    .filter((x): x is Obj => isObj(x) && hasOwn(x, 'payload'))
    .map((x) => stripAnnotations(x.payload));
  const loc = set.locate(e.message.file, e.message.pointer);
  return {
    eventType,
    version: str(msg['x-version']) ?? '1.0.0',
    name: e.key,
    ...(str(msg.title) ? { title: str(msg.title) } : {}),
    ...(str(msg.summary) ? { summary: str(msg.summary) } : {}),
    ...(str(msg.description) ? { description: str(msg.description) } : {}),
    channel: { id: e.channelId, address: e.address },
    schema,
    payloadSchema,
    enveloped,
    publishers,
    subscribers,
    ...(partitionKey ? { partitionKey } : {}),
    ...(retryPolicy ? { retryPolicy } : {}),
    ...(sla ? { sla } : {}),
    examples,
    schemaFormat,
    source: { file: set.display(e.message.file), pointer: e.message.pointer, line: loc.line, col: loc.col },
  };
}

/** A message-level extension overrides the document-level one field by field. */
function overlay<T>(base: unknown, override: unknown): T | undefined {
  if (!isObj(base) && !isObj(override)) return undefined;
  return { ...(isObj(base) ? base : {}), ...(isObj(override) ? override : {}) } as T;
}

