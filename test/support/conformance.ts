/**
 * Where the shared conformance data lives (Apicurio cases, AsyncAPI 3.0 examples, Pact
 * schemas). It is read in place, never copied into the repo. CI sets CONFORMANCE_DIR;
 * locally the sibling `../shared/conformance` is used. A missing directory is an error,
 * so a conformance suite can never pass by finding nothing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '#catalog/bundled.ts';

export { repoRoot };

export function conformanceDir(): string {
  const dir = process.env.CONFORMANCE_DIR ?? path.resolve(repoRoot, '../shared/conformance');
  if (!existsSync(dir)) {
    throw new Error(`conformance data not found at ${dir}: set CONFORMANCE_DIR to the shared/conformance folder`);
  }
  return dir;
}
