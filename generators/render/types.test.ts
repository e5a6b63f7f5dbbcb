/**
 * types.ts judged on the declarations it emits: the generated `types.ts` is parsed with the
 * TypeScript compiler API (no type check) and each declaration is compared with what its
 * JSON Schema implies.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Catalog, EventContract, JsonSchema } from '#catalog/model.ts';
import { GenerationError } from './errors.ts';
import { planCatalog } from './plan.ts';
import { renderTypes } from './types.ts';

const HEADER = '/* types header */';
const source = { file: 'types.yaml', pointer: '/components/messages/X', line: 1, col: 1 };

const item = { type: 'object', required: ['sku'], additionalProperties: false, properties: { sku: { type: 'string' }, qty: { type: 'integer' } } };

/** Required id/status/items; optional note, meta (any) and an open nested object. */
const orderPayload = {
  type: 'object',
  required: ['id', 'status', 'items'],
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    note: { type: 'string' },
    status: { enum: ['new', 'paid'] },
    items: { type: 'array', items: { $ref: '#/$defs/Item' } },
    meta: {},
    address: { type: 'object', required: ['street'], properties: { street: { type: 'string' } } },
  },
  $defs: { Item: item },
};

const envelope = (payload: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['eventId', 'payload'],
  additionalProperties: false,
  properties: { eventId: { type: 'string' }, payload },
  $defs: { Item: item },
});

const event = (over: Partial<EventContract> & Pick<EventContract, 'eventType' | 'payloadSchema' | 'schema'>): EventContract => ({
  name: over.eventType.replace(/\./g, ''),
  version: '1.0.0',
  channel: { id: over.eventType, address: over.eventType.toLowerCase() },
  enveloped: true,
  publishers: ['shop'],
  subscribers: [],
  examples: [],
  schemaFormat: '',
  source,
  ...over,
});

function catalog(): Catalog {
  const raw = { type: 'object', required: ['raw'], additionalProperties: false, properties: { raw: { type: 'string' } } };
  const other = { type: 'object', additionalProperties: false, properties: { n: { type: 'number' } } };
  return {
    asyncapi: '3.0.0',
    title: 'Types',
    version: '1.0.0',
    events: [
      event({ eventType: 'Order.Placed', payloadSchema: orderPayload, schema: envelope(orderPayload) }),
      // Enveloped, but its schema has no `payload` property / no properties at all.
      event({ eventType: 'Order.Pinged', payloadSchema: { type: 'object', additionalProperties: false, properties: { ping: { type: 'boolean' } } }, schema: { type: 'object', required: ['eventId'], additionalProperties: false, properties: { eventId: { type: 'string' } } } }),
      event({ eventType: 'Order.Bare', payloadSchema: { type: 'string' }, schema: { type: 'object' } }),
      // Not enveloped: the message is the payload itself.
      event({ eventType: 'Legacy.Raw', payloadSchema: raw, schema: raw, enveloped: false }),
      event({ eventType: 'Legacy.Other', payloadSchema: other, schema: other, enveloped: false }),
    ],
    agents: [
      { id: 'shop', sends: ['Order.Placed', 'Legacy.Raw', 'Legacy.Other'], receives: [] },
      { id: 'odd', sends: ['Order.Pinged', 'Order.Bare'], receives: [] },
      { id: 'orders-only', sends: ['Order.Placed'], receives: [] },
    ],
    sagas: [],
    aggregates: [],
    source: { file: 'types.yaml', sha256: '0'.repeat(64) },
  };
}

async function render(agent: string, cat: Catalog = catalog()): Promise<{ text: string; file: ts.SourceFile; path: string }> {
  const plan = planCatalog(cat, { agent }).agents[0]!;
  const out = await renderTypes(plan, HEADER);
  return { text: out.contents, file: ts.createSourceFile('types.ts', out.contents, ts.ScriptTarget.Latest, true), path: out.path };
}

const declaration = (file: ts.SourceFile, name: string): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined =>
  file.statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === name);

const declared = (file: ts.SourceFile): string[] =>
  file.statements.filter((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)).map((s) => `${ts.isInterfaceDeclaration(s) ? 'interface' : 'type'} ${s.name.text}`);

/** An interface's members as one-line text (whitespace collapsed). */
function members(file: ts.SourceFile, name: string): string[] {
  const d = declaration(file, name);
  if (!d || !ts.isInterfaceDeclaration(d)) throw new Error(`no interface ${name}`);
  return d.members.map((m) => m.getText(file).replace(/\s+/g, ' '));
}

describe('renderTypes', () => {
  it('declares each enveloped event, each payload and each shared definition once', async () => {
    const { file, path } = await render('shop');
    // why: producers and handlers are typed by these names; Legacy.* are plain payloads, so they get aliases, not interfaces.
    expect(declared(file).sort()).toEqual([
      'interface Item',
      'interface LegacyOtherPayload',
      'interface LegacyRawPayload',
      'interface OrderPlacedEvent',
      'interface OrderPlacedPayload',
      'type LegacyOtherEvent',
      'type LegacyRawEvent',
      'type ShopClientEvent',
    ]);
    expect(path).toBe('shop/types.ts');
  });

  it('types the payload as the schema says: required vs optional, enums, arrays of refs, unknown, open objects', async () => {
    const { file } = await render('shop');
    // why: `required` decides `?`; an enum is a union of single-quoted literals; `{}` is unknown (not any);
    // a nested object without additionalProperties: false is open, and its extra keys may be absent (`| undefined`).
    expect(members(file, 'OrderPlacedPayload')).toEqual([
      'id: string;',
      'note?: string;',
      "status: 'new' | 'paid';",
      'items: Item[];',
      'meta?: unknown;',
      'address?: { street: string; [k: string]: unknown | undefined; };',
    ]);
    // why: additionalProperties: false closes the object: no index signature.
    expect(members(file, 'Item')).toEqual(['sku: string;', 'qty?: number;']);
    // why: the event's `payload` is the named payload type, so it is declared once.
    expect(members(file, 'OrderPlacedEvent')).toEqual(['eventId: string;', 'payload: OrderPlacedPayload;']);
  });

  it('formats the code: two-space indent, single quotes, semicolons', async () => {
    const { text } = await render('shop');
    // why: generated files are read in review and checked in; prettier with the repo style keeps them stable.
    expect(text).toContain("export interface OrderPlacedPayload {\n  id: string;\n  note?: string;\n  status: 'new' | 'paid';\n");
    expect(text.startsWith(`${HEADER}\n`)).toBe(true);
  });

  it('leaves an event schema without a payload property as it is', async () => {
    const { file } = await render('odd');
    // why: Order.Pinged's schema has no `payload`; inventing one would change the event's shape.
    expect(members(file, 'OrderPingedEvent')).toEqual(['eventId: string;']);
    // why: Order.Bare's schema is an object with no properties: an open object, no payload member.
    expect(members(file, 'OrderBareEvent')).toEqual(['[k: string]: unknown | undefined;']);
  });

  it('unites the client\'s events in <Agent>ClientEvent, documented', async () => {
    const { file } = await render('shop');
    const union = declaration(file, 'ShopClientEvent') as ts.TypeAliasDeclaration;
    const names = ts.isUnionTypeNode(union.type) ? union.type.types.map((t) => t.getText(file)) : [union.type.getText(file)];
    // why: an enveloped event is its event type; a plain one is its payload (the message is the payload).
    expect(names.sort()).toEqual(['LegacyOtherPayload', 'LegacyRawPayload', 'OrderPlacedEvent']);
    const doc = (ts.getLeadingCommentRanges(file.text, union.getFullStart()) ?? []).map((r) => file.text.slice(r.pos, r.end));
    // why: the union's doc names the agent.
    expect(doc.at(-1)).toBe('/**\n * Every event the shop client sends or receives.\n */');
  });

  it('aliases each event that is not enveloped to its payload, after the generated code', async () => {
    const { text } = await render('shop');
    // why: handlers are typed by <Name>Event; for a plain message that is the payload; one blank line before, one alias per line, one final newline.
    expect(text.endsWith(
      '}\n\n' +
      '/** Legacy.Other is not enveloped: the message is the payload itself. */\nexport type LegacyOtherEvent = LegacyOtherPayload;\n' +
      '/** Legacy.Raw is not enveloped: the message is the payload itself. */\nexport type LegacyRawEvent = LegacyRawPayload;\n',
    )).toBe(true);
  });

  it('adds no alias, and no trailing blank line, when every event is enveloped', async () => {
    const { text, file } = await render('orders-only');
    // why: an enveloped event already has its own interface; an alias would redeclare it.
    expect(text).not.toContain('is not enveloped');
    expect(declared(file).sort()).toEqual(['interface Item', 'interface OrderPlacedEvent', 'interface OrderPlacedPayload', 'type OrdersOnlyClientEvent']);
    // why: the file ends with exactly one newline.
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('reports a schema json-schema-to-typescript cannot compile as a GenerationError with a hint', async () => {
    const cat = catalog();
    const bad = { type: 'object', properties: { ['bad\ud800']: { type: 'string' } } };
    cat.events[0] = event({ eventType: 'Order.Placed', payloadSchema: bad, schema: envelope(bad) });
    const error = await render('orders-only', cat).catch((e: unknown) => e);
    // why: a lone surrogate in a property name fails inside the compiler; the user gets what failed and what to do.
    expect(error).toBeInstanceOf(GenerationError);
    expect((error as Error).message).toMatch(/^the TypeScript types cannot be generated: \S/);
    expect((error as GenerationError).hint).toBe('property and definition names must be well-formed Unicode; `evc lint` checks the schemas');
  });

  it('an agent with no events has a union of no events: never, not "any object"', async () => {
    const cat = catalog();
    cat.agents.push({ id: 'idle', sends: [], receives: [] });
    const { file } = await render('idle', cat);
    const union = declaration(file, 'IdleClientEvent');
    // why: a handler typed by this union must accept nothing; an open interface would accept every object
    expect(union && ts.isTypeAliasDeclaration(union) ? union.type.getText(file) : union?.getText(file)).toBe('never');
  });
});
