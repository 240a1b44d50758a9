import { webApi } from '@slack/bolt';
import { isRich, type Message, plainMessage } from '../views/blocks.js';

/**
 * Charts and tables where Slack takes them, sections and text bars where it does not.
 *
 * Some workspaces (GovSlack, older clients) answer `invalid_blocks` to a chart or a table. A Web API
 * call (chat.postMessage, chat.update, chat.postEphemeral) that gets that answer for a rich message is
 * sent once more with the message's plain form, and the workspace is remembered: later messages to it
 * go plain at once. An acknowledgement or a response_url reply gets no such answer, so those are plain
 * unless `WINWIN_RICH_BLOCKS=on` says the workspace takes rich blocks. Home and modals carry no rich
 * blocks.
 *
 * One instance per app (in Deps); what it remembers lasts as long as the process.
 */
export class RichBlocks {
  readonly #refusing = new Set<string>();
  #installed = '';

  /** `acks`: WINWIN_RICH_BLOCKS=on, rich blocks in acknowledgements and response_url replies too. */
  constructor(readonly acks: boolean) {}

  /** Notes the team a request came from: posts made without one (digests, cards) go to it. */
  seen(team: string | undefined): void {
    if (team !== undefined && team !== '' && this.#installed === '') this.#installed = team;
  }

  /** Whether `team` (the installed workspace when undefined) is known to refuse rich blocks. */
  refuses(team?: string): boolean {
    return this.#refusing.has(team ?? this.#installed);
  }

  /** The form of `m` for an acknowledgement or a response_url reply. */
  forAck(m: Message): Message {
    return this.acks ? m : plainMessage(m);
  }

  /**
   * Sends `m` with `send`: plain at once to a workspace known to refuse rich blocks; otherwise rich,
   * and on `invalid_blocks` once more plain, remembering the workspace.
   */
  async send<T>(team: string | undefined, m: Message, send: (m: Message) => Promise<T>): Promise<T> {
    if (!isRich(m)) return send(m);
    const key = team ?? this.#installed;
    if (this.#refusing.has(key)) return send(plainMessage(m));
    try {
      return await send(m);
    } catch (error) {
      if (!isInvalidBlocks(error)) throw error;
      this.#refusing.add(key);
      return send(plainMessage(m));
    }
  }
}

/** Slack's answer to blocks it does not take. */
export const isInvalidBlocks = (error: unknown): boolean =>
  error instanceof webApi.WebAPIPlatformError && String(error.data.error) === 'invalid_blocks';
