/**
 * Records the destination of every TCP connection this process opens, so a test can prove that
 * nothing but loopback addresses is ever contacted.
 */
import net from 'node:net';

export function recordConnections(): { readonly destinations: string[]; restore(): void } {
  const destinations: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // Node's own callers (http, undici) pass one already-normalised array: [options, callback].
    const normalised = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const first = normalised[0] as { host?: string; port?: number; path?: string } | number | string;
    if (typeof first === 'object' && first !== null && !first.path)
      destinations.push(`${first.host ?? 'localhost'}:${first.port}`);
    else if (typeof first === 'number')
      destinations.push(`${typeof normalised[1] === 'string' ? normalised[1] : 'localhost'}:${first}`);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return {
    destinations,
    restore: () => {
      net.Socket.prototype.connect = original;
    },
  };
}

export function isLoopback(destination: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\]):\d+$/.test(destination);
}
