import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type Logger, verifySlackRequest } from '@slack/bolt';
import { malformation } from './commands/well-formed.js';

/**
 * A check in front of Bolt's HTTP receiver for what it lets through or trips over:
 * - a timestamp more than 5 minutes in the future (Bolt rejects only old ones), answered 401;
 * - a correctly signed body that is not what Slack sends (`payload=null`, a view without `view`, …),
 *   answered 400. Bolt would throw on some of them where nothing catches it (ending the process) and
 *   answer others with HTTP 500.
 * Everything else, including every unsigned request, goes on to Bolt unchanged, so its own checks
 * (401 for a bad signature, 413 for a huge body) still apply. The body is buffered onto `rawBody`, which
 * Bolt reuses instead of reading the stream again.
 */

const MAX_SKEW_SECONDS = 5 * 60;
const BODY_LIMIT = 10 * 1024 * 1024;

type Buffered = IncomingMessage & { rawBody?: Buffer };

const readBody = async (req: Buffered): Promise<Buffer | undefined> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Parses a body the way Bolt does: form (`payload=` JSON or fields) or JSON. Undefined when it can't. */
const parseBody = (text: string, contentType: string | undefined): unknown => {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const fields = parseQuery(text);
      return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : { ...fields };
    }
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const answer = (res: ServerResponse, status: number): false => {
  res.writeHead(status);
  res.end();
  return false;
};

/** Resolves true when the request should go on to Bolt; otherwise it has been answered. */
export const screenRequest = async (
  req: IncomingMessage,
  res: ServerResponse,
  signingSecret: string,
  logger: Logger,
): Promise<boolean> => {
  const stamp = Number(req.headers['x-slack-request-timestamp']);
  if (Number.isFinite(stamp) && stamp > Date.now() / 1000 + MAX_SKEW_SECONDS) {
    logger.warn('refused a request with a timestamp more than 5 minutes in the future');
    return answer(res, 401);
  }
  const buffered = req as Buffered;
  const body = await readBody(buffered);
  if (body === undefined) return answer(res, 413);
  buffered.rawBody = body;
  const text = body.toString('utf8');
  const signature = req.headers['x-slack-signature'];
  if (typeof signature !== 'string' || !Number.isFinite(stamp)) return true;
  try {
    verifySlackRequest({
      signingSecret,
      body: text,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': stamp },
    });
  } catch {
    return true; // Bolt answers 401
  }
  const parsed = parseBody(text, req.headers['content-type']);
  if (parsed === undefined) return true; // Bolt answers 400 for a body it cannot parse
  const why = malformation(parsed);
  if (why === undefined || (typeof parsed === 'object' && parsed !== null && 'ssl_check' in parsed))
    return true;
  logger.warn(`refused a malformed request: ${why}`);
  return answer(res, 400);
};
