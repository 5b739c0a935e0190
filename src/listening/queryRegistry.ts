// Every active query of every workspace, compiled into one matcher. Workers match each post once
// against all of them. The registry rebuilds the matcher when queries change: at once in this process
// (commands call `invalidate`), and in other processes when the table's fingerprint (how many queries,
// the newest change) moves, which it checks every few seconds.
import { authorKey, compileMatcher } from '../core/listening/matcher.ts';
import type { MatchInput, QueryNode } from '../core/listening/queryAst.ts';
import type { Database } from '../db/database.ts';
import type { BlueskyHandles } from './blueskyHandles.ts';

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

export function compileQueries(
  queries: RegisteredQuery[],
  authorAliases?: ReadonlyMap<string, string>,
): CompiledQueries {
  const matcher = compileMatcher(
    queries.map((q) => ({ id: q.id, tree: q.tree })),
    authorAliases ? { authorAliases } : {},
  );
  return {
    match: (input) => matcher.match(input),
    workspaceOf: new Map(queries.map((q) => [q.id, q.workspaceId])),
    usesLanguage: queries.some((q) => treeUsesLanguage(q.tree)),
    size: queries.length,
  };
}

/** The values of the `author:` filters of a tree. */
function authorsOf(node: QueryNode, into: Set<string>): Set<string> {
  if (node.type === 'filter' && node.field === 'author') into.add(node.value);
  if (node.type === 'and' || node.type === 'or') for (const child of node.children) authorsOf(child, into);
  if (node.type === 'not') authorsOf(node.child, into);
  return into;
}

/**
 * The DIDs the queries' `author:` handles point to on Bluesky, by `authorKey`, and whether some could
 * not be looked up now (the AppView did not answer).
 */
async function blueskyAuthorAliases(
  trees: QueryNode[],
  handles: BlueskyHandles,
): Promise<{ aliases: Map<string, string>; unresolved: boolean }> {
  const values = new Set<string>();
  for (const tree of trees) authorsOf(tree, values);
  const aliases = new Map<string, string>();
  let unresolved = false;
  for (const value of values) {
    // Mastodon's user@instance and DIDs themselves need no lookup.
    const handle = value.trim().replace(/^@/, '');
    if (handle.includes('@') || handle.startsWith('did:') || !handle.includes('.')) continue;
    const did = await handles.didOf(handle);
    if (did === undefined) unresolved = true;
    else if (did !== null) aliases.set(authorKey(value), did);
  }
  return { aliases, unresolved };
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
  options: {
    checkEveryMs?: number;
    /** Resolves `author:` handles to the DIDs Bluesky's streams name authors by. */
    blueskyHandles?: BlueskyHandles;
    /** How soon handles that could not be looked up are tried again. */
    retryHandlesMs?: number;
  } = {},
): QueryRegistry {
  const checkEveryMs = options.checkEveryMs ?? 5_000;
  const retryHandlesMs = options.retryHandlesMs ?? 60_000;
  let retryHandlesAt = Number.POSITIVE_INFINITY;
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
    if (now >= retryHandlesAt) stale = true;
    if (!stale && compiled && now - checkedAt < checkEveryMs) return compiled;
    const next = await readFingerprint();
    checkedAt = now;
    if (!stale && compiled && next === fingerprint) return compiled;
    stale = false;
    const { rows } = await database.executor.executeSql(
      `SELECT q.id, q.workspace_id, q.tree FROM listening_queries q WHERE q.active ORDER BY q.id`,
    );
    const queries = (rows as { id: string; workspace_id: string; tree: QueryNode | string }[]).map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      tree: typeof row.tree === 'string' ? (JSON.parse(row.tree) as QueryNode) : row.tree,
    }));
    let aliases: Map<string, string> | undefined;
    retryHandlesAt = Number.POSITIVE_INFINITY;
    if (options.blueskyHandles) {
      const resolved = await blueskyAuthorAliases(
        queries.map((q) => q.tree),
        options.blueskyHandles,
      );
      aliases = resolved.aliases;
      if (resolved.unresolved) retryHandlesAt = now + retryHandlesMs;
    }
    compiled = compileQueries(queries, aliases);
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
