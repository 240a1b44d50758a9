import type { webApi } from '@slack/bolt';
import type { RichBlocks } from '../shell/rich-blocks.js';
import { type Message, plainMessage } from '../views/blocks.js';
import { classifySlackFailure, type SlackFailure } from './slack-failure.js';

export type PostResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly failure: Exclude<SlackFailure, { kind: 'rate' }> };

export interface PosterOptions {
  /** Least time between two messages in one channel; Slack allows about one per second. */
  readonly minIntervalMs: number;
  /** How many 429s in a row one call waits out before giving up until a later tick. */
  readonly maxRateLimitWaits: number;
  /** Waits `ms`, or less when `signal` aborts (shutdown). */
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly now: () => number;
  /** Charts and tables where the workspace takes them (one retry in plain form on invalid_blocks). */
  readonly rich?: RichBlocks;
}

export const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Posts and edits messages in channels, keeping Slack's pace: messages to one channel at least
 * `minIntervalMs` apart, and a 429 waited out for its Retry-After before the same call is tried again.
 * Callers serialize the work of one channel (see Lanes); different channels proceed independently.
 */
export class ChannelPoster {
  readonly #client: webApi.WebClient;
  readonly #options: PosterOptions;
  readonly #abort = new AbortController();
  /** Per channel: the earliest time the next message may go (pace and Retry-After). */
  readonly #notBefore = new Map<string, number>();

  constructor(client: webApi.WebClient, options: PosterOptions) {
    this.#client = client;
    this.#options = options;
  }

  /** Stops waiting: pending waits end at once and their calls report a retryable failure. */
  close(): void {
    this.#abort.abort();
  }

  /** chat.postMessage, as a thread reply when `threadTs` is given. */
  post(channel: string, message: Message, threadTs?: string): Promise<PostResult<{ ts: string }>> {
    return this.#call(channel, true, async () => {
      const result = await this.#send(message, (m) =>
        this.#client.chat.postMessage({
          channel,
          text: m.text,
          blocks: [...m.blocks],
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        }),
      );
      return { ts: String(result.ts ?? '') };
    });
  }

  /** chat.update of a message Winwin posted. Edits are not paced like new messages (Slack's limit is per post). */
  update(channel: string, ts: string, message: Message): Promise<PostResult<void>> {
    return this.#call(channel, false, async () => {
      await this.#send(message, (m) =>
        this.#client.chat.update({ channel, ts, text: m.text, blocks: [...m.blocks] }),
      );
    });
  }

  #send<T>(message: Message, send: (m: Message) => Promise<T>): Promise<T> {
    const rich = this.#options.rich;
    return rich === undefined ? send(plainMessage(message)) : rich.send(undefined, message, send);
  }

  async #call<T>(channel: string, paced: boolean, call: () => Promise<T>): Promise<PostResult<T>> {
    const { sleep, now, minIntervalMs, maxRateLimitWaits } = this.#options;
    const signal = this.#abort.signal;
    for (let waits = 0; ; waits++) {
      const wait = (this.#notBefore.get(channel) ?? 0) - now();
      if (wait > 0 && (paced || waits > 0)) await sleep(wait, signal);
      if (signal.aborted) return { ok: false, failure: { kind: 'retry', error: 'shutting_down' } };
      try {
        const value = await call();
        if (paced) this.#notBefore.set(channel, now() + minIntervalMs);
        return { ok: true, value };
      } catch (error) {
        const failure = classifySlackFailure(error);
        if (failure.kind !== 'rate') return { ok: false, failure };
        this.#notBefore.set(channel, now() + failure.retryAfter * 1000);
        if (waits >= maxRateLimitWaits)
          return { ok: false, failure: { kind: 'retry', error: failure.error } };
      }
    }
  }
}
