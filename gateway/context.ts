import type http from 'node:http';

/** What the gateway knows of one request. Authentication will add the verified caller here. */
export interface GatewayContext {
  readonly requestId: string;
  /** apollographql-client-name, else the user agent: which dashboard or bureau is asking. */
  readonly client: string;
}

export function gatewayContext(req: http.IncomingMessage, requestId: string): GatewayContext {
  const name = req.headers['apollographql-client-name'];
  const client = (Array.isArray(name) ? name[0] : name) ?? req.headers['user-agent'] ?? 'unknown';
  return { requestId, client: client.slice(0, 100) };
}
