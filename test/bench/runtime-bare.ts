/**
 * The bench:runtime baseline: plain Ajv standalone code, compiled here from the catalog's
 * whole-event schemas with ajv + ajv-formats and their default options — independent of our
 * generator, so nothing the generator does for speed (built-event validators, inlined
 * helpers) can flatter the baseline. `standaloneCode` emits CommonJS that `require`s Ajv's
 * runtime helpers and ajv-formats, exactly as a user's bundle of it would.
 */
import { isObject } from '#shared/json.ts';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import type { Validator } from '#runtime/index.ts';

// ajv-formats is CommonJS; under ESM interop its default export may be nested.
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (ajv: Ajv, options?: { mode?: 'fast' | 'full' }) => Ajv;


/**
 * One validator per schema. `formats`: ajv-formats' default ("full": date-time also checks
 * the calendar) or its "fast" regexes (what our generated validators use). `strict: false`
 * only because the seed's schemas carry annotation keywords Ajv's strict mode rejects
 * (e.g. `discriminator`); it does not change what is validated.
 */
export function compileBareValidators(schemas: readonly unknown[], formats: 'full' | 'fast'): Validator[] {
  const ajv = new Ajv({ code: { source: true }, strict: false });
  addFormats(ajv, { mode: formats });
  const refs: Record<string, string> = {};
  schemas.forEach((schema, i) => {
    const { $id: _id, $schema: _schema, ...rest } = isObject(schema) ? schema : {};
    ajv.addSchema(isObject(schema) ? rest : (schema as never), `e${i}`);
    refs[`e${i}`] = `e${i}`;
  });
  const code = standaloneCode(ajv, refs);
  const module = { exports: {} as Record<string, Validator> };
  new Function('require', 'module', 'exports', code)(createRequire(import.meta.url), module, module.exports);
  return schemas.map((_, i) => module.exports[`e${i}`]!);
}
