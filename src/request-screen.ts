import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type Logger, verifySlackRequest } from '@slack/bolt';
import { malformation } from './commands/well-formed.js';

/**
 * The one gate in front of Bolt's HTTP receiver for every POST to the events path. It verifies the
 * request and Bolt's receiver does not verify again (it runs with `signatureVerification: false`, so
 * each request costs one HMAC and one body parse here):
 * - a timestamp more than 5 minutes in the future (Bolt's check rejects only old ones): 401;
 * - a body over 10 MB: 413;
 * - `ssl_check=1` (Slack's certificate probe, unsigned): passed on with anything else it carried
 *   stripped, so nothing unsigned reaches a listener;
 * - a missing, wrong or stale signature: 401;
 * - a correctly signed body that is not what Slack sends (`payload=null`, a view without `view`, …):
 *   400. Bolt would throw on some of them where nothing catches it (ending the process) and answer
 *   others with HTTP 500.
 * What passes goes on with its body buffered onto `rawBody`, which Bolt reuses instead of reading the
 * stream again.
 */

const MAX_SKEW_SECONDS = 5 * 60;
const BODY_LIMIT = 10 * 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';

type Buffered = IncomingMessage & { rawBody?: Buffer };

/** The whole body, or undefined once it passes BODY_LIMIT (the rest is not kept). */
const readBody = (req: IncomingMessage): Promise<Buffer | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.once('error', reject);
    req.once('end', () => {
      if (size > BODY_LIMIT) resolve(undefined);
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
  });

/** A form body's fields; undefined for any other content type. */
const formFields = (text: string, contentType: string | undefined) =>
  contentType === FORM ? parseQuery(text) : undefined;

/**
 * Parses a body the way Bolt does: form (`payload=` JSON or fields) or JSON. Undefined when it can't.
 * Only for a verified body: an unsigned one is never JSON-parsed.
 */
const parseBody = (text: string, fields: ReturnType<typeof formFields>): unknown => {
  try {
    if (fields !== undefined)
      return typeof fields.payload === 'string' ? JSON.parse(fields.payload) : { ...fields };
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
  if (body === undefined) {
    logger.warn('refused a request body over 10 MB');
    return answer(res, 413);
  }
  const text = body.toString('utf8');
  const fields = formFields(text, req.headers['content-type']);
  if (fields?.ssl_check === '1') {
    buffered.rawBody = Buffer.from('ssl_check=1');
    return true;
  }
  buffered.rawBody = body;
  const signature = req.headers['x-slack-signature'];
  try {
    if (typeof signature !== 'string' || !Number.isFinite(stamp)) throw new Error('no signature');
    verifySlackRequest({
      signingSecret,
      body: text,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': stamp },
    });
  } catch {
    logger.warn('refused a request whose signature is missing, wrong or stale');
    return answer(res, 401);
  }
  const parsed = parseBody(text, fields);
  if (parsed === undefined) {
    logger.warn('refused a request body that does not parse');
    return answer(res, 400);
  }
  const why = malformation(parsed);
  if (why === undefined) return true;
  logger.warn(`refused a malformed request: ${why}`);
  return answer(res, 400);
};
