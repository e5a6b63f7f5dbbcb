/**
 * Picks how a consumer contract test delivers messages to an agent: through the
 * agent's generated consumer when `generated/<agent>/` exists (the normal case for
 * the seed), else straight from the catalog (Ajv + probe: the same validation the
 * generated consumer runs), e.g. for a document whose clients were not generated.
 */
import type { Deliver } from './consumer-harness.ts';
import { catalogDelivery } from './consumer-delivery.ts';
import { generatedDelivery, hasGeneratedConsumer } from './generated-delivery.ts';
import { loadCatalogCached } from './seed.ts';

export async function deliveryFor(consumer: string): Promise<Deliver> {
  const catalog = await loadCatalogCached();
  if (process.env.EVC_PACT_DELIVERY !== 'catalog' && hasGeneratedConsumer(consumer)) return generatedDelivery(catalog, consumer);
  return catalogDelivery(catalog);
}
