/**
 * One queue per key (a channel): jobs of one channel run one after another, so a digest and a realtime
 * reply never interleave and the watermark is read and written by one job at a time; different
 * channels run side by side.
 */
export class Lanes {
  readonly #tails = new Map<string, Promise<unknown>>();
  /** Keys with a coalescing job queued but not started yet. */
  readonly #queued = new Set<string>();

  /** Runs `job` after every job queued on `key` before it. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(job, job);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }

  /**
   * Like `run`, but when a job for `key` is already waiting to start, that one will see the latest
   * state anyway: no second job is queued and the waiting one's promise is returned.
   */
  runCoalesced(key: string, job: () => Promise<void>): Promise<void> {
    if (this.#queued.has(key)) return this.#tails.get(key)?.then(() => undefined) ?? Promise.resolve();
    this.#queued.add(key);
    return this.run(key, () => {
      this.#queued.delete(key);
      return job();
    });
  }

  /** Resolves once every job queued so far has settled. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }
}
