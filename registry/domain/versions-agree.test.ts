/**
 * Issue #18: the registry refused pre-releases, the compatibility engine accepted them, and the
 * generators ordered `1.0.0-rc.1` above `1.0.0` (pinning a producer to a pre-release). Now one
 * module decides (compat/semver.ts on #shared/version.ts), and every entry point gives the same
 * answer for the same string, with the same message.
 */
import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '#compat/index.ts';
import { compareVersions, nextVersion } from '#compat/semver.ts';
import type { JsonSchema } from '#compat/types.ts';
import type { Catalog, EventContract } from '#catalog/model.ts';
import { planCatalog } from '#generators/render/plan.ts';
import { canonicalize } from './canonical.ts';
import { decideRegistration } from './decide.ts';

const schema: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };

const registry = (version: string) =>
  decideRegistration({ subject: 'A.B.C', history: [], takenVersions: [], candidate: { schema, hash: canonicalize(schema).hash, version }, level: 'FULL_TRANSITIVE', policy: 'LENIENT', check: checkCompatibility });

const compat = (version: string): string | undefined => {
  try {
    checkCompatibility({ history: [{ version: '0.1.0', schema }], candidate: { schema, version }, level: 'BACKWARD', policy: 'STRICT' });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

const INPUTS = ['1.0.0', '2.3.4', '0.9.0', '1.0.0-rc.1', '1.0.0+build.5', 'v1.0.0', ' 1.0.0', '1.0', '01.0.0', 'latest'];

describe('registry and compat agree on versions', () => {
  it.each(INPUTS)('%s: accepted by both or refused by both, with the same message', (version) => {
    const decision = registry(version);
    const compatError = compat(version);
    const registryRefuses = decision.status === 'rejected';
    expect(registryRefuses, `registry ${registryRefuses ? 'refuses' : 'accepts'}, compat ${compatError ? 'refuses' : 'accepts'}`).toBe(compatError !== undefined);
    if (decision.status === 'rejected') {
      expect(compatError, 'compat says what the registry says').toContain(decision.reasons[0]);
      expect(decision.reasons[0], 'the one message').toMatch(/is not a release version: write MAJOR\.MINOR\.PATCH/);
    }
  });

  it('orders and bumps only release versions', () => {
    expect(() => compareVersions('1.0.0-rc.1', '1.0.0'), 'a pre-release is refused, not ordered').toThrow(/"1\.0\.0-rc\.1" is not a release version/);
    expect(() => nextVersion('1.0.0-rc.1', 'patch')).toThrow(/is not a release version/);
    expect(['1.10.0', '1.2.0', '1.9.3'].sort(compareVersions), 'numeric, not text, order').toEqual(['1.2.0', '1.9.3', '1.10.0']);
  });
});

describe('the generators pin a producer to the latest release', () => {
  const event = (version: string): EventContract =>
    ({
      eventType: 'Prompt.Creation.Requested',
      version,
      name: `PromptCreationRequested${version}`,
      schemaFormat: '',
      enveloped: true,
      schema,
      payloadSchema: schema,
      publishers: ['studio'],
      channel: { id: 'requested', address: 'requested' },
      examples: [],
      subscribers: [],
      source: { file: 'doc.yaml', line: 1, col: 1, pointer: '/components/messages/x' },
    }) as unknown as EventContract;
  const catalog = (versions: string[]): Catalog =>
    ({ asyncapi: '3.0.0', title: 'T', version: '1.0.0', events: versions.map(event), agents: [{ id: 'studio', sends: ['Prompt.Creation.Requested'], receives: [] }], sagas: [], aggregates: [], source: { file: 'doc.yaml', sha256: '' } }) as unknown as Catalog;

  it('1.0.0-rc.1 beside 1.0.0 is refused with the one message (it used to be ranked above 1.0.0 and sent)', () => {
    expect(() => planCatalog(catalog(['1.0.0', '1.0.0-rc.1']))).toThrow(/x-version of Prompt\.Creation\.Requested: "1\.0\.0-rc\.1" is not a release version/);
  });

  it('a version carrying code is refused before anything is generated', () => {
    expect(() => planCatalog(catalog(['1.0.0*/ globalThis.__pwned(); /*'])), 'the generators never see it').toThrow(/is not a release version/);
  });

  it('among release versions the highest is sent, in numeric order', () => {
    const plan = planCatalog(catalog(['1.2.0', '1.10.0', '1.9.0']));
    expect(plan.agents[0]!.sends.map((e) => e.contract.version), 'one version per event type: the latest').toEqual(['1.10.0']);
  });
});
