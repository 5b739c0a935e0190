// Every active query of every workspace, compiled into one matcher. Workers match each post once
// against all of them. The registry rebuilds the matcher when queries change: at once in this process
// (commands call `invalidate`), and in other processes when the table's fingerprint (how many queries,
// the newest change) moves, which it checks every few seconds.
import { compileMatcher } from '../core/listening/matcher.ts';
import type { MatchInput, QueryNode } from '../core/listening/queryAst.ts';
import type { Database } from '../db/database.ts';

export interface RegisteredQuery {
  id: string;
  workspaceId: string;
  tree: QueryNode;
}

/** One compiled set of queries: match a post, and know whose queries matched. */
export interface CompiledQueries {
  /** Ids of the queries that match the post. */
  match(input: MatchInput): string[];
  /** The workspace of each query. */
  workspaceOf: ReadonlyMap<string, string>;
  /** True when some query filters on language, so the language must be known before matching. */
  usesLanguage: boolean;
  size: number;
}

export function compileQueries(queries: RegisteredQuery[]): CompiledQueries {
  const matcher = compileMatcher(queries.map((q) => ({ id: q.id, tree: q.tree })));
  return {
    match: (input) => matcher.match(input),
    workspaceOf: new Map(queries.map((q) => [q.id, q.workspaceId])),
    usesLanguage: queries.some((q) => treeUsesLanguage(q.tree)),
    size: queries.length,
  };
}

function treeUsesLanguage(node: QueryNode): boolean {
  switch (node.type) {
    case 'filter':
      return node.field === 'lang';
    case 'and':
    case 'or':
      return node.children.some(treeUsesLanguage);
    case 'not':
      return treeUsesLanguage(node.child);
    default:
      return false;
  }
}

export interface QueryRegistry {
  /** The compiled active queries, rebuilt first when they changed. */
  current(): Promise<CompiledQueries>;
  /** Rebuild on the next `current()` (call after changing queries in this process). */
  invalidate(): void;
  close(): void;
}

// Registries of this process, so a command changing a query reaches every worker at once.
const registries = new Set<{ invalidate(): void }>();

/** Tells every registry in this process that queries changed. */
export function invalidateListeningQueries(): void {
  for (const registry of registries) registry.invalidate();
}

export function createQueryRegistry(
  database: Pick<Database, 'executor'>,
  options: { checkEveryMs?: number } = {},
): QueryRegistry {
  const checkEveryMs = options.checkEveryMs ?? 5_000;
  let compiled: CompiledQueries | undefined;
  let fingerprint = '';
  let checkedAt = 0;
  let stale = true;
  let loading: Promise<CompiledQueries> | undefined;

  const readFingerprint = async () => {
    const { rows } = await database.executor.executeSql(
      'SELECT count(*)::int AS n, max(updated_at) AS newest FROM listening_queries',
    );
    const row = rows[0] as { n: number; newest: Date | string | null };
    return `${row.n}:${row.newest ? new Date(row.newest).toISOString() : ''}`;
  };

  const load = async (): Promise<CompiledQueries> => {
    const now = Date.now();
    if (!stale && compiled && now - checkedAt < checkEveryMs) return compiled;
    const next = await readFingerprint();
    checkedAt = now;
    if (!stale && compiled && next === fingerprint) return compiled;
    stale = false;
    const { rows } = await database.executor.executeSql(
      `SELECT q.id, q.workspace_id, q.tree FROM listening_queries q WHERE q.active ORDER BY q.id`,
    );
    compiled = compileQueries(
      (rows as { id: string; workspace_id: string; tree: QueryNode | string }[]).map((row) => ({
        id: row.id,
        workspaceId: row.workspace_id,
        tree: typeof row.tree === 'string' ? (JSON.parse(row.tree) as QueryNode) : row.tree,
      })),
    );
    fingerprint = next;
    return compiled;
  };

  const registry = {
    current() {
      // Callers at the same moment share one reload.
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },
    invalidate() {
      stale = true;
    },
    close() {
      registries.delete(registry);
    },
  };
  registries.add(registry);
  return registry;
}
