import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CALLERS_DEFAULTS } from './config.ts';
import { buildManifest, manifestCache, readManifest } from './persisted-queries.ts';

describe('the persisted-query manifest', () => {
  it('is exactly what npm run persisted-queries makes of docs/operations (not stale)', () => {
    const built = buildManifest(fileURLToPath(new URL('../../docs/operations', import.meta.url)));
    expect(`${JSON.stringify(built, null, 1)}\n`).toBe(readFileSync(CALLERS_DEFAULTS.persistedQueriesPath, 'utf8'));
    expect(built.operations.map((o) => o.name)).toContain('CityOverview');
    // The dashboard's subscriptions are registered too, so a safelisted screen can subscribe.
    const subscriptions = built.operations.filter((o) => o.type === 'subscription').map((o) => o.name);
    expect(subscriptions).toEqual(['FiguresChanged', 'LiveAlarms']);
  });

  it('answers Apollo by hash from the manifest and registers nothing else', async () => {
    const manifest = readManifest(CALLERS_DEFAULTS.persistedQueriesPath);
    const cache = manifestCache(manifest);
    const first = manifest.operations[0]!;
    expect(await cache.get(`apq:${first.id}`)).toBe(first.body);
    await cache.set(`apq:${'0'.repeat(64)}`, '{ __typename }');
    expect(await cache.get(`apq:${'0'.repeat(64)}`)).toBeUndefined();
  });
});
