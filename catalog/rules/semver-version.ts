import { defineRule } from './rule.ts';

/** semver.org 2.0.0, section 2 and 9-10 (pre-release and build metadata allowed). */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export default defineRule({
  id: 'semver-version',
  description: 'info.version and every message x-version are semantic versions (MAJOR.MINOR.PATCH)',
  check({ doc, catalog, report, messagePointer, set }) {
    const found = [];
    const info = doc.info as Record<string, unknown> | undefined;
    if (typeof info?.version === 'string' && !SEMVER_PATTERN.test(info.version)) {
      found.push(report('/info/version', `info.version "${info.version}" is not a semantic version`, 'Write MAJOR.MINOR.PATCH, e.g. 1.0.0; the registry stores documents by this version.'));
    }
    for (const event of catalog.events) {
      const { file, pointer } = messagePointer(event);
      const message = set.resolve(`#${pointer}`, file)?.value as Record<string, unknown> | undefined;
      const version = message?.['x-version'];
      if (version === undefined) continue;
      if (typeof version !== 'string' || !SEMVER_PATTERN.test(version)) {
        found.push(report(`${pointer}/x-version`, `x-version ${JSON.stringify(version)} of ${event.eventType} is not a semantic version`, 'Write MAJOR.MINOR.PATCH as a quoted string, e.g. "1.0.0"; new events start at 1.0.0.', file));
      }
    }
    return found;
  },
});
