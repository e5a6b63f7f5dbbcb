/**
 * Every route module, mounted in this order. To add a resource, write
 * `registry/routes/<resource>.ts` exporting a `RouteModule` and append it here; its
 * `openapi` fragment is merged into `/openapi.json` automatically.
 */
import { clientsRoutes } from './clients.ts';
import { configV1Routes } from './config-v1.ts';
import { confluentCompatibilityRoutes } from './confluent-compatibility.ts';
import { confluentConfigRoutes } from './confluent-config.ts';
import { confluentSchemasRoutes } from './confluent-schemas.ts';
import { confluentSubjectsRoutes } from './confluent-subjects.ts';
import { documentsRoutes } from './documents.ts';
import { pactsRoutes } from './pacts.ts';
import { brokerEnvironmentsRoutes } from './broker-environments.ts';
import { brokerMatrixRoutes } from './broker-matrix.ts';
import { brokerPacticipantsRoutes } from './broker-pacticipants.ts';
import { brokerPactsRoutes } from './broker-pacts.ts';
import { brokerVerificationRoutes } from './broker-verification.ts';
import { brokerWebhooksRoutes } from './broker-webhooks.ts';
import { eventsRoutes } from './events.ts';
import { healthProbeRoutes } from './health-probes.ts';
import { schemasV1Routes } from './schemas-v1.ts';
import { serviceRoutes } from './service.ts';
import { tokensRoutes } from './tokens.ts';
import type { RouteModule } from './types.ts';
import { uiRoutes } from '../ui/module.ts';

export type { RouteModule } from './types.ts';

export const routeModules: RouteModule[] = [
  serviceRoutes,
  healthProbeRoutes,
  documentsRoutes,
  eventsRoutes,
  schemasV1Routes,
  configV1Routes,
  tokensRoutes,
  confluentSubjectsRoutes,
  confluentSchemasRoutes,
  confluentCompatibilityRoutes,
  confluentConfigRoutes,
  clientsRoutes,
  pactsRoutes,
  brokerPactsRoutes,
  brokerVerificationRoutes,
  brokerPacticipantsRoutes,
  brokerEnvironmentsRoutes,
  brokerMatrixRoutes,
  brokerWebhooksRoutes,
  uiRoutes,
];
