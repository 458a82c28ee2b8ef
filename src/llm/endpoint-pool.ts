/**
 * Base URLs of one model, each with its own concurrency limit. A request takes the endpoint with the
 * fewest requests in flight (ties go round-robin), or waits in FIFO order until one frees up.
 */
export interface Endpoint {
  readonly url: string;
  inFlight: number;
}

export class EndpointPool {
  private readonly endpoints: Endpoint[];
  private readonly waiters: { resolve: (e: Endpoint) => void; reject: (e: Error) => void }[] = [];
  private next = 0;

  constructor(
    urls: readonly string[],
    private readonly limit: number,
  ) {
    if (!urls.length) throw new Error("no endpoints");
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`concurrency must be a positive integer, got ${limit}`);
    this.endpoints = urls.map((url) => ({ url, inFlight: 0 }));
  }

  get urls(): string[] {
    return this.endpoints.map((e) => e.url);
  }

  private pick(): Endpoint | undefined {
    let best: Endpoint | undefined;
    const n = this.endpoints.length;
    for (let k = 0; k < n; k++) {
      const e = this.endpoints[(this.next + k) % n]!;
      if (e.inFlight < this.limit && (!best || e.inFlight < best.inFlight)) best = e;
    }
    if (best) this.next = (this.endpoints.indexOf(best) + 1) % n;
    return best;
  }

  acquire(signal?: AbortSignal): Promise<Endpoint> {
    if (signal?.aborted) return Promise.reject(new Error("aborted"));
    const e = this.pick();
    if (e) {
      e.inFlight++;
      return Promise.resolve(e);
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (ep: Endpoint) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(ep);
        },
        reject,
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error("aborted"));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  release(e: Endpoint): void {
    e.inFlight--;
    const w = this.waiters.shift();
    if (!w) return;
    const ep = this.pick()!;
    ep.inFlight++;
    w.resolve(ep);
  }
}
