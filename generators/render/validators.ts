/**
 * `validators.js` + `validators.d.ts`: Ajv standalone code, one validator per event of the
 * client, compiled at generation time. The output is self-contained: Ajv's runtime helpers
 * and the function-valued formats are inlined (see standalone-helpers.ts), and a leftover
 * `require(` fails generation instead of shipping code that cannot load.
 */
import type { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { AgentPlan } from './plan.ts';
import type { GeneratedFile } from './file.ts';
import { GenerationError } from './errors.ts';
import { FUNCTION_FORMATS, RUNTIME_HELPERS, guardLengthChecks } from './standalone-helpers.ts';
import { hasOwn, isObject } from '#shared/json.ts';
import { addFormats, newAjv } from './ajv-instance.ts';
import type { EventPlan } from './plan.ts';
import { blockComment, stringLiteral } from './escape.ts';

/** Removes the root `$id`/`$schema` so each schema is registered under its validator name only. */
function bare(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const { $id: _id, $schema: _schema, id: _legacyId, ...rest } = schema;
  return rest;
}

function inlineRuntime(code: string, plan: AgentPlan): string {
  const preamble: string[] = [];
  let out = code.replace(/require\("ajv\/dist\/runtime\/([A-Za-z0-9_]+)"\)\.default/g, (match, name: string) => {
    const helper = RUNTIME_HELPERS[name];
    if (!helper) return match;
    if (!preamble.includes(helper.source)) preamble.push(helper.source);
    return helper.name;
  });
  // Ajv's string literals (JSON.stringify: double quotes) are consumed whole, so schema text
  // such as an enum value "evcFormats.uuid" is never read as a reference.
  const references = [...out.matchAll(/"(?:[^"\\]|\\.)*"|evcFormats(?:\.([A-Za-z_$][\w$]*)|\["([^"]+)"\])/g)];
  const formatsUsed = [...new Set(references.flatMap((m) => m[1] ?? m[2] ?? []))].sort();
  if (formatsUsed.length > 0) {
    const entries = formatsUsed.map((name) => {
      const def = hasOwn(FUNCTION_FORMATS, name) ? FUNCTION_FORMATS[name] : undefined;
      if (!def) throw new GenerationError(`format "${name}" cannot be inlined into standalone validators`, undefined, 'use a format from ajv-formats');
      return `  ${stringLiteral(name)}: { type: ${stringLiteral(def.type)}, validate: ${def.source} },`;
    });
    preamble.push(`const evcFormats = {\n${entries.join('\n')}\n};`);
  }
  const leftover = /require\("([^"]+)"\)/.exec(out);
  if (leftover) {
    throw new GenerationError(
      `the validators of agent "${plan.agent}" need the module "${leftover[1]}" at run time, which cannot be inlined`,
      undefined,
      'simplify the schema keyword that needs it (e.g. $async or custom keywords), or report this as a generator bug',
    );
  }
  out = guardLengthChecks(out.replace(/^"use strict";\n/, ''));
  return `${preamble.join('\n\n')}${preamble.length ? '\n\n' : ''}${out}`;
}

/** `built`: the built-event validators (built-fields.ts) to emit next to the event validators. */
export function renderValidators(plan: AgentPlan, header: string, built: ReadonlyMap<EventPlan, { name: string; schema: unknown }> = new Map()): GeneratedFile[] {
  const schemas = plan.validated.map((e) => (e.contract.enveloped ? e.contract.schema : e.contract.payloadSchema));
  const ajv = newAjv(schemas);
  addFormats(ajv as Ajv);
  const refs: Record<string, string> = {};
  plan.validated.forEach((e, i) => {
    try {
      ajv.addSchema(bare(schemas[i]) as never, e.validator);
      ajv.getSchema(e.validator);
    } catch (error) {
      throw new GenerationError(
        `the schema of "${e.contract.eventType}" (${e.contract.name}) cannot be compiled: ${(error as Error).message}`,
        e.contract.source,
        'fix the schema so it is valid JSON Schema; `evc lint` points at the offending keyword',
      );
    }
    refs[e.validator] = e.validator;
  });
  // Built-event validators: same schema with the proven builder-set fields skipped (built-fields.ts).
  for (const { name, schema } of built.values()) {
    ajv.addSchema(bare(schema) as never, name);
    refs[name] = name;
  }
  const code = plan.validated.length > 0 ? inlineRuntime(standaloneCode(ajv, refs), plan) : '';
  const js = [header, '// Precompiled Ajv standalone validators; self-contained (no Ajv at run time).', code.trimEnd(), ''].join('\n');
  const dts = [
    header,
    '/** One Ajv error: `instancePath` is the JSON pointer of the offending value. */',
    'export interface ValidationError {',
    '  instancePath: string;',
    '  schemaPath: string;',
    '  keyword: string;',
    '  params: Record<string, unknown>;',
    '  message?: string;',
    '}',
    '',
    '/** A precompiled validator: returns whether `data` is valid and leaves the first error in `errors`. */',
    'export interface ValidateFunction {',
    '  (data: unknown): boolean;',
    '  errors?: ValidationError[] | null;',
    '}',
    '',
    ...plan.validated.map((e) => `/** Validates a whole ${blockComment(e.contract.eventType)} ${blockComment(e.contract.version)} event. */\nexport declare const ${e.validator}: ValidateFunction;`),
    ...[...built].map(
      ([e, { name }]) =>
        `/** Validates a ${blockComment(e.contract.eventType)} ${blockComment(e.contract.version)} event built by the runtime's envelope builder: skips the builder-set fields proven valid. Not for events from elsewhere. */\nexport declare const ${name}: ValidateFunction;`,
    ),
    '',
  ].join('\n');
  return [
    { path: `${plan.folder}/validators.js`, contents: js },
    { path: `${plan.folder}/validators.d.ts`, contents: dts },
  ];
}
