/**
 * The Pact Broker's model (docs.pact.io/pact_broker): pacticipants (applications), their
 * versions, the branches and tags of a version, environments, deployed and released
 * versions, and webhooks with their delivery log. Pacts and verification results are the
 * tables in `pacts.ts`; a pact's version is `evc_pacts.content_sha256`, so a verification
 * recorded against one consumer version counts for every version with identical content.
 */
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const brokerPacticipants = pgTable('evc_broker_pacticipants', {
  id: serial('id').primaryKey(),
  name: text('name').notNull().unique('evc_broker_pacticipants_name_key'),
  displayName: text('display_name'),
  mainBranch: text('main_branch'),
  repositoryUrl: text('repository_url'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const brokerVersions = pgTable(
  'evc_broker_versions',
  {
    id: serial('id').primaryKey(),
    pacticipantId: integer('pacticipant_id').notNull().references(() => brokerPacticipants.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    buildUrl: text('build_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_broker_versions_key').on(t.pacticipantId, t.number)],
);

/** A version can be on several branches (the broker's branch versions). */
export const brokerBranchVersions = pgTable(
  'evc_broker_branch_versions',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id').notNull().references(() => brokerVersions.id, { onDelete: 'cascade' }),
    branch: text('branch').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_broker_branch_versions_key').on(t.versionId, t.branch)],
);

export const brokerTags = pgTable(
  'evc_broker_tags',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id').notNull().references(() => brokerVersions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evc_broker_tags_key').on(t.versionId, t.name)],
);

export const brokerEnvironments = pgTable('evc_broker_environments', {
  uuid: text('uuid').primaryKey(),
  name: text('name').notNull().unique('evc_broker_environments_name_key'),
  displayName: text('display_name'),
  production: boolean('production').notNull().default(false),
  contacts: jsonb('contacts'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Deployed versions (`kind` deployment, `current` = currently deployed) and released versions (`current` = currently supported). */
export const brokerDeployments = pgTable(
  'evc_broker_deployments',
  {
    uuid: text('uuid').primaryKey(),
    kind: text('kind').$type<'deployment' | 'release'>().notNull(),
    versionId: integer('version_id').notNull().references(() => brokerVersions.id, { onDelete: 'cascade' }),
    environmentUuid: text('environment_uuid').notNull().references(() => brokerEnvironments.uuid, { onDelete: 'cascade' }),
    /** The application instance (`--application-instance`); '' when none. */
    target: text('target').notNull().default(''),
    current: boolean('current').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('evc_broker_deployments_env_idx').on(t.environmentUuid, t.current)],
);

export const brokerWebhooks = pgTable('evc_broker_webhooks', {
  uuid: text('uuid').primaryKey(),
  description: text('description'),
  /** Event names: contract_published, contract_content_changed, provider_verification_published. */
  events: jsonb('events').$type<string[]>().notNull(),
  consumer: text('consumer'),
  provider: text('provider'),
  /** `{ method, url, headers, body }` as the broker's webhook request. */
  request: jsonb('request').$type<{ method: string; url: string; headers?: Record<string, string>; body?: unknown }>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const brokerWebhookDeliveries = pgTable(
  'evc_broker_webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    webhookUuid: text('webhook_uuid').notNull().references(() => brokerWebhooks.uuid, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    attempt: integer('attempt').notNull(),
    url: text('url').notNull(),
    status: integer('status'),
    success: boolean('success').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evc_broker_webhook_deliveries_hook_idx').on(t.webhookUuid, t.id)],
);

export type BrokerPacticipantRow = typeof brokerPacticipants.$inferSelect;
export type BrokerVersionRow = typeof brokerVersions.$inferSelect;
export type BrokerEnvironmentRow = typeof brokerEnvironments.$inferSelect;
export type BrokerDeploymentRow = typeof brokerDeployments.$inferSelect;
export type BrokerWebhookRow = typeof brokerWebhooks.$inferSelect;
export type BrokerWebhookDeliveryRow = typeof brokerWebhookDeliveries.$inferSelect;
