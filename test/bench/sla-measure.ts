/**
 * Bookkeeping shared by both sides of bench:sla: send times by (aggregate, sequence),
 * end-to-end latency on receipt, loss, duplicates and per-aggregate order violations.
 */
export interface SlaResult {
  label: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  lost: number;
  duplicates: number;
  orderViolations: number;
  /** Process CPU (user + system) per event during the phase: producer and consumer together. */
  cpuMicrosPerEvent?: number;
}

export class SlaRecorder {
  private readonly sentAt: Float64Array;
  private readonly latency: Float64Array;
  private readonly lastSeq: Int32Array;
  private readonly seen: Uint8Array;
  received = 0;
  duplicates = 0;
  orderViolations = 0;
  firstSend = 0;
  lastReceive = 0;
  private done: (() => void) | undefined;
  readonly finished: Promise<void>;

  constructor(
    readonly aggregates: number,
    readonly perAggregate: number,
  ) {
    const total = aggregates * perAggregate;
    this.sentAt = new Float64Array(total);
    this.latency = new Float64Array(total);
    this.lastSeq = new Int32Array(aggregates).fill(-1);
    this.seen = new Uint8Array(total);
    this.finished = new Promise((resolve) => (this.done = resolve));
  }

  get total(): number {
    return this.aggregates * this.perAggregate;
  }

  sent(aggregate: number, seq: number): void {
    const now = performance.now();
    if (this.firstSend === 0) this.firstSend = now;
    this.sentAt[aggregate * this.perAggregate + seq] = now;
  }

  received_(aggregate: number, seq: number): void {
    const now = performance.now();
    const i = aggregate * this.perAggregate + seq;
    if (this.seen[i]) {
      this.duplicates++;
      return;
    }
    this.seen[i] = 1;
    this.latency[i] = now - this.sentAt[i]!;
    if (seq !== this.lastSeq[aggregate]! + 1) this.orderViolations++;
    this.lastSeq[aggregate] = seq;
    this.lastReceive = now;
    if (++this.received === this.total) this.done?.();
  }

  /**
   * Diagnostic (SLA_TIMELINE=1): latency by send time, in `bucketMs` slices of the phase,
   * so a queue that builds up (rising p50) reads differently from periodic stalls (spiky max).
   */
  timeline(bucketMs: number): string[] {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < this.sentAt.length; i++) {
      if (this.seen[i] !== 1) continue;
      const b = Math.floor((this.sentAt[i]! - this.firstSend) / bucketMs);
      let list = buckets.get(b);
      if (list === undefined) buckets.set(b, (list = []));
      list.push(this.latency[i]!);
    }
    return [...buckets.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([b, list]) => {
        list.sort((x, y) => x - y);
        const at = (p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))]!.toFixed(1);
        return `${String(b * bucketMs).padStart(6)} ms: n ${String(list.length).padStart(5)} p50 ${at(0.5).padStart(6)} p95 ${at(0.95).padStart(6)} max ${at(1).padStart(6)}`;
      });
  }

  result(label: string): SlaResult {
    const got = this.latency.filter((_, i) => this.seen[i] === 1).sort();
    const pct = (p: number) => got[Math.min(got.length - 1, Math.floor((p / 100) * got.length))] ?? Number.NaN;
    const seconds = (this.lastReceive - this.firstSend) / 1000;
    return {
      label,
      events: this.received,
      seconds,
      eventsPerSecond: this.received / seconds,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      lost: this.total - this.received,
      duplicates: this.duplicates,
      orderViolations: this.orderViolations,
    };
  }
}

/** Runs `send(i)` for i in [0, n) with at most `window` promises in flight, in order. */
export async function pipeline(n: number, window: number, send: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (next < n && failed === undefined) {
      const i = next++;
      await send(i).catch((e: unknown) => (failed = e));
    }
  };
  // Each worker starts its next send as soon as its previous one resolved; sends are
  // issued synchronously in index order, so the broker stores them in that order.
  await Promise.all(Array.from({ length: Math.min(window, n) }, worker));
  if (failed !== undefined) throw failed;
}

/**
 * Issues `send(i)` for i in [0, n) at `rate` per second (open loop), never more than
 * `maxInFlight` unresolved at once (if the broker cannot keep up, the pace falls behind
 * instead of piling up requests until they time out), then waits for them all. Settled
 * sends are only counted, not kept: holding 50,000 promises would move them all to the old
 * generation and lengthen every scavenge during the phase, on both sides of the bench.
 */
export async function paced(n: number, rate: number, send: (i: number) => Promise<unknown>, maxInFlight = 5000): Promise<void> {
  const start = performance.now();
  let inFlight = 0;
  let failed: unknown;
  let drained: (() => void) | undefined;
  const settled = () => {
    if (--inFlight === 0) drained?.();
  };
  const fail = (e: unknown) => {
    failed ??= e;
    settled();
  };
  let i = 0;
  while (i < n) {
    const due = Math.min(n, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (i < due && inFlight < maxInFlight) {
      inFlight++;
      send(i++).then(settled, fail);
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
  if (failed !== undefined) throw failed;
}
