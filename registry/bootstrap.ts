/**
 * First-start work: make sure an admin token exists (from EVC_ADMIN_TOKEN, or freshly
 * generated and returned once so `evc serve` can print it), and register the seed
 * document when the database holds no events and no documents yet.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseCatalog } from '#catalog/load.ts';
import type { Database } from '#registry/db/connect.ts';
import { appendAudit } from '#registry/store/audit.ts';
import { countDocuments } from '#registry/store/documents.ts';
import { listSubjects } from '#registry/store/subjects.ts';
import { countActiveTokens, insertToken } from '#registry/store/tokens.ts';
import { registerDocument, type DocumentReport } from './domain/register-document.ts';
import { adminTokenProblem, generateToken, hashToken } from './domain/tokens.ts';

export interface BootstrapResult {
  /** Set only when a token was generated now: print it, it is not stored anywhere in clear. */
  generatedAdminToken?: string;
  adminTokenSource: 'generated' | 'env' | 'existing';
  seeded?: DocumentReport;
}

export async function bootstrap(db: Database, options: { adminToken?: string; seedFile?: string }): Promise<BootstrapResult> {
  let result: BootstrapResult;
  if (options.adminToken) {
    const problem = adminTokenProblem(options.adminToken);
    if (problem) throw new Error(problem);
    await insertToken(db, { name: 'bootstrap-admin', role: 'admin', hash: hashToken(options.adminToken), createdBy: 'bootstrap' });
    result = { adminTokenSource: 'env' };
  } else if ((await countActiveTokens(db, 'admin')) === 0) {
    const token = generateToken();
    const row = await insertToken(db, { name: 'bootstrap-admin', role: 'admin', hash: hashToken(token), createdBy: 'bootstrap' });
    await appendAudit(db, [{ actor: 'bootstrap', action: 'token-create', detail: { id: row.id, name: row.name, role: 'admin' } }]);
    result = { adminTokenSource: 'generated', generatedAdminToken: token };
  } else {
    result = { adminTokenSource: 'existing' };
  }
  const empty = (await listSubjects(db, { includeDeleted: true })).length === 0 && (await countDocuments(db)) === 0;
  if (empty && options.seedFile && existsSync(options.seedFile)) {
    const raw = readFileSync(options.seedFile, 'utf8');
    const catalog = await parseCatalog(raw, options.seedFile);
    result.seeded = await registerDocument(db, { catalog, raw, dryRun: false, actor: 'bootstrap' });
  }
  return result;
}
