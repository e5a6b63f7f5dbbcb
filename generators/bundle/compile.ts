/**
 * Compiles a set of in-memory TypeScript files to ES modules + `.d.ts` with the TypeScript
 * compiler API. Sources never touch the disk: they live at virtual paths inside the repo,
 * so imports of `@nats-io/*` and `node:*` types resolve from the repo's node_modules.
 */
import path from 'node:path';
import ts from 'typescript';

export interface CompileResult {
  /** Output path (relative to the virtual root) → contents. */
  outputs: Map<string, string>;
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  rewriteRelativeImportExtensions: true,
  allowImportingTsExtensions: true,
  declaration: true,
  strict: true,
  skipLibCheck: true,
  esModuleInterop: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  types: ['node'],
  lib: ['lib.es2023.d.ts'],
  newLine: ts.NewLineKind.LineFeed,
};

/** `files`: path relative to `root` → source. Throws with every diagnostic if compilation fails. */
export function compileInMemory(root: string, files: Map<string, string>): CompileResult {
  const absolute = new Map([...files].map(([rel, text]) => [path.join(root, 'src', rel), text]));
  const options: ts.CompilerOptions = { ...OPTIONS, rootDir: path.join(root, 'src'), outDir: path.join(root, 'dist') };
  const host = ts.createCompilerHost(options, true);
  const outputs = new Map<string, string>();
  const base = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile };
  const virtualDirs = new Set<string>();
  for (const file of absolute.keys()) for (let d = path.dirname(file); d !== path.dirname(d); d = path.dirname(d)) virtualDirs.add(d);
  const baseDirectoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (dir) => virtualDirs.has(dir) || (baseDirectoryExists ? baseDirectoryExists(dir) : true);
  host.realpath = (file) => file;
  host.fileExists = (file) => absolute.has(file) || base.fileExists.call(host, file);
  host.readFile = (file) => absolute.get(file) ?? base.readFile.call(host, file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = absolute.get(file);
    return text !== undefined ? ts.createSourceFile(file, text, language, true) : base.getSourceFile.call(host, file, language, onError, create);
  };
  host.writeFile = (file, text) => void outputs.set(path.relative(path.join(root, 'dist'), file).split(path.sep).join('/'), text);
  const roots = [...absolute.keys()].filter((f) => f.endsWith('.ts'));
  const program = ts.createProgram(roots, options, host);
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  if (diagnostics.length > 0) {
    const text = ts.formatDiagnostics(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => '\n',
    });
    throw new Error(`the client bundle does not compile:\n${text}`);
  }
  return { outputs };
}
