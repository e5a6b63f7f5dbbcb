/**
 * Loads the TypeScript renderers and the catalog loader from the repository. Kept out of
 * template/ so the generator's Rollup/Babel step never rewrites the dynamic import into a
 * require() (which cannot load ESM TypeScript).
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const repo = path.resolve(__dirname, '../../..');
// eslint-disable-next-line no-new-func -- a real import(), untouched by the template transpiler.
const importEsm = new Function('specifier', 'return import(specifier)');

exports.loadRenderers = async () => {
  const [generators, catalog] = await Promise.all([
    importEsm(pathToFileURL(path.join(repo, 'generators/index.ts')).href),
    importEsm(pathToFileURL(path.join(repo, 'catalog/load.ts')).href),
  ]);
  return { renderClients: generators.renderClients, planCatalog: generators.planCatalog, parseCatalog: catalog.parseCatalog };
};
