/**
 * The registry the UI tests look at: the seed registered, then two real evolutions of
 * Prompt.Creation.Requested (1.1.0 adds an optional field; 2.0.0 removes `deadline`, which
 * three subscribers read, and adds a required field), and the committed pacts of
 * prompt-studio's consumers published with one passing and one failing verification result.
 */
import path from 'node:path';
import { readdirSync } from 'node:fs';
import { PACTS_DIR } from '#contracts/names.ts';
import { readPact } from '#contracts/pact-file.ts';
import { repoRoot } from '#catalog/bundled.ts';
import type { AppDeps } from '../context.ts';
import { evolveSeed } from '../testing/evolve.ts';
import { openTestRegistry, seedText, type TestRegistry } from '../testing/harness.ts';

export const EVOLVED = 'Prompt.Creation.Requested';
export const PROVIDER = 'prompt-studio';

const minor = () =>
  evolveSeed('PromptCreationRequested', '1.1.0', (s) => {
    s.properties.tags = { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 10, description: 'Free-form labels for the request.' };
  });

const major = () =>
  evolveSeed(
    'PromptCreationRequested',
    '2.0.0',
    (s) => {
      s.properties.tags = { type: 'array', items: { type: 'string', maxLength: 40 }, maxItems: 10, description: 'Free-form labels for the request.' };
      delete s.properties.deadline;
      s.properties.tenantId = { type: 'string', minLength: 1, description: 'The tenant the prompt belongs to.' };
      s.required = [...s.required, 'tenantId'];
    },
    '2.0.0',
  );

async function must(registry: TestRegistry, method: string, url: string, init: Parameters<TestRegistry['call']>[2], expected: number[]) {
  const res = await registry.call(method, url, init);
  if (!expected.includes(res.status)) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 600)}`);
  return res;
}

export async function openUiRegistry(options: Partial<AppDeps> = {}): Promise<TestRegistry> {
  const registry = await openTestRegistry(options);
  const yaml = { 'content-type': 'application/yaml' };
  await must(registry, 'POST', '/v1/documents', { raw: seedText(), headers: yaml }, [201]);
  await must(registry, 'POST', '/v1/documents', { raw: minor(), headers: yaml }, [201]);
  await must(registry, 'POST', '/v1/documents', { raw: major(), headers: yaml }, [201]);
  const dir = path.join(repoRoot, PACTS_DIR);
  const pacts = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => readPact(path.join(dir, f)))
    .filter((p) => p.provider.name === PROVIDER);
  for (const [i, pact] of pacts.entries()) {
    const base = `/v1/pacts/provider/${PROVIDER}/consumer/${pact.consumer.name}/version/1.0.0`;
    await must(registry, 'PUT', base, { body: pact, token: registry.tokens.publish }, [201]);
    if (i > 1) continue; // the rest stay unverified
    const interactions = pact.interactions.map((x, n) => ({ description: x.description, success: i === 0 || n > 0, mismatches: i === 0 || n > 0 ? [] : ['$.payload.priority: expected one of low, medium, high'] }));
    await must(registry, 'POST', `${base}/verification-results`, { body: { providerApplicationVersion: '1.0.0', success: i === 0, interactions }, token: registry.tokens.publish }, [201]);
  }
  return registry;
}
