// Connecting an account by its server's address: register Kolorob as an app on that server, send the
// person to its authorize page, trade the returned code for a token.
import { ConnectorError } from '../connector.ts';
import { mastodonFetch, normaliseInstanceUrl } from './mastodonHttp.ts';

export const MASTODON_SCOPES = 'read write';

export interface RegisteredApp {
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string;
}

export interface RegisterAppOptions {
  clientName?: string;
  website?: string;
}

export async function registerApp(
  instanceUrl: string,
  redirectUri: string,
  options: RegisterAppOptions = {},
): Promise<RegisteredApp> {
  const origin = normaliseInstanceUrl(instanceUrl);
  const { body } = await mastodonFetch<{ client_id?: string; client_secret?: string }>(
    origin,
    '/api/v1/apps',
    {
      method: 'POST',
      body: {
        client_name: options.clientName ?? 'Kolorob',
        redirect_uris: redirectUri,
        scopes: MASTODON_SCOPES,
        ...(options.website ? { website: options.website } : {}),
      },
    },
  );
  if (!body.client_id || !body.client_secret) {
    throw new ConnectorError(
      'rejected',
      `${new URL(origin).host} did not register the app (no client id in its answer)`,
    );
  }
  return {
    instanceUrl: origin,
    clientId: body.client_id,
    clientSecret: body.client_secret,
    redirectUri,
    scopes: MASTODON_SCOPES,
  };
}

/** The page on the person's server where they approve access; it redirects back with `code` and `state`. */
export function authorizeUrl(app: RegisteredApp, state: string): string {
  const url = new URL('/oauth/authorize', app.instanceUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('scope', app.scopes);
  url.searchParams.set('state', state);
  return url.toString();
}

export interface MastodonToken {
  accessToken: string;
  scope: string;
}

export async function exchangeCode(app: RegisteredApp, code: string): Promise<MastodonToken> {
  const { body } = await mastodonFetch<{ access_token?: string; scope?: string }>(
    app.instanceUrl,
    '/oauth/token',
    {
      method: 'POST',
      body: {
        grant_type: 'authorization_code',
        code,
        client_id: app.clientId,
        client_secret: app.clientSecret,
        redirect_uri: app.redirectUri,
        scope: app.scopes,
      },
    },
  );
  if (!body.access_token) {
    throw new ConnectorError('auth', 'The server gave no access token for this code; try connecting again');
  }
  return { accessToken: body.access_token, scope: body.scope ?? app.scopes };
}
