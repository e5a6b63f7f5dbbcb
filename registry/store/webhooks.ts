/** Queries for broker webhooks and their delivery log (the only file that builds them). */
import { randomUUID } from 'node:crypto';
import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '#registry/db/connect.ts';
import { brokerWebhookDeliveries, brokerWebhooks, type BrokerWebhookDeliveryRow, type BrokerWebhookRow } from '#registry/db/schema/broker.ts';

export type { BrokerWebhookDeliveryRow, BrokerWebhookRow };
export type WebhookInput = Omit<BrokerWebhookRow, 'uuid' | 'createdAt'>;

export const listWebhooks = (db: Database): Promise<BrokerWebhookRow[]> => db.select().from(brokerWebhooks).orderBy(asc(brokerWebhooks.createdAt));

export async function findWebhook(db: Database, uuid: string): Promise<BrokerWebhookRow | undefined> {
  const [row] = await db.select().from(brokerWebhooks).where(eq(brokerWebhooks.uuid, uuid)).limit(1);
  return row;
}

/** Creates the webhook, or replaces it when `uuid` exists (PUT /webhooks/{uuid}). */
export async function saveWebhook(db: Database, input: WebhookInput, uuid: string = randomUUID()): Promise<{ row: BrokerWebhookRow; created: boolean }> {
  const existing = await findWebhook(db, uuid);
  if (existing) {
    const [row] = await db.update(brokerWebhooks).set(input).where(eq(brokerWebhooks.uuid, uuid)).returning();
    return { row: row!, created: false };
  }
  const [row] = await db.insert(brokerWebhooks).values({ ...input, uuid }).returning();
  return { row: row!, created: true };
}

export async function deleteWebhook(db: Database, uuid: string): Promise<boolean> {
  return (await db.delete(brokerWebhooks).where(eq(brokerWebhooks.uuid, uuid)).returning({ uuid: brokerWebhooks.uuid })).length > 0;
}

export async function logDelivery(db: Database, row: Omit<BrokerWebhookDeliveryRow, 'id' | 'createdAt'>): Promise<void> {
  await db.insert(brokerWebhookDeliveries).values(row);
}

export const deliveriesOf = (db: Database, uuid: string, limit = 100): Promise<BrokerWebhookDeliveryRow[]> =>
  db.select().from(brokerWebhookDeliveries).where(eq(brokerWebhookDeliveries.webhookUuid, uuid)).orderBy(desc(brokerWebhookDeliveries.id)).limit(limit);
