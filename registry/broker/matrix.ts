/**
 * The matrix and can-i-deploy, as the Pact Broker answers `GET /matrix?q[][pacticipant]=A
 * &q[][version]=1&latestby=cvp&environment=production` (docs.pact.io/pact_broker/can_i_deploy).
 * Pure: resolves the selectors against a `BrokerView`, pairs each selected version with
 * the versions of its integrated pacticipants in the target (an environment, a tag, or
 * the latest), and says which rows have a successful verification of that pact content.
 */
import { latestVersion, verificationOf, type BrokerView, type Notice, type PactInfo, type VerificationInfo, type VersionInfo } from './model.ts';

export interface MatrixSelector {
  pacticipant: string;
  version?: string;
  latest?: boolean;
  tag?: string;
  branch?: string;
  mainBranch?: boolean;
}

/** Where the selected version is going: the versions of the other pacticipants it must work with. */
export interface MatrixTarget {
  environment?: string;
  tag?: string;
  /** Against the latest version of each integrated pacticipant (`latest=true` with no tag / environment). */
  latest?: boolean;
}

export interface MatrixRow {
  consumer: string;
  consumerVersion: string;
  provider: string;
  providerVersion: string | null;
  pact: PactInfo;
  verification: VerificationInfo | undefined;
}

export interface MatrixAnswer {
  rows: MatrixRow[];
  /** true: all verified; false: a failure or a missing version; null: verifications missing. */
  deployable: boolean | null;
  reason: string;
  notices: Notice[];
  counts: { success: number; failed: number; unknown: number };
}

const describeSelector = (s: MatrixSelector): string =>
  s.version ? `${s.pacticipant} (${s.version})` : s.branch ? `the latest version of ${s.pacticipant} from branch ${s.branch}` : s.mainBranch ? `the latest version of ${s.pacticipant} from its main branch` : s.tag ? `the latest version of ${s.pacticipant} with tag ${s.tag}` : `the latest version of ${s.pacticipant}`;

/**
 * The version a selector names. An explicit version the broker has not seen yet (a
 * provider build that has verified nothing, or evc's document version) still gets an
 * answer: it is checked as a version with no branches, tags or verifications.
 */
export function resolveSelector(view: BrokerView, s: MatrixSelector): VersionInfo | undefined {
  if (s.version) return latestVersion(view, s.pacticipant, (v) => v.number === s.version) ?? { id: -1, pacticipant: s.pacticipant, number: s.version, buildUrl: null, createdAt: new Date(0), branches: [], tags: [] };
  const main = view.mainBranches.get(s.pacticipant) ?? undefined;
  return latestVersion(view, s.pacticipant, (v) => (!s.tag || v.tags.includes(s.tag)) && (!s.branch || v.branches.includes(s.branch)) && (!s.mainBranch || (main !== undefined && v.branches.includes(main))));
}

/** The versions of `other` in the target, and how to name them in a notice. */
function targetVersions(view: BrokerView, other: string, target: MatrixTarget): { numbers: string[]; where: string } {
  if (target.environment) {
    const numbers = [...new Set(view.deployments.filter((d) => d.pacticipant === other && d.environment === target.environment).map((d) => d.versionNumber))];
    return { numbers, where: `currently in ${target.environment}` };
  }
  const v = latestVersion(view, other, (x) => !target.tag || x.tags.includes(target.tag));
  return { numbers: v ? [v.number] : [], where: target.tag ? `with tag ${target.tag}` : 'latest' };
}

const latestPact = (view: BrokerView, provider: string, consumer: string, consumerVersion: string): PactInfo | undefined => {
  for (let i = view.pacts.length - 1; i >= 0; i--) {
    const p = view.pacts[i]!;
    if (p.provider === provider && p.consumer === consumer && p.consumerVersion === consumerVersion) return p;
  }
  return undefined;
};

function rowNotice(row: MatrixRow, selected: 'consumer' | 'provider', where: string): Notice {
  const c = selected === 'consumer' ? `version ${row.consumerVersion} of ${row.consumer}` : `the version of ${row.consumer} ${where} (${row.consumerVersion})`;
  const p = selected === 'provider' ? `version ${row.providerVersion} of ${row.provider}` : row.providerVersion ? `the version of ${row.provider} ${where} (${row.providerVersion})` : `a version of ${row.provider} ${where} (no such version exists)`;
  if (!row.verification) return { type: 'error', text: `There is no verified pact between ${c} and ${p}` };
  if (!row.verification.success) return { type: 'error', text: `The verification for the pact between ${c} and ${p} failed` };
  return { type: 'success', text: `The verification for the pact between ${c} and ${p} passed` };
}

/** can-i-deploy for one selected version against a target (the broker's single-selector matrix). */
export function canIDeploy(view: BrokerView, selector: MatrixSelector, target: MatrixTarget, integrated: string[]): MatrixAnswer {
  const version = resolveSelector(view, selector);
  if (!version) {
    const text = `No version matches ${describeSelector(selector)}: publish it (pact-broker publish / create-or-update-version) first`;
    return { rows: [], deployable: false, reason: text, notices: [{ type: 'error', text }], counts: { success: 0, failed: 0, unknown: 0 } };
  }
  const name = version.pacticipant;
  const rows: MatrixRow[] = [];
  const notices: Notice[] = version.id === -1 ? [{ type: 'warning', text: `Version ${version.number} of ${name} is not known to the broker yet (no pact or verification published for it)` }] : [];
  let missingProvider = 0;
  for (const other of integrated) {
    const { numbers, where } = targetVersions(view, other, target);
    // As consumer: my pact at this version must be verified by each provider version in the target.
    const mine = latestPact(view, other, name, version.number);
    if (mine) {
      if (numbers.length === 0) {
        const row: MatrixRow = { consumer: name, consumerVersion: version.number, provider: other, providerVersion: null, pact: mine, verification: undefined };
        rows.push(row);
        notices.push(rowNotice(row, 'consumer', where));
        missingProvider++;
      }
      for (const n of numbers) {
        const row: MatrixRow = { consumer: name, consumerVersion: version.number, provider: other, providerVersion: n, pact: mine, verification: verificationOf(view, mine, n) };
        rows.push(row);
        notices.push(rowNotice(row, 'consumer', where));
      }
    }
    // As provider: each consumer version in the target that has a pact with me must be verified by this version.
    for (const n of numbers) {
      const theirs = latestPact(view, name, other, n);
      if (!theirs) continue;
      const row: MatrixRow = { consumer: other, consumerVersion: n, provider: name, providerVersion: version.number, pact: theirs, verification: verificationOf(view, theirs, version.number) };
      rows.push(row);
      notices.push(rowNotice(row, 'provider', where));
    }
  }
  const failed = rows.filter((r) => r.verification && !r.verification.success).length;
  const unknown = rows.filter((r) => !r.verification).length;
  const success = rows.length - failed - unknown;
  const deployable = failed > 0 || missingProvider > 0 ? false : unknown > 0 ? null : true;
  const reason =
    deployable === true
      ? rows.length === 0
        ? `There are no missing dependencies: ${describeSelector(selector)} has no integrations ${target.environment ? `with anything in ${target.environment}` : 'to check'}`
        : 'All required verification results are published and successful'
      : failed > 0
        ? 'One or more of the verification results failed'
        : 'There are missing verification results';
  return { rows, deployable, reason, notices, counts: { success, failed, unknown } };
}

/** The plain matrix of several selected versions against each other (no target). */
export function matrixBetween(view: BrokerView, selectors: MatrixSelector[]): MatrixRow[] {
  const versions = selectors.map((s) => resolveSelector(view, s)).filter((v): v is VersionInfo => v !== undefined);
  const rows: MatrixRow[] = [];
  for (const c of versions) {
    for (const p of versions) {
      const pact = latestPact(view, p.pacticipant, c.pacticipant, c.number);
      if (pact) rows.push({ consumer: c.pacticipant, consumerVersion: c.number, provider: p.pacticipant, providerVersion: p.number, pact, verification: verificationOf(view, pact, p.number) });
    }
  }
  return rows;
}
