import { Agent, request } from 'node:http';
import { FORM, newTriggerId, signature } from '../src/loopback/signed-client.js';

/**
 * The bench's Slack: sends `/winwin` commands signed exactly like src/loopback/signed-client.ts (same
 * v0 signature, same form fields), over keep-alive node:http instead of fetch. fetch costs the
 * client 1–2 ms of CPU per request on a 2-core machine, more than the bare Bolt server spends
 * answering, so it would mostly measure itself and flatten the Winwin/bare ratios toward 1.
 */
export interface BenchResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface BenchClient {
  command(text: string, user: string, responseUrl: string): Promise<BenchResponse>;
  close(): void;
}

export interface BenchClientOptions {
  readonly baseUrl: string;
  readonly signingSecret: string;
  readonly teamId: string;
}

export const createBenchClient = (options: BenchClientOptions): BenchClient => {
  const url = new URL('/slack/events', options.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  return {
    close: () => agent.destroy(),
    command: (text, user, responseUrl) => {
      const body = new URLSearchParams({
        token: 'verification-token-unused',
        team_id: options.teamId,
        team_domain: 'winwin-bench',
        channel_id: 'C0WINWIN01',
        channel_name: 'winwin',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/winwin',
        text,
        api_app_id: 'AWINWIN01',
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: newTriggerId(),
      }).toString();
      const timestamp = Math.floor(Date.now() / 1000);
      return new Promise<BenchResponse>((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': FORM,
              'content-length': Buffer.byteLength(body),
              'x-slack-request-timestamp': String(timestamp),
              'x-slack-signature': signature(options.signingSecret, timestamp, body),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                contentType: String(res.headers['content-type'] ?? ''),
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
  };
};
