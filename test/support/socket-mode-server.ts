import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A loopback stand-in for Slack's Socket Mode servers, speaking the protocol of
 * https://docs.slack.dev/apis/events-api/using-socket-mode: on connect it sends `hello`; it delivers
 * envelopes (`slash_commands`, `interactive`, `events_api`) with an `envelope_id`, and reads the app's
 * acknowledgement `{ envelope_id, payload? }`; it can ask the app to reconnect (`disconnect` with a
 * reason such as `refresh_requested`) or drop the connection abruptly. Point the Slack fake's
 * apps.connections.open at `url()`.
 */

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Ack {
  readonly envelope_id: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read acknowledgement payloads structurally
  readonly payload?: any;
}

export interface SocketModeServer {
  /** A fresh connection URL (each apps.connections.open gets its own ticket, as Slack's do). */
  url(): string;
  /** Connections opened so far (reconnects included). */
  connections(): number;
  /** Resolves once `n` connections have been opened and greeted with hello (default: the next one). */
  waitForConnection(n?: number, timeoutMs?: number): Promise<void>;
  /** Whether a connection is open now. */
  connected(): boolean;
  /** Sends an envelope on the open connection and resolves with the app's acknowledgement. */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs?: number): Promise<Ack>;
  /** Sends `{type: "disconnect", reason}`; the app is expected to close and reconnect. */
  requestDisconnect(reason?: string): void;
  /** Drops every connection without a close handshake (a network failure, a Slack pod dying). */
  dropAbruptly(): void;
  close(): Promise<void>;
}

export const startSocketModeServer = async (): Promise<SocketModeServer> => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const port = (wss.address() as AddressInfo).port;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let opened = 0;
  let ticket = 0;
  let current: WebSocket | undefined;

  wss.on('connection', (socket, request) => {
    opened += 1;
    current = socket;
    // Slack pings its clients; the SDK closes a connection that stays silent for 30 s.
    const pinger = setInterval(() => socket.ping(), 2000);
    socket.on('close', () => {
      clearInterval(pinger);
      if (current === socket) current = undefined;
    });
    socket.on('message', (data) => {
      try {
        const message = JSON.parse(String(data)) as Ack;
        if (typeof message.envelope_id === 'string') events.emit(`ack:${message.envelope_id}`, message);
      } catch {
        events.emit('garbage', String(data));
      }
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'loopback-socket-mode', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'AWINWIN01', request: request.url },
      }),
    );
    events.emit('connection', opened);
  });

  const waitForConnection = (n = opened + 1, timeoutMs = 20_000): Promise<void> =>
    new Promise((resolve, reject) => {
      if (opened >= n && current !== undefined) return resolve();
      const timer = setTimeout(() => {
        events.off('connection', onConnection);
        reject(new Error(`no Socket Mode connection #${n} within ${timeoutMs} ms (${opened} so far)`));
      }, timeoutMs);
      const onConnection = (count: number): void => {
        if (count < n) return;
        clearTimeout(timer);
        events.off('connection', onConnection);
        resolve();
      };
      events.on('connection', onConnection);
    });

  return {
    url: () => {
      ticket += 1;
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=AWINWIN01`;
    },
    connections: () => opened,
    waitForConnection,
    connected: () => current !== undefined,
    deliver: (type, payload, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const socket = current;
        if (socket === undefined) return reject(new Error('no open Socket Mode connection'));
        const envelopeId = randomUUID();
        const timer = setTimeout(() => {
          events.off(`ack:${envelopeId}`, onAck);
          reject(new Error(`no acknowledgement of the ${type} envelope within ${timeoutMs} ms`));
        }, timeoutMs);
        const onAck = (ack: Ack): void => {
          clearTimeout(timer);
          resolve(ack);
        };
        events.once(`ack:${envelopeId}`, onAck);
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
          }),
        );
      }),
    requestDisconnect: (reason = 'refresh_requested') => {
      current?.send(
        JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'loopback-socket-mode' } }),
      );
    },
    dropAbruptly: () => {
      for (const socket of wss.clients) socket.terminate();
      current = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
};
