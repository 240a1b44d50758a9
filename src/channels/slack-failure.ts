import { webApi } from '@slack/bolt';

/**
 * What a failed Web API call means for a channel post:
 * - `gone`: the channel cannot take posts any more (archived, deleted, Winwin removed): pause, don't retry;
 * - `rate`: Slack asked to wait `retryAfter` seconds (HTTP 429);
 * - `retry`: anything else (HTTP 500, network, an unexpected `ok:false`): try again on a later tick.
 */
export type SlackFailure =
  | { readonly kind: 'gone'; readonly error: string }
  | { readonly kind: 'rate'; readonly error: string; readonly retryAfter: number }
  | { readonly kind: 'retry'; readonly error: string };

/** Errors after which posting to the channel again is pointless until someone fixes the channel. */
export const CHANNEL_GONE_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'is_archived',
  'not_in_channel',
]);

export const classifySlackFailure = (error: unknown): SlackFailure => {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { kind: 'rate', error: 'ratelimited', retryAfter: Math.max(0, error.retryAfter) };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    if (CHANNEL_GONE_ERRORS.has(code)) return { kind: 'gone', error: code };
    if (code === 'ratelimited') return { kind: 'rate', error: code, retryAfter: 1 };
    return { kind: 'retry', error: code };
  }
  if (error instanceof webApi.WebAPIHTTPError) return { kind: 'retry', error: `http_${error.statusCode}` };
  if (error instanceof webApi.WebAPIRequestError) return { kind: 'retry', error: 'request_failed' };
  return { kind: 'retry', error: error instanceof Error ? error.name : 'unknown' };
};
