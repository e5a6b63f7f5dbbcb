/**
 * The one module of the generators that touches the disk: writes rendered files into an
 * output folder, or compares them with what is there (`evc generate --check`).
 *
 * Two rules keep it from touching anything else:
 * - every path is resolved and must stay inside `outDir` (no absolute paths, no `..`), checked
 *   before the first write or delete;
 * - it only deletes files it generated itself: `outDir/.evc-manifest.json` lists every file
 *   the last run wrote, and a file that is no longer generated is removed only if that
 *   manifest lists it. A folder without a manifest loses nothing.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './render/file.ts';
import { GenerationError } from './render/errors.ts';

export interface DriftReport {
  /** Files whose contents differ from the rendered ones. */
  changed: string[];
  /** Rendered files that do not exist on disk. */
  missing: string[];
  /** Files an earlier run generated (per the manifest) that the generator no longer produces. */
  extra: string[];
}

/** The list of generated files, relative to the output folder. */
export const MANIFEST = '.evc-manifest.json';

export const hasDrift = (report: DriftReport): boolean => report.changed.length + report.missing.length + report.extra.length > 0;

/** `outDir/rel`, refusing anything that would land outside `outDir`. */
export function insideOut(outDir: string, rel: string): string {
  const root = path.resolve(outDir);
  const target = path.resolve(root, rel);
  const back = path.relative(root, target);
  const segments = rel.split(/[\\/]/);
  if (path.isAbsolute(rel) || segments.includes('..') || back === '' || back.startsWith('..') || path.isAbsolute(back)) {
    throw new GenerationError(
      `refusing to write ${JSON.stringify(rel)}: it is not a file inside the output folder ${root}`,
      undefined,
      'agent ids and event types must be plain names (letters, digits, ".", "-", "_"); run `evc lint` on the document',
    );
  }
  return target;
}

interface Manifest {
  generator: 'evc';
  files: string[];
}

async function readManifest(outDir: string): Promise<string[]> {
  const text = await readFile(path.join(outDir, MANIFEST), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  try {
    const data = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(data.files) ? data.files.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return []; // an unreadable manifest deletes nothing
  }
}

const clientFolder = (rel: string): string => rel.split('/')[0]!;

/**
 * The manifest after this run: this run's files plus the earlier files of folders this run did
 * not render (`--agent` renders one folder and must not forget the others).
 */
function nextManifest(files: GeneratedFile[], previous: string[]): GeneratedFile {
  const folders = new Set(files.map((f) => clientFolder(f.path)));
  const kept = previous.filter((p) => !folders.has(clientFolder(p)));
  const list = [...new Set([...kept, ...files.map((f) => f.path)])].sort();
  return { path: MANIFEST, contents: `${JSON.stringify({ generator: 'evc', files: list } satisfies Manifest, null, 2)}\n` };
}

async function plan(files: GeneratedFile[], outDir: string): Promise<{ all: GeneratedFile[]; stale: string[] }> {
  for (const file of files) insideOut(outDir, file.path);
  const previous = await readManifest(outDir);
  const expected = new Set(files.map((f) => f.path));
  const folders = new Set(files.map((f) => clientFolder(f.path)));
  const stale: string[] = [];
  for (const rel of previous) {
    if (expected.has(rel) || !folders.has(clientFolder(rel))) continue;
    let target;
    try {
      target = insideOut(outDir, rel);
    } catch {
      continue; // a tampered manifest entry is never followed
    }
    if ((await readFile(target).catch(() => undefined)) !== undefined) stale.push(rel);
  }
  return { all: [...files, nextManifest(files, previous)], stale: stale.sort() };
}

/**
 * Writes every file under `outDir`. Files an earlier run generated in a regenerated client
 * folder that this run no longer produces (e.g. an event the agent stopped consuming) are
 * removed, so the folder is exactly the generator's output; hand-written files stay.
 */
export async function writeClients(files: GeneratedFile[], outDir: string): Promise<{ written: string[]; removed: string[] }> {
  const { all, stale } = await plan(files, outDir);
  for (const rel of stale) await rm(insideOut(outDir, rel), { force: true });
  const written: string[] = [];
  for (const file of all) {
    const target = insideOut(outDir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current !== file.contents) {
      await writeFile(target, file.contents);
      if (file.path !== MANIFEST) written.push(file.path);
    }
  }
  return { written, removed: stale };
}

/** Compares rendered files (and the manifest) with `outDir` without writing anything. */
export async function checkClients(files: GeneratedFile[], outDir: string): Promise<DriftReport> {
  const { all, stale } = await plan(files, outDir);
  const report: DriftReport = { changed: [], missing: [], extra: stale };
  for (const file of all) {
    const current = await readFile(insideOut(outDir, file.path), 'utf8').catch(() => undefined);
    if (current === undefined) report.missing.push(file.path);
    // The manifest changes exactly when files are added or dropped, which is reported already.
    else if (current !== file.contents && file.path !== MANIFEST) report.changed.push(file.path);
  }
  return report;
}
