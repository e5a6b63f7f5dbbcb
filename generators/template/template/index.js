/**
 * The AsyncAPI Generator entry of evc's client template (React render engine). Each
 * generated file becomes one <File>; the contents come from the same pure renderers
 * `evc generate` uses (generators/render), so both paths produce identical output.
 *
 * The renderers are TypeScript: run the generator in a process with tsx registered
 * (`evc` does; from the AsyncAPI CLI use NODE_OPTIONS="--import tsx").
 */
import path from 'node:path';
import { File } from '@asyncapi/generator-react-sdk';

// Loaded at run time (not bundled by the generator's Rollup step); __dirname is __transpiled/.
const { loadRenderers } = require(path.resolve(__dirname, '../lib/renderers.cjs'));

export default async function ({ originalAsyncAPI, params }) {
  const { parseCatalog, renderClients } = await loadRenderers();
  const text = typeof originalAsyncAPI === 'string' ? originalAsyncAPI : JSON.stringify(originalAsyncAPI);
  const catalog = await parseCatalog(text, params.file || 'asyncapi.yaml');
  const files = await renderClients(catalog, {
    ...(params.agent ? { agent: params.agent } : {}),
    ...(params.runtimeImport ? { runtimeImport: params.runtimeImport } : {}),
  });
  return files.map((file) => <File name={file.path}>{file.contents}</File>);
}
