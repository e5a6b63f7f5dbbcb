import { randomFillSync } from 'node:crypto';

/**
 * RFC 9562 UUID version 4 from the OS CSPRNG, generated 1024 at a time.
 *
 * Why not `crypto.randomUUID()`: it returns a string concatenated from ~20 pieces, which
 * V8 must flatten the first time a validator's regexp reads it — per event, on the hot
 * path. Here one batch is written as ASCII into one buffer, decoded once, and each id is a
 * 36-character slice of that flat string. 1024 per batch because `randomFillSync` has a
 * high fixed cost per call (4 KB: ~50–80 ns per id on this machine, 16 KB: ~15–30 ns); the
 * price is that one retained id keeps its 36 KB batch string alive.
 */
const BATCH = 1024;
// ASCII codes of the two hex digits of each byte value (no per-byte tuple destructuring).
const HEX_HI = Uint8Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').charCodeAt(0));
const HEX_LO = Uint8Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').charCodeAt(1));
const DASH = 0x2d;
const random = new Uint8Array(16 * BATCH);
const ascii = Buffer.alloc(36 * BATCH);
let batch = '';
let next = BATCH;

/**
 * Writes `count` UUIDs v4 (36 ASCII characters each) from `random` (16 bytes per id; the
 * version and variant bits are set in place) into `ascii` and returns them as one string.
 * Exported for the proof that every id the runtime makes passes the envelope schema
 * (generators/render/built-fields.test.ts): the envelope builder trusts it.
 */
export function encodeUuidsV4(random: Uint8Array, ascii: Buffer, count: number): string {
  let o = 0;
  for (let u = 0; u < count; u++) {
    const r = u * 16;
    random[r + 6] = (random[r + 6]! & 0x0f) | 0x40; // version 4
    random[r + 8] = (random[r + 8]! & 0x3f) | 0x80; // variant 10xx
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) ascii[o++] = DASH;
      const byte = random[r + i]!;
      ascii[o++] = HEX_HI[byte]!;
      ascii[o++] = HEX_LO[byte]!;
    }
  }
  return ascii.toString('latin1', 0, o);
}

function refill(): void {
  randomFillSync(random);
  batch = encodeUuidsV4(random, ascii, BATCH);
  next = 0;
}

export function uuidV4(): string {
  if (next === BATCH) refill();
  const start = next++ * 36;
  return batch.slice(start, start + 36);
}
