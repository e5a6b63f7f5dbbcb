/**
 * Deterministic ids for the orchestrator's commands: SHA-256 of (sagaId, command number),
 * shaped as a UUID v4 (version nibble 4, RFC 4122 variant) so it passes the envelope's
 * EventId pattern. Deciding the same transition twice (a redelivery after a crash before
 * commit) yields the same eventIds, which the broker's duplicate window then drops.
 */
import { createHash } from 'node:crypto';

export function sagaCommandId(sagaId: string, n: number): string {
  const h = createHash('sha256').update(`evc-saga\u0000${sagaId}\u0000${n}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
