/**
 * The dashboard in headless Chromium on a closed network, over the embedded stack at the test scale: its
 * figures equal the GraphQL answers of the same operation; an alarm raised on the platform appears in the
 * live list; with the inspection system down the page still renders and marks the panels that lost it;
 * no request leaves the gateway's origin. Screenshots go to test-output/ (not committed).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClosedNetworkBrowser, findChromium, openClosedNetworkBrowser, runInGraphiQL } from './support/browser.ts';
import { raiseAlarm } from './support/live.ts';
import { startTestStack, type TestStack } from './support/stack.ts';
import { readJwtConfig } from '../gateway/callers/config.ts';
import { issueToken } from '../gateway/callers/dev-token.ts';
import { READ_SCOPES } from '../graph/caller.ts';

const chromiumPath = findChromium();
const OUTPUT = 'test-output/dashboard';

describe.skipIf(!chromiumPath)(
  `dashboard in headless Chromium${chromiumPath ? '' : ' (skipped: no chromium; run scripts/ensure-chromium.sh)'}`,
  () => {
    let stack: TestStack;
    let browser: ClosedNetworkBrowser;
    let origin: string;
    const requested: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      mkdirSync(OUTPUT, { recursive: true });
      stack = await startTestStack('test', [], { ELEVATOR_ALARM_POLL_MS: '500' });
      origin = new URL(stack.gateway.url).origin;
      browser = await openClosedNetworkBrowser(chromiumPath!);
      browser.page.on('request', (r) => requested.push(r.url()));
      browser.page.on('pageerror', (e) => pageErrors.push(e.message));
      await browser.page.setViewportSize({ width: 1600, height: 1000 });
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    const open = async () => {
      await browser.page.goto(`${origin}/dashboard`, { waitUntil: 'load' });
      await browser.page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
    };

    it('shows the figures the GraphQL API answers for the same operation', async () => {
      await open();
      const operations = (await (await fetch(`${origin}/dashboard/operations.json`)).json()) as Record<string, string>;
      const answer = (await (
        await fetch(stack.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: operations.CityOverview }),
        })
      ).json()) as any;
      const rows = await browser.page.$$eval('#figures-table tbody tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-district'), ...[...tr.children].map((td) => td.textContent)]),
      );
      expect(rows).toHaveLength(16);
      for (const d of answer.data.districts) {
        const row = rows.find((r) => r[0] === d.code)!;
        expect(row[1]).toBe(d.name);
        expect(Number(row[2])).toBe(d.equipmentStats.equipmentInUse);
        expect(Number(row[3])).toBe(d.elevatorStatistics.total);
        expect(Number(row[4])).toBe(d.elevatorStatistics.overFifteenYears);
        expect(Number(row[5])).toBe(d.elevatorStatistics.overdueMaintenance);
        expect(Number(row[6])).toBe(d.equipmentStats.inspectionsOverdue);
        expect(Number(row[9])).toBe(d.equipmentStats.rectificationsOverdue);
      }
      expect(await browser.page.$$('#figures-chart canvas')).not.toHaveLength(0);
      await browser.page.screenshot({ path: `${OUTPUT}/city.png`, fullPage: true });
    });

    it('narrows every panel to a clicked district, and opens an elevator file', async () => {
      const code = await browser.page.$eval('#figures-table tbody tr', (tr) => tr.getAttribute('data-district'));
      await browser.page.click(`#figures-table tbody tr[data-district="${code}"]`);
      await browser.page.waitForSelector(`body[data-district="${code}"][data-loaded="true"]`);
      await browser.page.waitForFunction(() => document.querySelectorAll('#figures-table tbody tr').length === 1);
      const elevator = await browser.page.waitForSelector('#old tr.elevator', { timeout: 30_000 });
      await elevator.click();
      await browser.page.waitForSelector('#file-body table.file', { timeout: 30_000 });
      expect(await browser.page.textContent('#file-body')).toContain('注册代码');
      await browser.page.screenshot({ path: `${OUTPUT}/district-file.png`, fullPage: true });
      await browser.page.click('#file-close');
    });

    it('shows a raised alarm in the live list', async () => {
      await open();
      await browser.page.waitForTimeout(500);
      const elevators = (await (
        await fetch(stack.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ elevators(first: 1) { nodes { registrationCode } } }' }),
        })
      ).json()) as any;
      const code = elevators.data.elevators.nodes[0].registrationCode as string;
      const { alarmId } = await raiseAlarm(stack.seeded.dir, { action: 'raise', elevator: code });
      await browser.page.waitForSelector(`#alarm-list li[data-alarm="${alarmId}"]`, { timeout: 5_000 });
      const row = `#alarm-list li[data-alarm="${alarmId}"]`;
      expect(await browser.page.textContent(row)).toContain('困人 Entrapment · 待接警 Awaiting acceptance');
      await browser.page.screenshot({ path: `${OUTPUT}/alarm.png`, fullPage: true });
      // Its row follows the alarm through acceptance to closing, in Chinese first.
      await raiseAlarm(stack.seeded.dir, { action: 'accept', alarmId });
      await browser.page.waitForSelector(`${row}[data-state="ACCEPTED"]`, { timeout: 5_000 });
      expect(await browser.page.textContent(row)).toContain('已接警 Accepted');
      await raiseAlarm(stack.seeded.dir, { action: 'release', alarmId });
      await raiseAlarm(stack.seeded.dir, { action: 'close', alarmId });
      await browser.page.waitForSelector(`${row}[data-state="CLOSED"]`, { timeout: 5_000 });
      expect(await browser.page.textContent(row)).toContain('已结案 Closed');
      expect(await browser.page.locator(row).count()).toBe(1);
      await browser.page.screenshot({ path: `${OUTPUT}/alarm-closed.png`, fullPage: true });
    });

    it('still renders with the inspection system down, marking the panels that lost it', async () => {
      const admin = stack.faultAdmin!;
      const fault = (mode: string) =>
        fetch(`${admin.url}/faults/inspection`, {
          method: 'POST',
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ mode }),
        });
      await fault('down');
      try {
        await open();
        expect(await browser.page.$$('#figures-table tbody tr')).toHaveLength(16);
        const marked = await browser.page.$$eval('.panel.degraded .warn', (spans) =>
          spans.map((s) => s.getAttribute('data-system')),
        );
        expect(marked).toContain('inspection');
        expect(await browser.page.$('#hazards.degraded')).not.toBeNull();
        await browser.page.screenshot({ path: `${OUTPUT}/inspection-down.png`, fullPage: true });
      } finally {
        await fault('heal');
      }
    });

    it("with a district's token shows that district only", async () => {
      const token = await issueToken(
        { subject: 'district-screen', scopes: [...READ_SCOPES], districts: ['310104'], ttlSeconds: 600 },
        readJwtConfig({ DATA_DIR: stack.dataDir }, true)!,
      );
      // A fresh document: from /dashboard, a change of fragment alone would not load the page again.
      await browser.page.goto('about:blank');
      await browser.page.goto(`${origin}/dashboard#token=${token}`, { waitUntil: 'load' });
      await browser.page.waitForSelector('body[data-loaded="true"][data-district="310104"]', { timeout: 20_000 });
      const districts = await browser.page.$$eval('#figures-table tbody tr', (trs) =>
        trs.map((tr) => tr.getAttribute('data-district')),
      );
      expect(districts).toEqual(['310104']);
      expect(await browser.page.textContent('#who')).toContain('310104');
      // The token left the address bar at once (it is kept for the tab only).
      expect(browser.page.url()).not.toContain(token);
      await browser.page.screenshot({ path: `${OUTPUT}/district-token.png`, fullPage: true });
      await browser.page.evaluate(() => sessionStorage.clear());
    });

    it('the explorer runs the alarms subscription over graphql-ws', async () => {
      await browser.page.goto(`${origin}/graphql`, { waitUntil: 'load' });
      const result = runInGraphiQL(browser.page, 'subscription Watch { alarms { change alarm { id } } }');
      await browser.page.waitForTimeout(2_000);
      const elevators = (await (
        await fetch(stack.gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ elevators(first: 1) { nodes { registrationCode } } }' }),
        })
      ).json()) as any;
      const { alarmId } = await raiseAlarm(stack.seeded.dir, {
        action: 'raise',
        elevator: elevators.data.elevators.nodes[0].registrationCode,
      });
      expect(await result).toEqual({ data: { alarms: { change: 'RAISED', alarm: { id: alarmId } } } });
    });

    it("made no request off the gateway's origin, and raised no page error", () => {
      expect(browser.blocked).toEqual([]);
      expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  },
);
