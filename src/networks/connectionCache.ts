// Signed-in connections kept per account between publish jobs, so a worker signs in to an account once
// instead of once per post. An entry is reused only while the account row is as it was when the entry
// was opened: the caller passes a stamp of the row (its status and sealed credentials, which change on
// reconnecting, on being marked "needs reconnecting", and when rotated tokens are saved), and a
// different stamp opens a new connection. A credential the network refused drops the entry.

export interface ConnectionCache<C> {
  /**
   * The account's connection for this stamp of its row; opened when missing or stale, once for all
   * the callers asking at the same time. A failed opening is not kept.
   */
  get(accountId: string, stamp: string): Promise<C>;
  /** Forgets the account's connection; with `connection`, only if that is still the cached one. */
  drop(accountId: string, connection?: C): void;
  /** How many accounts have a connection kept. */
  readonly size: number;
}

export interface ConnectionCacheOptions {
  /** Accounts kept at most; the least recently used is dropped first. */
  maxAccounts?: number;
}

interface Entry<C> {
  stamp: string;
  connection: Promise<C>;
  opened?: C;
}

export function createConnectionCache<C>(
  open: (accountId: string) => Promise<C>,
  options: ConnectionCacheOptions = {},
): ConnectionCache<C> {
  const maxAccounts = options.maxAccounts ?? 1000;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry<C>>();

  return {
    get(accountId, stamp) {
      const found = entries.get(accountId);
      entries.delete(accountId);
      if (found && found.stamp === stamp) {
        entries.set(accountId, found);
        return found.connection;
      }
      const entry: Entry<C> = { stamp, connection: open(accountId) };
      entries.set(accountId, entry);
      entry.connection.then(
        (connection) => {
          entry.opened = connection;
        },
        () => {
          if (entries.get(accountId) === entry) entries.delete(accountId);
        },
      );
      for (const oldest of entries.keys()) {
        if (entries.size <= maxAccounts) break;
        entries.delete(oldest);
      }
      return entry.connection;
    },
    drop(accountId, connection) {
      const entry = entries.get(accountId);
      if (!entry) return;
      if (connection !== undefined && entry.opened !== connection) return;
      entries.delete(accountId);
    },
    get size() {
      return entries.size;
    },
  };
}
