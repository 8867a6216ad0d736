/**
 * Live subscribers for tests and the live benchmark: a graphql-ws client over WebSocket and a graphql-sse
 * client over Server-Sent Events, each collecting what it receives; and raising an alarm through the
 * same loopback control `npm run alarm` uses.
 */
import { type Client, createClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import { faultAdminFile, type FaultAdminAddress } from '../../legacy/fault-admin.ts';
import type { AlarmStep } from '../../legacy/elevator/raise.ts';
import { readFileSync } from 'node:fs';

interface Received {
  readonly data?: any;
  readonly errors?: readonly { message: string; extensions?: any; path?: readonly (string | number)[] }[];
  /** performance.timeOrigin + now(), epoch ms with fractions, when it arrived. */
  readonly at: number;
}

export interface LiveSubscriber {
  readonly received: Received[];
  /** Settles when the subscription completes or fails (the error, or undefined). */
  readonly ended: Promise<unknown>;
  close(): Promise<void>;
}

/** An operation's text, or a registered operation sent by its hash alone (`query: ''` as the protocols require). */
type Operation = string | { readonly persistedHash: string };

function payload(operation: Operation, variables: Record<string, unknown>) {
  return typeof operation === 'string'
    ? { query: operation, variables }
    : { query: '', variables, extensions: { persistedQuery: { version: 1, sha256Hash: operation.persistedHash } } };
}

function wsUrl(gatewayUrl: string): string {
  return gatewayUrl.replace(/^http/, 'ws');
}

/** A graphql-ws subscriber; `connectionParams` carries the credential as a browser's would. */
export function subscribeOverWebSocket(
  gatewayUrl: string,
  operation: Operation,
  variables: Record<string, unknown> = {},
  connectionParams: Record<string, unknown> = {},
): LiveSubscriber & { readonly client: Client; readonly closed: Promise<{ code: number; reason: string }> } {
  let closedWith!: (value: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (closedWith = resolve));
  const client = createClient({
    url: wsUrl(gatewayUrl),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: { closed: (event) => closedWith(event as { code: number; reason: string }) },
    onNonLazyError: () => undefined,
  });
  const received: Received[] = [];
  const ended = new Promise<unknown>((resolve) => {
    client.subscribe(payload(operation, variables), {
      next: (value) => received.push({ ...(value as object), at: performance.timeOrigin + performance.now() }),
      error: (error) => resolve(error),
      complete: () => resolve(undefined),
    });
  });
  return { client, received, ended, closed, close: () => client.dispose() as Promise<void> };
}

/** A graphql-sse subscriber (distinct connections mode), sending `headers` with its request. */
export function subscribeOverSse(
  gatewayUrl: string,
  operation: Operation,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): LiveSubscriber {
  const client = createSseClient({ url: gatewayUrl, headers, retryAttempts: 0 });
  const received: Received[] = [];
  let stop = () => undefined as void;
  const ended = new Promise<unknown>((resolve) => {
    stop = client.subscribe(payload(operation, variables), {
      next: (value) => received.push({ ...(value as object), at: performance.timeOrigin + performance.now() }),
      error: (error) => resolve(error),
      complete: () => resolve(undefined),
    });
  });
  return {
    received,
    ended,
    async close() {
      stop();
      client.dispose();
    },
  };
}

/** Raises an alarm as `npm run alarm` does: through the stack's loopback control, found in its data folder. */
export async function raiseAlarm(
  seededDir: string,
  body: { action: 'raise'; elevator: string; kind?: string } | { action: AlarmStep; alarmId: string },
): Promise<{ alarmId: string; registrationCode: string }> {
  const admin = JSON.parse(readFileSync(faultAdminFile(seededDir, 'elevator'), 'utf8')) as FaultAdminAddress;
  const res = await fetch(`${admin.url}/alarms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`alarm refused: ${await res.text()}`);
  return (await res.json()) as { alarmId: string; registrationCode: string };
}

/** Waits until `check` holds, polling every 20 ms, or throws after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
