/**
 * `types.ts`: the envelope and every payload of one client as TypeScript types, produced by
 * json-schema-to-typescript from one merged schema (so shared definitions appear once).
 */
import { isObject } from '#shared/json.ts';
import { compile } from 'json-schema-to-typescript';
import type { AgentPlan } from './plan.ts';
import { GLOBAL_REF, SchemaMerger } from './schemas.ts';
import { pascalCase } from './naming.ts';
import type { GeneratedFile } from './file.ts';
import { blockComment } from './escape.ts';
import { GenerationError } from './errors.ts';


/** The event schema with its `payload` property pointing at the payload definition. */
function eventWithPayloadRef(schema: unknown, payloadType: string): unknown {
  if (!isObject(schema) || !isObject(schema.properties) || schema.properties.payload === undefined) return schema;
  return { ...schema, properties: { ...schema.properties, payload: { $ref: `${GLOBAL_REF}${payloadType}` } } };
}

/** json-schema-to-typescript, with its failures (e.g. a lone surrogate in a property name) reported as GenerationError. */
async function compileTypes(schema: unknown, name: string, options: Parameters<typeof compile>[2]): Promise<string> {
  try {
    return await compile(schema as never, name, options);
  } catch (error) {
    throw new GenerationError(`the TypeScript types cannot be generated: ${(error as Error).message}`, undefined, 'property and definition names must be well-formed Unicode; `evc lint` checks the schemas');
  }
}

export async function renderTypes(plan: AgentPlan, header: string): Promise<GeneratedFile> {
  const merger = new SchemaMerger();
  for (const e of plan.events) {
    merger.add(e.payloadType, e.contract.payloadSchema);
    if (e.contract.enveloped) merger.add(e.eventType, eventWithPayloadRef(e.contract.schema, e.payloadType) as never);
  }
  const { root } = merger.merged();
  const unionName = `${pascalCase(plan.agent)}ClientEvent`;
  const refs = plan.events.map((e) => ({ $ref: `#/$defs/${e.contract.enveloped ? e.eventType : e.payloadType}` }));
  const schema = {
    title: unionName,
    description: `Every event the ${blockComment(plan.agent)} client sends or receives.`,
    // An agent with no events: an empty anyOf is `never` (json-schema-to-typescript ignores `not`).
    anyOf: refs,
    $defs: root.$defs,
  };
  let code = await compileTypes(schema, unionName, {
    bannerComment: header,
    unreachableDefinitions: true,
    strictIndexSignatures: true,
    unknownAny: true,
    format: true,
    additionalProperties: true,
    $refOptions: { resolve: { external: false, file: false, http: false } } as never,
    style: { printWidth: 110, singleQuote: true, trailingComma: 'all' },
  });
  const aliases = plan.events
    .filter((e) => !e.contract.enveloped)
    .map((e) => `/** ${blockComment(e.contract.eventType)} is not enveloped: the message is the payload itself. */\nexport type ${e.eventType} = ${e.payloadType};`);
  if (aliases.length > 0) code = `${code.trimEnd()}\n\n${aliases.join('\n')}\n`;
  return { path: `${plan.folder}/types.ts`, contents: code.endsWith('\n') ? code : `${code}\n` };
}
