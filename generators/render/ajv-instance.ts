/**
 * The Ajv instance the generated validators are compiled with: the draft the schemas
 * declare, first error only, ajv-formats' "fast" formats (regex ones inlined by Ajv,
 * function ones inlined from standalone-helpers.ts). Also used at generation time to prove
 * facts about a schema (built-fields.ts), so both see the same semantics.
 */
import { isObject } from '#shared/json.ts';
import { Ajv, _ } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fastFormats } from 'ajv-formats/dist/formats.js';
import { FUNCTION_FORMATS, NO_OP_FORMATS } from './standalone-helpers.ts';
import { fastRegExp } from './fast-patterns.ts';


/** The draft the client's schemas declare; draft-07 (AsyncAPI Schema's base) when none does. */
export function newAjv(schemas: unknown[]) {
  const drafts = schemas.map((s) => (isObject(s) && typeof s.$schema === 'string' ? s.$schema : ''));
  const options = {
    // regExp: simple anchored patterns become table-lookup matchers (fast-patterns.ts).
    code: { source: true, esm: true, lines: true, formats: _`evcFormats`, regExp: fastRegExp },
    strict: false,
    allErrors: false,
    validateFormats: true,
    discriminator: true,
    // Unknown formats (e.g. iri-reference) are annotations, as JSON Schema 2020-12 §7.2 allows.
    logger: false,
  } as const;
  if (drafts.some((d) => d.includes('2020-12'))) return new Ajv2020(options);
  if (drafts.some((d) => d.includes('2019-09'))) return new Ajv2019(options);
  return new Ajv(options);
}

export function addFormats(ajv: Ajv): void {
  for (const [name, def] of Object.entries(fastFormats)) {
    if (def instanceof RegExp) ajv.addFormat(name, def);
    else if (isObject(def) && def.validate instanceof RegExp) ajv.addFormat(name, def.validate);
  }
  for (const [name, def] of Object.entries(FUNCTION_FORMATS)) ajv.addFormat(name, { type: def.type, validate: def.check } as Parameters<Ajv["addFormat"]>[1]);
  for (const name of NO_OP_FORMATS) ajv.addFormat(name, true);
}
