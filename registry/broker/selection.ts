/**
 * Pacts for verification (docs.pact.io/pact_broker/advanced_topics/consumer_version_selectors,
 * docs.pact.io/pending, docs.pact.io/wip): which pact versions a provider build verifies, why
 * (the notices), and whether each is pending. Pure: works on a `BrokerView`.
 * Pacts are deduplicated by content (one entry per consumer and sha), as the broker does.
 */
import { verificationOf, type BrokerView, type PactInfo, type VersionInfo } from './model.ts';

export interface ConsumerVersionSelector {
  consumer?: string;
  mainBranch?: boolean;
  branch?: string;
  matchingBranch?: boolean;
  fallbackBranch?: string;
  deployedOrReleased?: boolean;
  deployed?: boolean;
  released?: boolean;
  environment?: string;
  latest?: boolean;
  tag?: string;
  fallbackTag?: string;
}

export interface VerificationRequest {
  provider: string;
  consumerVersionSelectors: ConsumerVersionSelector[];
  providerVersionBranch?: string;
  providerVersionTags?: string[];
  includePendingStatus?: boolean;
  /** ISO date: also include WIP pacts published since. */
  includeWipPactsSince?: string;
}

export interface SelectedPact {
  pact: PactInfo;
  /** Why it was selected, one line per matching selector. */
  reasons: string[];
  pending: boolean;
  wip: boolean;
  notices: { when: string; text: string }[];
}

const latestOnly = <T extends { pacticipant: string }>(versions: T[]): T[] => {
  const last = new Map<string, T>();
  for (const v of versions) last.set(v.pacticipant, v);
  return [...last.values()];
};

/** Consumer versions (with a pact for the provider) that one selector picks, and how to say why. */
function pick(view: BrokerView, s: ConsumerVersionSelector, req: VerificationRequest, candidates: VersionInfo[]): { versions: VersionInfo[]; why: (v: VersionInfo) => string } {
  const mine = candidates.filter((v) => !s.consumer || v.pacticipant === s.consumer);
  const onBranch = (branch: string) => latestOnly(mine.filter((v) => v.branches.includes(branch)));
  if (s.mainBranch) {
    return { versions: latestOnly(mine.filter((v) => { const m = view.mainBranches.get(v.pacticipant); return !!m && v.branches.includes(m); })), why: (v) => `latest version of ${v.pacticipant} from the main branch '${view.mainBranches.get(v.pacticipant)}' (${v.number})` };
  }
  if (s.matchingBranch) {
    const branch = req.providerVersionBranch ?? '';
    return { versions: branch ? onBranch(branch) : [], why: (v) => `latest version of ${v.pacticipant} from the branch matching the provider branch '${branch}' (${v.number})` };
  }
  if (s.branch !== undefined) {
    let versions = s.latest === false ? mine.filter((v) => v.branches.includes(s.branch!)) : onBranch(s.branch);
    let branch = s.branch;
    if (versions.length === 0 && s.fallbackBranch) (versions = onBranch(s.fallbackBranch)), (branch = s.fallbackBranch);
    return { versions, why: (v) => `latest version of ${v.pacticipant} from branch '${branch}' (${v.number})` };
  }
  if (s.deployedOrReleased || s.deployed || s.released || s.environment) {
    const kinds = s.deployed ? ['deployment'] : s.released ? ['release'] : ['deployment', 'release'];
    const deps = view.deployments.filter((d) => kinds.includes(d.kind) && (!s.environment || d.environment === s.environment));
    const versions = mine.filter((v) => deps.some((d) => d.versionId === v.id));
    return {
      versions,
      why: (v) => {
        const d = deps.find((x) => x.versionId === v.id)!;
        return `version(s) of ${v.pacticipant} currently ${d.kind === 'release' ? 'released and supported' : 'deployed'} to ${d.environment} (${v.number})`;
      },
    };
  }
  if (s.tag !== undefined) {
    let tag = s.tag;
    let versions = s.latest ? latestOnly(mine.filter((v) => v.tags.includes(tag))) : mine.filter((v) => v.tags.includes(tag));
    if (versions.length === 0 && s.fallbackTag) (tag = s.fallbackTag), (versions = latestOnly(mine.filter((v) => v.tags.includes(tag))));
    return { versions, why: (v) => `${s.latest ? 'latest ' : ''}version of ${v.pacticipant} with tag '${tag}' (${v.number})` };
  }
  return { versions: latestOnly(mine), why: (v) => `latest version of ${v.pacticipant} (${v.number})` };
}

/**
 * Pending: no successful verification of this content by a provider version on the
 * provider's branch (or, without a branch, by any version) yet, so a failure must not
 * fail the provider's build.
 */
function isPending(view: BrokerView, pact: PactInfo, req: VerificationRequest, providerVersions: VersionInfo[]): boolean {
  const branch = req.providerVersionBranch;
  const tags = req.providerVersionTags ?? [];
  const counts = (providerVersion: string) => {
    if (!branch && tags.length === 0) return true;
    const v = providerVersions.find((x) => x.number === providerVersion);
    return !!v && ((!!branch && v.branches.includes(branch)) || tags.some((t) => v.tags.includes(t)));
  };
  return !verificationOf(view, pact, undefined, (v) => v.success && counts(v.providerVersion));
}

export function selectPactsForVerification(view: BrokerView, req: VerificationRequest): SelectedPact[] {
  const forProvider = view.pacts.filter((p) => p.provider === req.provider);
  const pactOf = new Map<string, PactInfo>();
  for (const p of forProvider) pactOf.set(`${p.consumer}\u0000${p.consumerVersion}`, p);
  const candidates = view.versions.filter((v) => pactOf.has(`${v.pacticipant}\u0000${v.number}`));
  const providerVersions = view.versions.filter((v) => v.pacticipant === req.provider);
  // No selectors: the latest pact of each consumer, as the broker does.
  const selectors = req.consumerVersionSelectors.length > 0 ? req.consumerVersionSelectors : [{ latest: true }];
  const selected = new Map<string, SelectedPact>();
  for (const s of selectors) {
    const { versions, why } = pick(view, s, req, candidates);
    for (const v of versions) {
      const pact = pactOf.get(`${v.pacticipant}\u0000${v.number}`)!;
      const key = `${pact.consumer}\u0000${pact.sha}`;
      const entry = selected.get(key) ?? { pact, reasons: [], pending: false, wip: false, notices: [] };
      const reason = why(v);
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
      if (pact.id > entry.pact.id) entry.pact = pact;
      selected.set(key, entry);
    }
  }
  if (req.includeWipPactsSince && req.includePendingStatus) {
    const since = new Date(req.includeWipPactsSince);
    // WIP: the latest pact of each consumer branch published since the date that is still pending and was not selected.
    const latestPerBranch = new Map<string, VersionInfo>();
    for (const v of candidates) for (const b of v.branches.length ? v.branches : ['']) latestPerBranch.set(`${v.pacticipant}\u0000${b}`, v);
    for (const v of latestPerBranch.values()) {
      const pact = pactOf.get(`${v.pacticipant}\u0000${v.number}`)!;
      const key = `${pact.consumer}\u0000${pact.sha}`;
      if (selected.has(key) || !(pact.createdAt >= since) || !isPending(view, pact, req, providerVersions)) continue;
      selected.set(key, { pact, reasons: [`work in progress pact of ${v.pacticipant} (${v.number}${v.branches.length ? `, branch '${v.branches.join("', '")}'` : ''}) published since ${req.includeWipPactsSince}`], pending: true, wip: true, notices: [] });
    }
  }
  for (const entry of selected.values()) {
    const url = `pact between ${entry.pact.consumer} and ${req.provider}`;
    if (entry.wip) {
      entry.notices.push({ when: 'before_verification', text: `The ${url} is being verified because it is a 'work in progress' pact (ie. it is the pact for the latest version of a consumer branch and is in pending state for this provider): ${entry.reasons[0]}.` });
    } else {
      entry.notices.push({ when: 'before_verification', text: `The ${url} is being verified because the pact content belongs to the consumer version(s) matching the following criteria: ${entry.reasons.join(', ')}` });
    }
    if (req.includePendingStatus) {
      entry.pending = entry.wip || isPending(view, entry.pact, req, providerVersions);
      const branch = req.providerVersionBranch ? ` on branch '${req.providerVersionBranch}'` : '';
      entry.notices.push(
        entry.pending
          ? { when: 'before_verification', text: `This pact is in pending state for this version of ${req.provider} because a successful verification result for it has not yet been published by ${req.provider}${branch}. If this verification fails, it will not cause the overall build to fail.` }
          : { when: 'before_verification', text: `This pact has previously been successfully verified by ${req.provider}${branch}. If this verification fails, it will fail the build.` },
      );
    }
  }
  return [...selected.values()].sort((a, b) => a.pact.consumer.localeCompare(b.pact.consumer) || a.pact.id - b.pact.id);
}
