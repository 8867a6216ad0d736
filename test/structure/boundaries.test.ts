/**
 * The layering of the source tree (docs/architecture.md, "Layout"): production folders hold
 * production code only, and no import runs back up bin → embedded → gateway → subgraphs → adapters →
 * graph → runtime/reference. The checker itself is shown failing on planted imports, so a green run
 * means the tree is clean, not that the checker is blind.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forbiddenImports, importCycles, importsOf, readImportGraph } from '../support/import-graph.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('import boundaries', () => {
  const graph = readImportGraph(root);

  it('reads the whole tree', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('graph/compose.ts')).toContain('graph/names.ts');
  });

  it('no production import crosses a boundary or reaches a test or measurement helper', () => {
    expect(forbiddenImports(graph)).toEqual([]);
  });

  it('no import cycle among production modules', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it('names each forbidden import it is shown', () => {
    const planted = new Map(graph);
    planted.set(
      'adapters/permit/sneaky.ts',
      importsOf('adapters/permit/sneaky.ts', "import { x } from '../../legacy/permit/store.ts';"),
    );
    planted.set(
      'subgraphs/permit/sneaky.ts',
      importsOf('subgraphs/permit/sneaky.ts', "export { y } from '../../gateway/server.ts';"),
    );
    planted.set(
      'gateway/sneaky.ts',
      importsOf('gateway/sneaky.ts', "const z = await import('../adapters/core/calls.ts');"),
    );
    planted.set('runtime/sneaky.ts', importsOf('runtime/sneaky.ts', "import '../graph/errors.ts';"));
    planted.set(
      'legacy/sneaky.ts',
      importsOf('legacy/sneaky.ts', "import type { W } from '../subgraphs/common/server.ts';"),
    );
    planted.set('embedded/sneaky.ts', importsOf('embedded/sneaky.ts', "import { s } from '../test/support/stack.ts';"));
    expect(forbiddenImports(planted)).toEqual([
      'adapters/permit/sneaky.ts → legacy/permit/store.ts',
      'embedded/sneaky.ts → test/support/stack.ts',
      'gateway/sneaky.ts → adapters/core/calls.ts',
      'legacy/sneaky.ts → subgraphs/common/server.ts',
      'runtime/sneaky.ts → graph/errors.ts',
      'subgraphs/permit/sneaky.ts → gateway/server.ts',
    ]);
  });

  it('finds a planted cycle', () => {
    const planted = new Map(graph);
    planted.set('graph/a.ts', ['graph/b.ts']);
    planted.set('graph/b.ts', ['graph/a.ts']);
    expect(importCycles(planted)).toEqual([['graph/a.ts', 'graph/b.ts']]);
  });
});
