// Bluesky's streams (Jetstream, a relay's firehose) name a post's author by DID only. This turns DIDs
// into handles and display names for the mentions stored, and handles into DIDs for `author:` filters,
// through an AppView's public endpoints (app.bsky.actor.getProfiles, 25 at a time, and
// com.atproto.identity.resolveHandle). Answers are kept for an hour. When the AppView cannot be reached
// the DIDs stay as they are (nothing is lost, a mention just shows the DID) and it is not asked again
// for a minute, so a batch of posts never waits on an AppView that is down.

export interface BlueskyProfile {
  handle: string;
  displayName?: string;
}

export interface BlueskyHandles {
  /** The profiles of the DIDs the AppView knows; DIDs it does not know, or a failure, are left out. */
  profilesOf(dids: readonly string[]): Promise<Map<string, BlueskyProfile>>;
  /**
   * The DID a handle points to; null when it points nowhere (or is no handle), undefined when the
   * AppView cannot be asked now.
   */
  didOf(handle: string): Promise<string | null | undefined>;
}

export interface BlueskyHandlesOptions {
  /** The AppView, e.g. https://public.api.bsky.app. */
  appViewUrl: string;
  timeoutMs?: number;
  /** How long an answer is kept. */
  keepMs?: number;
  /** How long the AppView is left alone after it failed. */
  pauseAfterFailureMs?: number;
  /** Most answers kept; the oldest go first. */
  maxKept?: number;
  onError?: (error: Error) => void;
  now?: () => number;
}

/** The most actors app.bsky.actor.getProfiles takes at once. */
const PROFILES_PER_REQUEST = 25;
/** A handle whose DID document no longer confirms it. */
const INVALID_HANDLE = 'handle.invalid';

interface Kept<T> {
  value: T;
  at: number;
}

/** A map that forgets its oldest entries beyond `max` and entries older than `keepMs`. */
function keptMap<T>(max: number, keepMs: number, now: () => number) {
  const entries = new Map<string, Kept<T>>();
  return {
    get(key: string): Kept<T> | undefined {
      const entry = entries.get(key);
      if (entry && now() - entry.at > keepMs) {
        entries.delete(key);
        return undefined;
      }
      return entry;
    },
    set(key: string, value: T) {
      entries.delete(key);
      entries.set(key, { value, at: now() });
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
  };
}

const isDid = (value: string) => /^did:[a-z]+:[A-Za-z0-9._:%-]+$/.test(value);

export function blueskyHandles(options: BlueskyHandlesOptions): BlueskyHandles {
  const base = options.appViewUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;
  const now = options.now ?? Date.now;
  const keepMs = options.keepMs ?? 60 * 60_000;
  const pauseMs = options.pauseAfterFailureMs ?? 60_000;
  const maxKept = options.maxKept ?? 50_000;
  const onError = options.onError ?? ((error: Error) => console.warn(error.message));
  // undefined: the AppView does not know the DID (or the handle points nowhere).
  const profiles = keptMap<BlueskyProfile | undefined>(maxKept, keepMs, now);
  const dids = keptMap<string | null>(maxKept, keepMs, now);
  let pausedUntil = 0;

  const get = async (path: string, params: URLSearchParams): Promise<unknown> => {
    if (now() < pausedUntil) throw new Error('paused');
    const response = await fetch(`${base}/xrpc/${path}?${params}`, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    }).catch((error: unknown) => {
      pausedUntil = now() + pauseMs;
      onError(new Error(`Bluesky AppView ${base} could not be reached: ${(error as Error).message}`));
      throw error;
    });
    if (response.status === 400) return undefined;
    if (!response.ok) {
      pausedUntil = now() + pauseMs;
      onError(new Error(`Bluesky AppView ${base} answered ${response.status} to ${path}.`));
      throw new Error(`status ${response.status}`);
    }
    return response.json();
  };

  return {
    async profilesOf(wanted) {
      const found = new Map<string, BlueskyProfile>();
      const missing: string[] = [];
      for (const did of new Set(wanted)) {
        const kept = profiles.get(did);
        if (kept) {
          if (kept.value) found.set(did, kept.value);
        } else if (isDid(did)) {
          missing.push(did);
        }
      }
      for (let from = 0; from < missing.length; from += PROFILES_PER_REQUEST) {
        const batch = missing.slice(from, from + PROFILES_PER_REQUEST);
        const params = new URLSearchParams(batch.map((did) => ['actors', did]));
        const answer = (await get('app.bsky.actor.getProfiles', params).catch(() => null)) as {
          profiles?: { did?: unknown; handle?: unknown; displayName?: unknown }[];
        } | null;
        if (answer === null) break;
        const known = new Map<string, BlueskyProfile>();
        for (const profile of answer?.profiles ?? []) {
          if (typeof profile.did !== 'string' || typeof profile.handle !== 'string') continue;
          if (profile.handle === INVALID_HANDLE) continue;
          known.set(profile.did, {
            handle: profile.handle,
            ...(typeof profile.displayName === 'string' && profile.displayName.trim() !== ''
              ? { displayName: profile.displayName }
              : {}),
          });
        }
        for (const did of batch) {
          const profile = known.get(did);
          profiles.set(did, profile);
          if (profile) {
            found.set(did, profile);
            dids.set(profile.handle.toLowerCase(), did);
          }
        }
      }
      return found;
    },

    async didOf(handle) {
      const key = handle.trim().replace(/^@/, '').toLowerCase();
      if (!/^[a-z0-9.-]+\.[a-z0-9-]+$/.test(key)) return null;
      const kept = dids.get(key);
      if (kept) return kept.value;
      const answer = (await get(
        'com.atproto.identity.resolveHandle',
        new URLSearchParams({ handle: key }),
      ).catch(() => null)) as { did?: unknown } | null;
      if (answer === null) return undefined;
      const did = typeof answer?.did === 'string' && isDid(answer.did) ? answer.did : null;
      dids.set(key, did);
      return did;
    },
  };
}
