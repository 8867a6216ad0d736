/**
 * Headless Chromium for tests, with every request that is not to a loopback address blocked and
 * recorded: the explorer must work on a closed network. Returns undefined (with the reason) where no
 * browser is installed, so the caller can skip rather than pass.
 */
import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  return CANDIDATES.find((path) => existsSync(path));
}

export interface ClosedNetworkBrowser {
  readonly browser: Browser;
  readonly page: Page;
  /** URLs the page tried to reach outside loopback (all were refused). */
  readonly blocked: string[];
  close(): Promise<void>;
}

const LOOPBACK = /^(https?|wss?):\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

export async function openClosedNetworkBrowser(executablePath: string): Promise<ClosedNetworkBrowser> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Belt and braces: even a request that escaped routing could not resolve a name.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
  const context = await browser.newContext();
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (LOOPBACK.test(url) || url.startsWith('data:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return { browser, page, blocked, close: () => browser.close() };
}

/** Types an operation into GraphiQL, runs it and returns the parsed result pane. */
export async function runInGraphiQL(page: Page, query: string): Promise<unknown> {
  await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 30_000 });
  await page.evaluate((q) => {
    const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as {
      CodeMirror: { setValue(v: string): void };
    };
    editor.CodeMirror.setValue(q);
  }, query);
  // GraphiQL derives the operation name from the editor after a debounce; run only once it has.
  await page.waitForTimeout(300);
  await page.click('.graphiql-execute-button');
  const handle = await page.waitForFunction(
    () => {
      const pane = document.querySelector('.graphiql-response .CodeMirror') as unknown as {
        CodeMirror: { getValue(): string };
      } | null;
      const text = pane?.CodeMirror.getValue() ?? '';
      return text.trim().startsWith('{') ? text : false;
    },
    undefined,
    { timeout: 30_000 },
  );
  return JSON.parse(String(await handle.jsonValue()));
}
