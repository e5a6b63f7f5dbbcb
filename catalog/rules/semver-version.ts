import { isVersion, versionProblem } from '#shared/version.ts';
import { defineRule } from './rule.ts';

/**
 * Release versions only (semver.org 2.0.0 section 2): pre-release and build tags are refused
 * here as everywhere else, with the one message of shared/version.ts (compat/README.md "Versions").
 */
export default defineRule({
  id: 'semver-version',
  description: 'info.version and every message x-version are release versions (MAJOR.MINOR.PATCH)',
  check({ doc, catalog, report, messagePointer, set }) {
    const found = [];
    const info = doc.info as Record<string, unknown> | undefined;
    if (typeof info?.version === 'string' && !isVersion(info.version)) {
      found.push(report('/info/version', `info.version ${versionProblem(info.version)}`, 'Write MAJOR.MINOR.PATCH, e.g. 1.0.0; the registry stores documents by this version.'));
    }
    for (const event of catalog.events) {
      const { file, pointer } = messagePointer(event);
      const message = set.resolve(`#${pointer}`, file)?.value as Record<string, unknown> | undefined;
      const version = message?.['x-version'];
      if (version === undefined) continue;
      if (typeof version !== 'string' || !isVersion(version)) {
        found.push(report(`${pointer}/x-version`, `x-version of ${event.eventType}: ${versionProblem(version)}`, 'Write MAJOR.MINOR.PATCH as a quoted string, e.g. "1.0.0"; new events start at 1.0.0.', file));
      }
    }
    return found;
  },
});
