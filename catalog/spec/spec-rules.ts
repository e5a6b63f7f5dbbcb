/**
 * The checks of @asyncapi/parser's core ruleset for AsyncAPI 3 that the JSON Schema cannot
 * express (node_modules/@asyncapi/parser/cjs/ruleset/v3/ruleset.js), one row each, under the
 * parser's rule ids so a finding reads the same from either validator. `resolved` says whether
 * the rule reads the document with its $refs followed (as Spectral's `resolved` flag does).
 *
 * Not re-implemented, on purpose:
 * - asyncapi3-channel-servers: its input schema expects server names as strings, which 3.x
 *   never has (servers are Reference Objects), so the parser never reports it on a 3.x document;
 *   a server $ref that points nowhere is refused earlier as ref-unresolved (refs.ts).
 * - asyncapi-is-asyncapi: load.ts checks the version first; versions other than 3.0.0 go to Spectral.
 * - asyncapi-latest-version: severity info, which evc does not report.
 * - the recommended ruleset and the message-example/schema-format rules: 2.x only in the parser
 *   (formats filtered to major version 2); the 3.0.0 schema checks payloads per schemaFormat.
 */
import { isObject as isObj } from '#shared/json.ts';
export interface SpecFinding { path: string[]; message: string; hint?: string }

export interface SpecRule {
  id: string;
  description: string;
  resolved: boolean;
  check(doc: Record<string, unknown>): SpecFinding[];
}

type Obj = Record<string, unknown>;
const entries = (v: unknown): [string, Obj][] => (isObj(v) ? Object.entries(v).filter((e): e is [string, Obj] => isObj(e[1])) : []);
const refOf = (v: unknown): string | undefined => (isObj(v) && typeof v.$ref === 'string' ? v.$ref : undefined);
/** Operations under the root and under components, with their path. */
const operations = (doc: Obj): [string[], Obj][] => [
  ...entries(doc.operations).map(([k, op]): [string[], Obj] => [['operations', k], op]),
  ...entries(isObj(doc.components) ? doc.components.operations : undefined).map(([k, op]): [string[], Obj] => [['components', 'operations', k], op]),
];

export const specRules: readonly SpecRule[] = [
  {
    id: 'asyncapi3-operation-messages-from-referred-channel',
    description: 'Operation "messages" must be a subset of the messages defined in the channel referenced in this operation.',
    resolved: false,
    check: (doc) =>
      operations(doc).flatMap(([at, op]) => {
        const channel = refOf(op.channel);
        const messages = Array.isArray(op.messages) ? op.messages : [];
        return messages.flatMap((m, i) => {
          const ref = refOf(m);
          return ref !== undefined && !ref.startsWith(`${channel}/messages`)
            ? [{ path: [...at, 'messages', String(i)], message: 'Operation message does not belong to the specified channel.', hint: `Reference a message of the operation's channel (${channel ?? 'no channel'}/messages/...).` }]
            : [];
        });
      }),
  },
  {
    id: 'asyncapi3-required-operation-channel-unambiguity',
    description: 'The "channel" field of an operation under the root "operations" object must always reference a channel under the root "channels" object.',
    resolved: false,
    check: (doc) =>
      entries(doc.operations).flatMap(([name, op]) => {
        const ref = refOf(op.channel);
        return ref !== undefined && !/#\/channels\//.test(ref)
          ? [{ path: ['operations', name, 'channel', '$ref'], message: 'The "channel" field of an operation under the root "operations" object must always reference a channel under the root "channels" object.', hint: 'Point the operation at "#/channels/<id>".' }]
          : [];
      }),
  },
  {
    id: 'asyncapi3-required-channel-servers-unambiguity',
    description: 'The "servers" field of a channel under the root "channels" object must always reference a subset of the servers under the root "servers" object.',
    resolved: false,
    check: (doc) =>
      entries(doc.channels).flatMap(([name, channel]) =>
        (Array.isArray(channel.servers) ? channel.servers : []).flatMap((server, i) => {
          const ref = refOf(server);
          return ref !== undefined && !/#\/servers\//.test(ref)
            ? [{ path: ['channels', name, 'servers', String(i), '$ref'], message: 'The "servers" field of a channel under the root "channels" object must always reference a subset of the servers under the root "servers" object.', hint: 'Point the channel at "#/servers/<id>".' }]
            : [];
        }),
      ),
  },
  {
    id: 'asyncapi3-channel-no-query-nor-fragment',
    description: 'Channel address should not include query ("?") or fragment ("#") delimiter.',
    resolved: false,
    check: (doc) =>
      entries(doc.channels)
        .filter(([name]) => /[?#]/.test(name))
        .map(([name]) => ({ path: ['channels', name], message: 'Channel address should not include query ("?") or fragment ("#") delimiter.', hint: `Rename the channel "${name}".` })),
  },
  {
    id: 'asyncapi3-channel-parameters',
    description: 'Channel parameters must be defined and there must be no redundant parameters.',
    resolved: true,
    check: (doc) =>
      [
        ...entries(doc.channels).map(([k, c]): [string[], Obj] => [['channels', k], c]),
        ...entries(isObj(doc.components) ? doc.components.channels : undefined).map(([k, c]): [string[], Obj] => [['components', 'channels', k], c]),
      ].flatMap(([at, channel]) => {
        if (!isObj(channel.parameters)) return [];
        const address = typeof channel.address === 'string' ? channel.address : '';
        const variables = (address.match(/{(.+?)}/g) ?? []).map((v) => v.slice(1, -1));
        const declared = Object.keys(channel.parameters);
        const missing = declared.length === 0 ? variables : variables.filter((v) => !declared.includes(v));
        const redundant = variables.length === 0 ? declared : declared.filter((p) => !variables.includes(p));
        return [
          ...(missing.length > 0 ? [{ path: [...at, 'parameters'], message: `Not all channel's parameters are described with "parameters" object. Missed: ${missing.join(', ')}.`, hint: 'Describe every {variable} of the address under "parameters".' }] : []),
          ...redundant.map((p) => ({ path: [...at, 'parameters', p], message: `Channel's "parameters" object has redundant defined "${p}" parameter.`, hint: `Remove it, or use {${p}} in the channel address.` })),
        ];
      }),
  },
];
