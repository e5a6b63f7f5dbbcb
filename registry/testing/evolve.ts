/**
 * The seed document with one event's payload schema edited and its `x-version` and
 * `info.version` set: how a team evolves a contract. The payload schema is the
 * message's `components/schemas/<Message>Payload`.
 */
import { parse, stringify } from 'yaml';
import { seedText } from './harness.ts';

export function evolveSeed(messageKey: string, version: string, edit: (payloadSchema: any) => void, docVersion = '1.1.0'): string {
  const doc = parse(seedText());
  doc.info.version = docVersion;
  const message = doc.components.messages[messageKey];
  if (!message) throw new Error(`no message ${messageKey} in the seed`);
  message['x-version'] = version;
  const schema = doc.components.schemas[`${messageKey}Payload`];
  if (!schema) throw new Error(`no schema ${messageKey}Payload in the seed`);
  edit(schema);
  return stringify(doc);
}
