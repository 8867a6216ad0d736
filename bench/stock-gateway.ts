/**
 * A stock @apollo/gateway in its default configuration behind Apollo Server's standalone server, over
 * this project's supergraph: what bench/gateway.ts compares this gateway with. The only change to the
 * defaults is where the subgraphs are: the supergraph's `@join__graph` URLs are rewritten to the
 * running ones (STOCK_SUBGRAPH_URL_<NAME>). Its subgraphs must accept unsigned requests
 * (SUBGRAPH_ACCEPT_UNSIGNED=true, docs/configuration.md).
 *
 *   STOCK_PORT=5610 STOCK_SUBGRAPH_URL_PERMIT=http://… [STOCK_SUPERGRAPH_PATH=…] node --import tsx bench/stock-gateway.ts
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

// No outbound call but to the subgraphs: Apollo's telemetry probes cloud metadata services otherwise.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const path = process.env.STOCK_SUPERGRAPH_PATH ?? new URL('../schema/supergraph.graphql', import.meta.url);
const supergraph = readFileSync(path, 'utf8').replace(
  /@join__graph\(name: "(\w+)", url: "([^"]*)"\)/g,
  (_match, name: string, url: string) =>
    `@join__graph(name: "${name}", url: "${process.env[`STOCK_SUBGRAPH_URL_${name.toUpperCase()}`] ?? url}")`,
);
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: supergraph }) });
const { url } = await startStandaloneServer(server, {
  listen: { host: '127.0.0.1', port: Number(process.env.STOCK_PORT ?? 5610) },
});
process.stdout.write(`stock gateway listening at ${url}\n`);
process.once('SIGTERM', () => void server.stop().then(() => process.exit(0)));
