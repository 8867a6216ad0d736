/** The fault control's listener: loopback, a token from the data folder, modes checked, its file removed on stop. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { faultAdminFile, startFaultAdmin } from './fault-admin.ts';
import { type FaultRequest, faultsFor } from './faults.ts';

const dir = mkdtempSync(join(tmpdir(), 'eg-fault-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fault admin', () => {
  it('switches a mode for the holder of the token only, and forgets its address on stop', async () => {
    const applied: FaultRequest[] = [];
    const admin = await startFaultAdmin({
      controls: { permit: { apply: (r) => void applied.push(r), state: () => ({ applied: applied.length }) } },
      dataDir: dir,
    });
    const file = faultAdminFile(dir, 'permit');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { url, token } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; token: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const post = (body: unknown, auth = `Bearer ${token}`, system = 'permit') =>
      fetch(`${url}/faults/${system}`, {
        method: 'POST',
        headers: { authorization: auth },
        body: JSON.stringify(body),
      });

    expect((await post({ mode: 'down' }, 'Bearer wrong')).status).toBe(401);
    expect((await post({ mode: 'melt' })).status).toBe(400);
    expect((await post({ mode: 'down' }, undefined, 'credit')).status).toBe(404);
    const ok = await post({ mode: 'slow', ms: 300 });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ permit: { applied: 1 } });
    expect(applied).toEqual([{ mode: 'slow', ms: 300, rate: undefined }]);
    await admin.stop();
    expect(existsSync(file)).toBe(false);
  });

  it('maps modes onto fault fields, checked', () => {
    expect(faultsFor({ mode: 'errors', rate: 0.25 })).toEqual({ errorRate: 0.25 });
    expect(faultsFor({ mode: 'heal' })).toEqual({ latencyMs: 0, errorRate: 0, outage: false, hang: false });
    expect(() => faultsFor({ mode: 'errors', rate: 2 })).toThrow('rate must be 0..1');
    expect(() => faultsFor({ mode: 'slow', ms: -1 })).toThrow('ms must be 0..600000');
  });
});
