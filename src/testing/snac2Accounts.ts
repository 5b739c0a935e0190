// Steps the API tests with a real snac2 share: calling its Mastodon API as one of its users, and
// connecting one of them to a workspace through Kolorob's OAuth flow, as a person would.
import { expect } from 'vitest';
import type { Snac2Server } from './snac2Server.ts';
import type { ApiClient } from './testApp.ts';

/** Calls snac2's Mastodon API as `user`: a GET, or a POST of `body` as JSON. Expects 200. */
export async function snacApi<T>(snac: Snac2Server, user: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${snac.instanceUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      authorization: `Bearer ${snac.users[user]!.accessToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, `${path}: ${response.status}`).toBe(200);
  return (await response.json()) as T;
}

/** Connects snac2's `user` to the workspace through the OAuth flow; answers the account id. */
export async function connectSnacAccount(
  client: ApiClient,
  workspaceId: string,
  snac: Snac2Server,
  user: string,
): Promise<string> {
  const started = await client.post(`/api/workspaces/${workspaceId}/accounts/mastodon`, {
    instanceUrl: snac.instanceUrl,
  });
  expect(started.statusCode, started.body).toBe(200);
  const authorize = new URL(started.json().authorizeUrl);
  const state = authorize.searchParams.get('state')!;
  const code = await snac.login(
    user,
    {
      instanceUrl: snac.instanceUrl,
      clientId: authorize.searchParams.get('client_id')!,
      clientSecret: '',
      redirectUri: authorize.searchParams.get('redirect_uri')!,
      scopes: authorize.searchParams.get('scope')!,
    },
    state,
  );
  const back = await client.get(`/api/oauth/mastodon/callback?${new URLSearchParams({ state, code })}`);
  const connected = new URL(String(back.headers.location), 'http://kolorob.test').searchParams.get(
    'connected',
  );
  expect(connected).toBeTruthy();
  return connected!;
}
