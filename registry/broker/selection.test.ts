/**
 * Pacts for verification and can-i-deploy on hand-built views: each consumer version
 * selector, pending, WIP, and the content-sha reuse of verification results.
 */
import { describe, expect, it } from 'vitest';
import { canIDeploy } from './matrix.ts';
import type { BrokerView, DeploymentInfo, PactInfo, VerificationInfo, VersionInfo } from './model.ts';
import { selectPactsForVerification, type ConsumerVersionSelector } from './selection.ts';

const t = (n: number) => new Date(Date.UTC(2024, 0, n));
let id = 0;
const version = (pacticipant: string, number: string, branches: string[] = [], tags: string[] = []): VersionInfo => ({ id: ++id, pacticipant, number, buildUrl: null, createdAt: t(id), branches, tags });
const pact = (consumer: string, consumerVersion: string, sha: string, day = 1): PactInfo => ({ id: ++id, provider: 'P', consumer, consumerVersion, sha, createdAt: t(day), updatedAt: t(day) });
const verified = (p: PactInfo, providerVersion: string, success = true): VerificationInfo => ({ id: ++id, pactId: p.id, provider: p.provider, consumer: p.consumer, sha: p.sha, providerVersion, success, createdAt: t(30) });
const deployed = (v: VersionInfo, environment: string, kind: 'deployment' | 'release' = 'deployment'): DeploymentInfo => ({ uuid: `d${++id}`, kind, pacticipant: v.pacticipant, versionNumber: v.number, versionId: v.id, environment, environmentUuid: environment, target: '', current: true, createdAt: t(1), endedAt: null });

// A on main (1, 2), A on feat-x (3), B tagged prod (1); P on main (p1).
const a1 = version('A', '1', ['main']);
const a2 = version('A', '2', ['main']);
const a3 = version('A', '3', ['feat-x']);
const b1 = version('B', '1', [], ['prod']);
const p1 = version('P', 'p1', ['main']);
const pa1 = pact('A', '1', 'sha-a1', 1);
const pa2 = pact('A', '2', 'sha-a1', 2); // same content as A 1
const pa3 = pact('A', '3', 'sha-a3', 20);
const pb1 = pact('B', '1', 'sha-b1', 3);
const view: BrokerView = {
  versions: [a1, a2, a3, b1, p1],
  deployments: [deployed(a1, 'production'), deployed(b1, 'staging', 'release'), deployed(p1, 'production')],
  pacts: [pa1, pa2, pa3, pb1],
  verifications: [verified(pa1, 'p1')],
  mainBranches: new Map([['A', 'main'], ['B', null], ['P', 'main']]),
};

const select = (selectors: ConsumerVersionSelector[], extra: Partial<Parameters<typeof selectPactsForVerification>[1]> = {}) =>
  selectPactsForVerification(view, { provider: 'P', consumerVersionSelectors: selectors, ...extra }).map((s) => `${s.pact.consumer}@${s.pact.consumerVersion}${s.pending ? ' pending' : ''}${s.wip ? ' wip' : ''}`);

describe('pacts for verification', () => {
  it.each([
    { selectors: [{ mainBranch: true }], want: ['A@2'], why: 'mainBranch: the latest of each consumer with a main branch (B has none)' },
    { selectors: [{ branch: 'feat-x' }], want: ['A@3'], why: 'branch: the latest on that branch' },
    { selectors: [{ deployed: true }], want: ['A@1'], why: 'deployed: versions currently deployed anywhere' },
    { selectors: [{ released: true }], want: ['B@1'], why: 'released: versions currently released and supported' },
    { selectors: [{ deployedOrReleased: true }], want: ['A@1', 'B@1'], why: 'deployedOrReleased: both kinds' },
    { selectors: [{ environment: 'staging' }], want: ['B@1'], why: 'environment: only that environment' },
    { selectors: [{ tag: 'prod', latest: true }], want: ['B@1'], why: 'tag with latest' },
    { selectors: [{ latest: true }], want: ['A@3', 'B@1'], why: 'latest: the newest version of each consumer' },
    { selectors: [{ latest: true, consumer: 'B' }], want: ['B@1'], why: 'consumer narrows any selector' },
    { selectors: [{ mainBranch: true }, { deployed: true }], want: ['A@2'], why: 'A 1 and A 2 have identical content: one pact to verify, not two' },
    { selectors: [], want: ['A@3', 'B@1'], why: 'no selectors: the latest pact of each consumer, as the broker does' },
  ])('$why', ({ selectors, want }) => {
    expect(select(selectors as ConsumerVersionSelector[])).toEqual(want);
  });

  it('matchingBranch follows the provider branch', () => {
    expect(select([{ matchingBranch: true }], { providerVersionBranch: 'feat-x' }), 'P on feat-x verifies A feat-x').toEqual(['A@3']);
    expect(select([{ matchingBranch: true }]), 'without a provider branch nothing matches').toEqual([]);
  });

  it('marks pending the content no provider version on the branch has verified, and explains why each was selected', () => {
    const result = selectPactsForVerification(view, { provider: 'P', consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }], includePendingStatus: true, providerVersionBranch: 'main' });
    const byConsumer = Object.fromEntries(result.map((s) => [s.pact.consumer, s]));
    expect(byConsumer.A!.pending, "A's content was verified by p1 on main").toBe(false);
    expect(byConsumer.B!.pending, 'B was never verified').toBe(true);
    expect(byConsumer.A!.notices[0]!.text, 'the notice lists every criterion the content matched').toMatch(/main branch 'main' \(2\).*currently deployed to production \(1\)/);
    expect(byConsumer.B!.notices[1]!.text).toMatch(/pending state.*will not cause the overall build to fail/);
  });

  it('adds WIP pacts published since the date that are pending and not otherwise selected', () => {
    expect(select([{ mainBranch: true }], { includePendingStatus: true, includeWipPactsSince: '2024-01-10', providerVersionBranch: 'main' }), 'A 3 (feat-x, day 20) is WIP; B 1 (day 3) is too old').toEqual(['A@2', 'A@3 pending wip']);
    expect(select([{ mainBranch: true }], { includeWipPactsSince: '2024-01-10' }), 'WIP needs pending status').toEqual(['A@2']);
  });
});

describe('can-i-deploy', () => {
  const integrated = ['A', 'B'];
  it.each([
    { who: { pacticipant: 'A', version: '2' }, deployable: true, why: 'A 2 has the content P p1 (in production) verified for A 1: reused by sha' },
    { who: { pacticipant: 'A', version: '3' }, deployable: null, why: 'A 3 has new content nobody verified: unknown (a no for the CLI)' },
    { who: { pacticipant: 'P', version: 'p1' }, deployable: true, why: 'P p1 verified the only consumer version in production' },
    { who: { pacticipant: 'P', version: 'p2' }, deployable: null, why: 'P p2 has verified nothing: unknown, which the CLI treats as no' },
  ])('$why', ({ who, deployable }) => {
    const answer = canIDeploy(view, who, { environment: 'production' }, who.pacticipant === 'P' ? integrated : ['P']);
    expect(answer.deployable).toBe(deployable);
  });

  it('a failed verification is a no, and the notice says so', () => {
    const failing: BrokerView = { ...view, verifications: [verified(pa3, 'p1', false), ...view.verifications] };
    const answer = canIDeploy(failing, { pacticipant: 'A', version: '3' }, { environment: 'production' }, ['P']);
    expect(answer.deployable).toBe(false);
    expect(answer.notices.map((n) => n.text)).toContain('The verification for the pact between version 3 of A and the version of P currently in production (p1) failed');
  });

  it('a consumer whose provider is not in the environment cannot be deployed there', () => {
    const answer = canIDeploy(view, { pacticipant: 'B', version: '1' }, { environment: 'staging' }, ['P']);
    expect(answer.deployable, 'nothing in staging can have verified B').toBe(false);
    expect(answer.notices[0]!.text).toMatch(/no such version exists/);
  });
});
