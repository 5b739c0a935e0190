// The connector of each network Kolorob can publish to, for what does not need a signed-in account:
// the text rule, the image limit and a new publish key.
import { badRequest } from '../core/appError.ts';
import { blueskyConnector } from './bluesky/blueskyConnector.ts';
import type { Connector, NetworkId } from './connector.ts';
import { mastodonConnector } from './mastodon/mastodonConnector.ts';

const NETWORK_NAMES: Record<NetworkId, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
};

const CONNECTORS: Partial<Record<NetworkId, Connector<unknown>>> = {
  bluesky: blueskyConnector as Connector<unknown>,
  mastodon: mastodonConnector as Connector<unknown>,
};

export function networkName(network: NetworkId): string {
  return NETWORK_NAMES[network];
}

/** The network's connector, or a 400 naming the network when Kolorob cannot publish there yet. */
export function connectorOf(network: NetworkId): Connector<unknown> {
  const connector = CONNECTORS[network];
  if (!connector?.capabilities.publish) {
    throw badRequest(`Kolorob cannot publish to ${NETWORK_NAMES[network]} yet.`);
  }
  return connector;
}
