/**
 * Versions registered outside a document (through the Confluent API, or by a newer
 * document): reported by document registration and failed on by `evc check` (issue #13),
 * because the document no longer describes everything producers may send.
 */
import { compareVersions, isVersion } from '#compat/semver.ts';

/** Live versions above the declared one, other than the one this run lands on, oldest first. */
export const versionsAhead = (held: string[], declared: string, landed: string | undefined): string[] =>
  isVersion(declared) ? held.filter((v) => v !== landed && isVersion(v) && compareVersions(v, declared) > 0).sort(compareVersions) : [];

export const aheadMessage = (eventType: string, versions: string[]): string =>
  `the registry holds ${versions.join(', ')} of ${eventType}, which this document does not contain; add ${versions.length > 1 ? 'them' : 'it'} to the document (or pass --allow-registry-ahead to evc check)`;
