/**
 * Publishing a pact (POST /contracts/publish, the per-pact PUT, `evc publish-pacts`): one
 * path that records the consumer version with its branch and tags, stores the pact, and
 * says which webhook events it causes. Re-publishing identical content is a no-op for the
 * pact; the version still gains the branch and tags.
 */
import type { Database } from '#registry/db/connect.ts';
import { canonicalJson, sha256Hex } from '#registry/domain/canonical.ts';
import { addBranch, addTag, ensurePacticipant, ensureVersion, findPacticipant, previousPactSha, updatePacticipant } from '#registry/store/broker.ts';
import { upsertPact, type PactRow } from '#registry/store/pacts.ts';
import { inTransaction } from '#registry/store/transaction.ts';
import type { WebhookEvent } from './webhooks.ts';

export interface PublishInput {
  consumer: string;
  provider: string;
  consumerVersion: string;
  content: unknown;
  branch?: string | undefined;
  tags?: string[] | undefined;
  buildUrl?: string | undefined;
}

export interface PublishOutcome {
  row: PactRow;
  created: boolean;
  changed: boolean;
  /** Events to send: always contract_published; contract_content_changed when the content differs from the previous pact. */
  events: WebhookEvent[];
}

/** Branch names that become a pacticipant's main branch when it has none yet (the broker's `auto_detect_main_branch`). */
export const MAIN_BRANCH_CANDIDATES = ['develop', 'main', 'master'];

export async function addBranchDetectingMain(db: Database, pacticipant: string, versionId: number, branch: string): Promise<void> {
  await addBranch(db, versionId, branch);
  if (!MAIN_BRANCH_CANDIDATES.includes(branch)) return;
  const p = await findPacticipant(db, pacticipant);
  if (p && !p.mainBranch) await updatePacticipant(db, pacticipant, { mainBranch: branch });
}

export async function publishPact(db: Database, input: PublishInput, actor: string): Promise<PublishOutcome> {
  return inTransaction(db, async (tx) => {
    const version = await ensureVersion(tx, input.consumer, input.consumerVersion, input.buildUrl);
    await ensurePacticipant(tx, input.provider);
    if (input.branch) await addBranchDetectingMain(tx, input.consumer, version.id, input.branch);
    for (const tag of input.tags ?? []) await addTag(tx, version.id, tag);
    const sha = sha256Hex(canonicalJson(input.content));
    const key = { provider: input.provider, consumer: input.consumer, consumerVersion: input.consumerVersion };
    const { row, created, changed } = await upsertPact(tx, key, input.content, sha, actor);
    const before = await previousPactSha(tx, input.provider, input.consumer, row.id);
    const events: WebhookEvent[] = ['contract_published'];
    if (changed && before !== sha) events.push('contract_content_changed');
    return { row, created, changed, events };
  });
}
