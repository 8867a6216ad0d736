/**
 * The explorer in a real browser on a closed network: the page loads everything from the gateway,
 * runs a query, and tries to reach nothing outside loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../runtime/logger.ts';
import {
  type ClosedNetworkBrowser,
  findChromium,
  openClosedNetworkBrowser,
  runInGraphiQL,
} from '../test/support/browser.ts';
import { TINY_ENTERPRISE_NAME, type TinyFederation, startTinyFederation } from '../test/support/tiny-federation.ts';
import { TEST_GATEWAY_ENV } from '../test/support/callers.ts';
import { readGatewayConfig } from './config.ts';
import { type RunningGateway, startGateway } from './server.ts';

const chromiumPath = findChromium();

describe.skipIf(!chromiumPath)(
  `explorer in headless Chromium${chromiumPath ? '' : ' (skipped: no chromium installed; run scripts/ensure-chromium.sh)'}`,
  () => {
    let federation: TinyFederation;
    let gateway: RunningGateway;
    let browser: ClosedNetworkBrowser;

    beforeAll(async () => {
      federation = await startTinyFederation();
      gateway = await startGateway(
        readGatewayConfig({ ...TEST_GATEWAY_ENV, GATEWAY_PORT: '0', SUPERGRAPH_PATH: federation.supergraphPath }),
        createLogger({ level: 'error', name: 'test' }),
      );
      browser = await openClosedNetworkBrowser(chromiumPath!);
    });

    afterAll(async () => {
      await browser?.close();
      await gateway?.stop();
      await federation?.stop();
    });

    it('loads from the gateway alone and runs a query', async () => {
      const errors: string[] = [];
      browser.page.on('pageerror', (e) => errors.push(e.message));
      const response = await browser.page.goto(gateway.url, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      const result = await runInGraphiQL(
        browser.page,
        'query FromExplorer { enterprise(uscc: "91310000132260250X") { name licenceCount } }',
      );
      expect(result).toEqual({ data: { enterprise: { name: TINY_ENTERPRISE_NAME, licenceCount: 3 } } });
      expect(browser.blocked).toEqual([]);
      expect(errors).toEqual([]);
    });
  },
);
