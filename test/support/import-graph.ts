/**
 * The project's own import graph, read from the source text (static `import … from './x.ts'`,
 * `export … from`, and `import('./x.ts')`), and the layering rules it must keep. Package imports are
 * not edges here; a deep import into a package's `dist/` is the linter's business.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/** A module's path from the project root, with forward slashes. */
export type ModulePath = string;
export type ImportGraph = ReadonlyMap<ModulePath, readonly ModulePath[]>;

const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)'(\.{1,2}\/[^']+)'/g;

/** The modules a source text imports, resolved against the importing module's folder. */
export function importsOf(path: ModulePath, source: string): ModulePath[] {
  const found: ModulePath[] = [];
  for (const match of source.matchAll(RELATIVE_IMPORT)) {
    found.push(
      normalize(join(dirname(path), match[1]!))
        .split('\\')
        .join('/'),
    );
  }
  return found;
}

const SKIPPED = new Set(['node_modules', 'data', '.git', 'dist', 'coverage']);

/** Every .ts file under the root (skipping installed packages and data folders) with its imports. */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<ModulePath, ModulePath[]>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        const path = relative(root, full).split('\\').join('/');
        graph.set(path, importsOf(path, readFileSync(full, 'utf8')));
      }
    }
  };
  walk(root);
  return graph;
}

/** Test files and the helpers of tests and measurements; everything else is production code. */
function isProduction(path: ModulePath): boolean {
  return !path.endsWith('.test.ts') && !path.startsWith('test/') && !path.startsWith('bench/') && path.includes('/');
}

/**
 * What each production folder may import, top-down: bin → embedded → gateway → subgraphs → adapters →
 * graph → runtime/reference. Nothing runs back up; legacy stand-ins stand beside the adapters and share
 * nothing with them but reference data and process plumbing.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  bin: ['bin', 'embedded', 'gateway', 'subgraphs', 'adapters', 'legacy', 'graph', 'runtime', 'reference'],
  embedded: ['embedded', 'gateway', 'subgraphs', 'adapters', 'legacy', 'graph', 'runtime', 'reference'],
  gateway: ['gateway', 'graph', 'runtime', 'reference'],
  subgraphs: ['subgraphs', 'adapters', 'graph', 'runtime', 'reference'],
  adapters: ['adapters', 'graph', 'runtime', 'reference'],
  legacy: ['legacy', 'runtime', 'reference'],
  graph: ['graph', 'runtime', 'reference'],
  runtime: ['runtime'],
  reference: ['reference'],
};

const folderOf = (path: ModulePath): string => path.split('/')[0]!;

/** Each production import that breaks the layering, as "importer → imported". */
export function forbiddenImports(graph: ImportGraph): string[] {
  const broken: string[] = [];
  for (const [from, targets] of graph) {
    if (!isProduction(from)) continue;
    const allowed = MAY_IMPORT[folderOf(from)];
    for (const to of targets) {
      const ok = allowed ? allowed.includes(folderOf(to)) && isProduction(to) : isProduction(to);
      if (!ok) broken.push(`${from} → ${to}`);
    }
  }
  return broken.sort();
}

/** Import cycles among production modules, each as the modules around it (Tarjan's strongly connected components). */
export function importCycles(graph: ImportGraph): ModulePath[][] {
  const index = new Map<ModulePath, number>();
  const low = new Map<ModulePath, number>();
  const onStack = new Set<ModulePath>();
  const stack: ModulePath[] = [];
  const cycles: ModulePath[][] = [];
  let next = 0;
  const visit = (node: ModulePath): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!graph.has(to) || !isProduction(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: ModulePath[] = [];
      let member: ModulePath;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (isProduction(node) && !index.has(node)) visit(node);
  return cycles;
}
