// Steps several browser journeys share: first-start setup, connecting a Bluesky account of the local
// network in Settings → Accounts, acting as another account of that network, and waiting for something
// that happens in the background.
import { AtpAgent } from '@atproto/api';
import type { Page } from 'playwright-core';
import type { AtprotoAccount, AtprotoNetwork } from '../src/testing/atprotoNetwork.ts';

export interface Owner {
  name: string;
  email: string;
  password: string;
}

/** Creates the owner and the first workspace on a fresh instance; answers the workspace id. */
export async function setUpInstance(page: Page, appUrl: string, owner: Owner, workspaceName: string) {
  await page.goto(`${appUrl}/`);
  await page.waitForURL(/\/setup$/);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email address').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByLabel('Workspace name').fill(workspaceName);
  await page.getByRole('button', { name: 'Create account and workspace' }).click();
  await page.waitForURL(/\/w\/[^/]+\/streams(\?.*)?$/);
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Connects the account through the form in Settings → Accounts, with the local PDS under "Advanced". */
export async function connectBluesky(
  page: Page,
  appUrl: string,
  workspaceId: string,
  network: AtprotoNetwork,
  account: AtprotoAccount,
) {
  await page.goto(`${appUrl}/w/${workspaceId}/settings/accounts`);
  const form = page.getByTestId('bluesky-form');
  await form.getByLabel('Handle or email').fill(account.handle);
  await form.getByLabel('App password').fill(account.appPassword);
  await form.getByText('Advanced').click();
  await form.getByLabel('PDS address (optional)').fill(network.pdsUrl);
  await form.getByRole('button', { name: 'Connect Bluesky account' }).click();
  await form.getByText(`@${account.handle} is connected.`).waitFor();
}

/** Polls until the probe answers something other than undefined; probe errors count as not yet. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`Gave up after ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`);
}

/** Signs in to the local network as one of its accounts, to post or act as that person. */
export async function signIn(network: AtprotoNetwork, account: AtprotoAccount): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: account.handle, password: account.password });
  return agent;
}

/** Gives an account of the local network a display name. */
export async function nameAccount(agent: AtpAgent, did: string, displayName: string) {
  await agent.com.atproto.repo.putRecord({
    repo: did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName },
  });
}

/** Date (YYYY-MM-DD) and time (HH:MM, 24-hour) of an instant on the clock of a time zone, as form fields take them. */
export function wallTime(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
