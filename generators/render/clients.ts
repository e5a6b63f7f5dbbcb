/**
 * Renders every generated file of every agent's client (or of one agent). Pure: catalog in,
 * `{ path, contents }[]` out, sorted by path. The only disk IO lives in ../write.ts.
 */
import type { Catalog } from '#catalog/model.ts';
import type { GeneratedFile } from './file.ts';
import { generatedHeader } from './header.ts';
import { planCatalog } from './plan.ts';
import { renderTypes } from './types.ts';
import { renderValidators } from './validators.ts';
import { renderContracts } from './contracts.ts';
import { renderProducer } from './producer.ts';
import { renderConsumer } from './consumer.ts';
import { renderIndex } from './index-file.ts';
import { builtValidatorsOf } from './built-fields.ts';

export interface RenderOptions {
  /** Only this agent's client. */
  agent?: string;
  /**
   * Module specifier of the runtime in generated imports: the package name, which resolves
   * wherever event-contracts is a dependency (and inside this repository by self-reference);
   * client bundles use `./runtime/index.ts` (rewritten to `.js` on compile).
   */
  runtimeImport?: string;
}

export const DEFAULT_RUNTIME_IMPORT = 'event-contracts/runtime';

export async function renderClients(catalog: Catalog, options: RenderOptions = {}): Promise<GeneratedFile[]> {
  const runtimeImport = options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
  const plan = planCatalog(catalog, options.agent === undefined ? {} : { agent: options.agent });
  const files: GeneratedFile[] = [];
  for (const agent of plan.agents) {
    const header = generatedHeader(catalog, agent.agent);
    const producer = renderProducer(agent, header, runtimeImport);
    const consumer = renderConsumer(agent, header, runtimeImport);
    const built = builtValidatorsOf(agent);
    files.push(
      await renderTypes(agent, header),
      ...renderValidators(agent, header, built),
      renderContracts(agent, catalog, header, runtimeImport, built),
      ...(producer ? [producer] : []),
      ...(consumer ? [consumer] : []),
      renderIndex(agent, header, runtimeImport, { producer: Boolean(producer), consumer: Boolean(consumer) }),
    );
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
