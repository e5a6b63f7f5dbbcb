import { describe, expect, it } from 'vitest';
import { decideCanIDeploy, type CanIDeployInput, type VerificationRecord } from './can-i-deploy.ts';
import { checkPactAgainstEvent } from './pact-vs-schema.ts';
import type { PactFile } from './pact-file.ts';
import { promptCreationRequested } from './testing/fixture-catalog.ts';

const pact = (id: number, consumer: string, provider = 'prompt-studio', consumerVersion = '1.0.0') => ({ id, consumer, provider, consumerVersion });
const verified = (pactId: number, providerVersion: string, success: boolean, failing: string[] = []): VerificationRecord => ({
  pactId,
  providerVersion,
  success,
  createdAt: new Date(0),
  interactions: failing.map((description) => ({ description, success: false, mismatches: ['$.payload.priority -> Expected 3 to be a string'] })),
});
const input = (over: Partial<CanIDeployInput>): CanIDeployInput => ({ pacticipant: 'prompt-studio', version: '2.0.0', providerPacts: [], consumerPacts: [], verifications: [], ...over });

describe('decideCanIDeploy', () => {
  it.each([
    { why: 'verified by this provider version', over: { providerPacts: [pact(1, 'ui')], verifications: [verified(1, '2.0.0', true)] }, deployable: true, kinds: ['pact-verified'] },
    { why: 'verified only by another provider version', over: { providerPacts: [pact(1, 'ui')], verifications: [verified(1, '1.9.0', true)] }, deployable: false, kinds: ['pact-unverified'] },
    { why: 'the newest result for this version failed', over: { providerPacts: [pact(1, 'ui')], verifications: [verified(1, '2.0.0', false, ['a X event (v1)']), verified(1, '2.0.0', true)] }, deployable: false, kinds: ['pact-failed'] },
    { why: 'a consumer version whose pact was verified', over: { pacticipant: 'ui', consumerPacts: [pact(1, 'ui', 'prompt-studio', '2.0.0')], verifications: [verified(1, '7.0.0', true)] }, deployable: true, kinds: ['pact-verified'] },
    { why: 'no pact involves the version', over: {}, deployable: false, kinds: ['unknown-version'] },
    {
      why: 'verified, but the document breaks a reader',
      over: { providerPacts: [pact(1, 'ui')], verifications: [verified(1, '2.0.0', true)], schema: { document: '2.0.0', registered: true, findings: [{ consumer: 'ui', provider: 'prompt-studio', eventType: 'E', interaction: 'a E event (v1)', field: '/payload/priority', message: 'gone' }] } },
      deployable: false,
      kinds: ['pact-verified', 'schema-incompatible'],
    },
  ])('$why → deployable $deployable', ({ over, deployable, kinds }) => {
    const answer = decideCanIDeploy(input(over as Partial<CanIDeployInput>));
    expect(answer.deployable, answer.summary).toBe(deployable);
    expect(answer.reasons.map((r) => r.kind), 'every reason is listed, passing ones too').toEqual(kinds);
    expect(answer.summary.startsWith(deployable ? 'yes' : 'no')).toBe(true);
  });

  it('names the failing interaction and its mismatch', () => {
    const answer = decideCanIDeploy(input({ providerPacts: [pact(1, 'ui')], verifications: [verified(1, '2.0.0', false, ['a X event (v1)'])] }));
    expect(answer.reasons[0]).toMatchObject({ kind: 'pact-failed', consumer: 'ui', interaction: 'a X event (v1)' });
    expect(answer.reasons[0]!.message).toContain('$.payload.priority');
  });
});

describe('checkPactAgainstEvent', () => {
  const interaction = {
    type: 'Asynchronous/Messages',
    description: 'a Prompt.Creation.Requested event (v1)',
    contents: { content: { eventType: 'Prompt.Creation.Requested', payload: { priority: 'high', tags: [{ name: 'x' }] } } },
    matchingRules: { body: { '$.payload.priority': { matchers: [{ match: 'regex', regex: '^(low|medium|high|critical)$' }] } } },
  };
  const pactFile: PactFile = { consumer: { name: 'ui' }, provider: { name: 'prompt-studio' }, interactions: [interaction], metadata: {} };
  const withPayload = (change: (props: any) => void) => {
    const event = promptCreationRequested();
    change((event.schema as any).properties.payload.properties);
    return event;
  };

  it.each([
    { why: 'the unchanged contract', change: () => {}, fields: [] },
    { why: 'a read field removed', change: (p: any) => delete p.priority, fields: ['/payload/priority'] },
    { why: 'a read field retyped', change: (p: any) => (p.priority = { type: 'integer' }), fields: ['/payload/priority'] },
    { why: 'an enum value the reader does not accept', change: (p: any) => p.priority.enum.push('urgent'), fields: ['/payload/priority'] },
    { why: 'a nested read field retyped inside array items', change: (p: any) => (p.tags.items.properties.name = { type: 'integer' }), fields: ['/payload/tags/*/name'] },
    { why: 'an unread field removed', change: (p: any) => delete p.attempts, fields: [] },
  ])('$why → findings at $fields', ({ change, fields }) => {
    expect(checkPactAgainstEvent(pactFile, interaction, withPayload(change)).map((f) => f.field)).toEqual(fields);
  });
});
