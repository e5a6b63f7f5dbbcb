/**
 * Where evc's own files are: the repository (or installed package) root, and the bundled
 * AsyncAPI document (`asyncapi/prompt-platform.yaml`) that `npm start`, `evc lint`,
 * `evc generate` and the pact tooling default to. One place, so no module computes it again.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The bundled document, relative to the repository root (what commands print and accept). */
export const BUNDLED_DOCUMENT = 'asyncapi/prompt-platform.yaml';
export const BUNDLED_DOCUMENT_PATH = path.join(repoRoot, BUNDLED_DOCUMENT);
