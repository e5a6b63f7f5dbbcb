/**
 * The one module of the generators that touches the disk: writes rendered files into an
 * output folder, or compares them with what is there (`evc generate --check`).
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratedFile } from './render/file.ts';

export interface DriftReport {
  /** Files whose contents differ from the rendered ones. */
  changed: string[];
  /** Rendered files that do not exist on disk. */
  missing: string[];
  /** Files in a generated client folder that the generator no longer produces. */
  extra: string[];
}

export const hasDrift = (report: DriftReport): boolean => report.changed.length + report.missing.length + report.extra.length > 0;

const clientFolders = (files: GeneratedFile[]): string[] => [...new Set(files.map((f) => f.path.split('/')[0]!))].sort();

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/**
 * Writes every file under `outDir`. Files left over in a regenerated client folder from an
 * earlier run (e.g. an event the agent no longer consumes) are removed, so the folder is
 * exactly the generator's output.
 */
export async function writeClients(files: GeneratedFile[], outDir: string): Promise<{ written: string[]; removed: string[] }> {
  const drift = await checkClients(files, outDir);
  for (const extra of drift.extra) await rm(path.join(outDir, extra), { force: true });
  const written: string[] = [];
  for (const file of files) {
    const target = path.join(outDir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current !== file.contents) {
      await writeFile(target, file.contents);
      written.push(file.path);
    }
  }
  return { written, removed: drift.extra };
}

/** Compares rendered files with `outDir` without writing anything. */
export async function checkClients(files: GeneratedFile[], outDir: string): Promise<DriftReport> {
  const report: DriftReport = { changed: [], missing: [], extra: [] };
  const expected = new Set(files.map((f) => f.path));
  for (const file of files) {
    const current = await readFile(path.join(outDir, file.path), 'utf8').catch(() => undefined);
    if (current === undefined) report.missing.push(file.path);
    else if (current !== file.contents) report.changed.push(file.path);
  }
  for (const folder of clientFolders(files)) {
    for (const rel of await listFiles(path.join(outDir, folder), folder)) {
      if (!expected.has(rel)) report.extra.push(rel);
    }
  }
  return report;
}
