import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Diagnostic } from '../errors.ts';
import { useRfc3339Formats } from '../string-formats.ts';
import { declaresEventType, defineRule } from './rule.ts';

/**
 * Message examples are used as test data (generated producers, Pact verification), so an example
 * that its own schema rejects is a broken contract. Only JSON Schema payloads are checked.
 */
export default defineRule({
  id: 'example-valid',
  description: 'every message example validates against the event schema',
  check(context) {
    const found: Diagnostic[] = [];
    const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
    addFormats.default(ajv);
    useRfc3339Formats(ajv); // the date/time semantics generated clients ship
    for (const event of context.catalog.events) {
      if (!declaresEventType(context, event) || !event.schemaFormat.startsWith('application/vnd.aai.asyncapi')) continue;
      const { file, pointer } = context.messagePointer(event);
      let validate;
      try {
        validate = ajv.compile(event.schema as object);
      } catch (error) {
        found.push(context.report(`${pointer}/payload`, `the schema of ${event.eventType} cannot be compiled: ${(error as Error).message}`, 'Fix the schema; examples cannot be checked until it compiles.', file));
        continue;
      }
      event.examples.forEach((example, i) => {
        if (validate(example)) return;
        const error = validate.errors?.[0];
        const at = error?.instancePath ?? '';
        found.push(
          context.report(
            `${pointer}/examples/${i}/payload${at}`,
            `example ${i + 1} of ${event.eventType} does not match its schema: ${at || '/'} ${error?.message ?? 'is invalid'}${error?.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : ''}`,
            'Fix the example (generated clients and pacts use it as test data), or the schema if the example is right.',
            file,
          ),
        );
      });
    }
    return found;
  },
});
