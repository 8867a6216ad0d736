import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaFile } from './sdl.ts';
import { composeSupergraph } from './compose.ts';

describe('composition', () => {
  it('composes the four subgraphs into exactly the committed supergraph', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.supergraphSdl).toBe(readFileSync(schemaFile('supergraph'), 'utf8'));
    for (const name of ['PERMIT', 'INSPECTION', 'ELEVATOR', 'CREDIT'])
      expect(result.supergraphSdl).toContain(`${name} @join__graph`);
    // Our own access directive reaches the supergraph, where the gateway can read it.
    expect(result.supergraphSdl).toMatch(/legalRepresentative: String .*@pii\(kind: "PERSON_NAME"\)/);
  });
});
