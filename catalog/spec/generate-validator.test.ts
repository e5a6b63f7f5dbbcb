import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateValidator, validatorFile } from './generate-validator.ts';
import { FAST_VERSIONS } from './spec-schema.ts';

describe('the generated AsyncAPI schema validators', () => {
  it.each(FAST_VERSIONS)('catalog/generated/asyncapi-%s-validator.js is what the generator writes today', (version) => {
    const committed = readFileSync(validatorFile(version), 'utf8');
    // why: the module is compiled from @asyncapi/specs; after an update of that package (or of Ajv)
    // the committed code would silently validate against an older schema. The committed file was
    // generated in another process, so equality also shows the output is deterministic.
    expect(generateValidator(version) === committed, 'out of date: run `npx tsx catalog/spec/generate-validator.ts`').toBe(true);
  });
});
