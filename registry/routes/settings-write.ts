/**
 * The one write path for levels, policies and modes on both APIs: read the rows, let
 * `planSettingsChange` decide what the caller's role may do, then write and audit.
 */
import type { Context } from 'hono';
import { appendAudit } from '#registry/store/audit.ts';
import { deleteConfig, readStoredConfig, writeConfig } from '#registry/store/config.ts';
import { actorOf, authorizeWrite } from '../auth.ts';
import type { AppEnv, Services } from '../context.ts';
import { planSettingsChange, type SettingsPatch } from '../domain/settings-change.ts';
import type { Settings } from '../domain/settings.ts';
import { forbidden, readOnly } from '../errors.ts';

export async function changeSettings(
  c: Context<AppEnv>,
  services: Services,
  subject: string | undefined,
  change: SettingsPatch | 'delete',
  action: 'config' | 'mode' | 'config-delete',
): Promise<{ before: Settings; after: Settings; acknowledged: string[] }> {
  // Global settings are admin-only outright; a subject's may be "set" by publish tokens only
  // when nothing effective changes (see domain/settings-change.ts).
  const principal = await authorizeWrite(c, services, subject === undefined ? 'admin' : 'publish');
  const global = await readStoredConfig(services.db);
  const own = subject === undefined ? undefined : await readStoredConfig(services.db, subject);
  const plan = planSettingsChange({ global, own, scope: subject === undefined ? 'global' : 'subject', change, role: principal.role });
  const where = subject === undefined ? 'the global settings' : `the settings of '${subject}'`;
  if (plan.outcome === 'read-only') throw readOnly(subject);
  if (plan.outcome === 'forbidden') {
    services.log(`auth: 403 ${c.req.method} ${c.req.path}: token ${actorOf(principal)} (${principal.role}) tried ${plan.reasons.join('; ')}`);
    throw forbidden(`${plan.reasons.join('; ')} on ${where} needs an admin token (this token, ${principal.name}, has role ${principal.role}). Ask an admin, or keep the current settings.`);
  }
  if (plan.patch === 'delete') await deleteConfig(services.db, subject!);
  else if (Object.keys(plan.patch).length > 0) await writeConfig(services.db, subject, plan.patch);
  const detail = plan.patch === 'delete' ? undefined : { ...plan.patch, ...(plan.acknowledged.length ? { acknowledged: plan.acknowledged } : {}) };
  await appendAudit(services.db, [{ actor: actorOf(principal), action, subject: subject ?? null, ...(detail ? { detail } : {}) }]);
  return plan;
}
