/**
 * `generate:before` hook: the React renderer writes each <File> with fs.writeFile, which does
 * not create folders, so the per-agent folders are created first.
 */
const fs = require('node:fs');
const path = require('node:path');
const { loadRenderers } = require('../lib/renderers.cjs');

module.exports = {
  'generate:before': async (generator) => {
    const { parseCatalog, planCatalog } = await loadRenderers();
    const text = typeof generator.originalAsyncAPI === 'string' ? generator.originalAsyncAPI : JSON.stringify(generator.originalAsyncAPI);
    const params = generator.templateParams || {};
    const catalog = await parseCatalog(text, params.file || 'asyncapi.yaml');
    const plan = planCatalog(catalog, params.agent ? { agent: params.agent } : {});
    for (const agent of plan.agents) fs.mkdirSync(path.join(generator.targetDir, agent.folder), { recursive: true });
  },
};
