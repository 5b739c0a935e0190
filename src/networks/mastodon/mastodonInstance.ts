// What a Mastodon server says about itself that the composer needs: its character limit (servers may
// raise Mastodon's 500) and how many images a post may carry.
import { mastodonDefaultLimit, type TextRule, textRuleFor } from '../../core/textRules/index.ts';
import { ConnectorError } from '../connector.ts';
import { mastodonFetch, normaliseInstanceUrl } from './mastodonHttp.ts';

export interface InstanceLimits {
  maxCharacters: number;
  maxMediaAttachments?: number;
  /** Where the limit came from: the v2 or v1 instance document, or Mastodon's default. */
  source: 'v2' | 'v1' | 'default';
}

interface InstanceConfiguration {
  configuration?: { statuses?: { max_characters?: unknown; max_media_attachments?: unknown } };
  max_toot_chars?: unknown;
}

export async function readInstanceLimits(instanceUrl: string): Promise<InstanceLimits> {
  const origin = normaliseInstanceUrl(instanceUrl);
  const v2 = await instanceDocument(origin, '/api/v2/instance');
  const fromV2 = v2 && limitsOf(v2, false);
  if (fromV2) return { ...fromV2, source: 'v2' };
  const v1 = await instanceDocument(origin, '/api/v1/instance');
  const fromV1 = v1 && limitsOf(v1, true);
  if (fromV1) return { ...fromV1, source: 'v1' };
  return { maxCharacters: mastodonDefaultLimit, source: 'default' };
}

async function instanceDocument(origin: string, path: string): Promise<InstanceConfiguration | undefined> {
  try {
    return (await mastodonFetch<InstanceConfiguration>(origin, path)).body;
  } catch (error) {
    // A server without this document (snac2 has no v2), or one that shows it only to members, is not
    // an error: the next source is tried.
    if (error instanceof ConnectorError && (error.kind === 'rejected' || error.kind === 'auth'))
      return undefined;
    throw error;
  }
}

function limitsOf(
  document: InstanceConfiguration,
  allowLegacy: boolean,
): Omit<InstanceLimits, 'source'> | undefined {
  const statuses = document.configuration?.statuses;
  const fromConfiguration = positiveInteger(statuses?.max_characters);
  const maxCharacters =
    fromConfiguration ?? (allowLegacy ? positiveInteger(document.max_toot_chars) : undefined);
  if (maxCharacters === undefined) return undefined;
  const maxMediaAttachments = positiveInteger(statuses?.max_media_attachments);
  return maxMediaAttachments === undefined ? { maxCharacters } : { maxCharacters, maxMediaAttachments };
}

function positiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The text rule for posts on this server, with its own limit. */
export async function instanceTextRule(instanceUrl: string): Promise<TextRule> {
  const { maxCharacters } = await readInstanceLimits(instanceUrl);
  return textRuleFor('mastodon', { mastodonLimit: maxCharacters });
}
