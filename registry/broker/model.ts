/**
 * Plain data the broker decisions work on (no drizzle, no Hono): what `store/broker.ts`
 * `loadView` returns and what `matrix.ts` / `selection.ts` read. A UI can render these.
 */
export interface VersionInfo {
  id: number;
  pacticipant: string;
  number: string;
  buildUrl: string | null;
  createdAt: Date;
  branches: string[];
  tags: string[];
}

export interface PactInfo {
  id: number;
  provider: string;
  consumer: string;
  consumerVersion: string;
  /** The pact version: sha-256 of the canonical content. */
  sha: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface VerificationInfo {
  id: number;
  pactId: number;
  provider: string;
  consumer: string;
  sha: string;
  providerVersion: string;
  success: boolean;
  createdAt: Date;
}

export interface DeploymentInfo {
  uuid: string;
  kind: 'deployment' | 'release';
  pacticipant: string;
  versionNumber: string;
  versionId: number;
  environment: string;
  environmentUuid: string;
  target: string;
  current: boolean;
  createdAt: Date;
  endedAt: Date | null;
}

export interface BrokerView {
  /** Oldest first (the broker orders versions by creation). */
  versions: VersionInfo[];
  /** Current deployments and releases. */
  deployments: DeploymentInfo[];
  pacts: PactInfo[];
  /** Newest first. */
  verifications: VerificationInfo[];
  mainBranches: Map<string, string | null>;
}

/** The broker's notice: `type` for the CLI's colours, `text` for people. */
export interface Notice {
  type: 'success' | 'error' | 'warning' | 'info' | 'prompt';
  text: string;
}

/** The latest version of `pacticipant` matching `keep` (newest created last). */
export function latestVersion(view: BrokerView, pacticipant: string, keep: (v: VersionInfo) => boolean = () => true): VersionInfo | undefined {
  for (let i = view.versions.length - 1; i >= 0; i--) {
    const v = view.versions[i]!;
    if (v.pacticipant === pacticipant && keep(v)) return v;
  }
  return undefined;
}

/** The latest verification of pact content `sha` by `provider` at `providerVersion` (any version when omitted). */
export const verificationOf = (view: BrokerView, pact: PactInfo, providerVersion?: string, keep: (v: VerificationInfo) => boolean = () => true): VerificationInfo | undefined =>
  view.verifications.find((v) => v.provider === pact.provider && v.consumer === pact.consumer && v.sha === pact.sha && (providerVersion === undefined || v.providerVersion === providerVersion) && keep(v));
