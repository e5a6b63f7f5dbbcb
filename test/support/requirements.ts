/**
 * What a suite needs from outside the repository: a service, a browser, the shared
 * conformance data. One rule for all of them:
 * - available → the suite runs;
 * - missing on a laptop (no CI) → the suite skips, and one line says what enables it;
 * - missing in CI (CI=true, as .ci/run sets) → collecting the suite fails with that same
 *   line, so CI can never pass by skipping.
 *
 * Use: `describe.skipIf(skipWithout(needsPostgres))('…', () => …)`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { repoRoot } from '#catalog/bundled.ts';

export interface Requirement {
  /** what is needed, as a person would name it */
  readonly what: string;
  /** is it there? (evaluated lazily: reading it may touch the disk) */
  readonly available: () => boolean;
  /** what enables it */
  readonly enable: string;
}

export const inCI = (): boolean => /^(1|true)$/i.test(process.env.CI ?? '');

const reported = new Set<string>();

/** True when the suite should skip; throws in CI when the requirement is missing. */
export function skipWithout(...needs: Requirement[]): boolean {
  const missing = needs.filter((need) => !need.available());
  if (missing.length === 0) return false;
  const line = missing.map((need) => `${need.what} (${need.enable})`).join('; ');
  if (inCI()) throw new Error(`missing in CI: ${line}`);
  if (!reported.has(line)) {
    reported.add(line);
    console.log(`skipped: needs ${line}`);
  }
  return true;
}

export const needsPostgres: Requirement = {
  what: 'PostgreSQL',
  available: () => Boolean(process.env.DATABASE_URL),
  enable: 'set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test',
};

export const needsNats: Requirement = {
  what: 'NATS JetStream',
  available: () => Boolean(process.env.NATS_URL),
  enable: 'set NATS_URL=nats://127.0.0.1:4222',
};

/** The shared conformance folder: CONFORMANCE_DIR, else ../shared/conformance beside the clone. */
export const conformancePath = (): string =>
  process.env.CONFORMANCE_DIR ?? path.resolve(repoRoot, '../shared/conformance');

export const needsConformance: Requirement = {
  what: 'the shared conformance data',
  available: () => existsSync(conformancePath()),
  enable: 'set CONFORMANCE_DIR to the shared/conformance folder',
};

/** Debian's Chromium for playwright-core: CHROMIUM_PATH, else /usr/bin/chromium. */
export const chromiumPath = (): string => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const needsBrowser: Requirement = {
  what: 'a Chromium browser',
  available: () => existsSync(chromiumPath()),
  enable: 'apt-get install chromium, or set CHROMIUM_PATH',
};
