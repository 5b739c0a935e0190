// The Bluesky connector: signs in to a PDS (bsky.social or a self-hosted one) with an app password or
// stored session tokens, publishes (also replies and quotes), finds and deletes posts, and hands out the
// account's StreamReader. Every post is created under a record key chosen before the first attempt, so
// a retry finds the post instead of doubling it.
import {
  type $Typed,
  Agent,
  type AppBskyEmbedImages,
  type AppBskyEmbedRecord,
  type AppBskyEmbedRecordWithMedia,
  type AppBskyFeedPost,
  AppBskyRichtextFacet,
  type AtpSessionData,
  AtUri,
  CredentialSession,
  RichText,
  XRPCError,
} from '@atproto/api';
import { TID } from '@atproto/common-web';
import { graphemeLength, textRuleFor, utf8Length } from '../../core/textRules/index.ts';
import type {
  AccountProfile,
  Connection,
  Connector,
  ImageUpload,
  PublishRequest,
  RemotePost,
} from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import type { InboxReader } from '../inboxReader.ts';
import type { StreamReader } from '../streamReader.ts';
import { toConnectorError } from './blueskyErrors.ts';
import { BlueskyInboxReader } from './blueskyInboxReader.ts';
import { BlueskyStreamReader } from './blueskyStreamReader.ts';
import { imageDimensions } from './imageDimensions.ts';

export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';
const POST_COLLECTION = 'app.bsky.feed.post';
const MAX_IMAGES = 4;
const blueskyTextRule = textRuleFor('bluesky');
/** The image size the app.bsky.embed.images lexicon allows; older PDS versions stop at 1 MB. */
const MAX_IMAGE_BYTES = 2_000_000;

/** Session tokens the caller stores (encrypted) to resume without signing in again. */
export interface BlueskySession {
  did: string;
  handle: string;
  accessJwt: string;
  refreshJwt: string;
}

export interface BlueskyCredentials {
  /** The account's PDS; bsky.social when not given. */
  service?: string;
  /** Handle (alice.bsky.social) or email. */
  identifier: string;
  appPassword: string;
  /** Tokens from an earlier `session()`; the app password is used when they no longer work. */
  session?: BlueskySession;
}

export interface BlueskyConnection extends Connection {
  /** The current tokens, refreshed as needed; store them after each use of the connection. */
  session(): BlueskySession;
}

function postUrl(handle: string, did: string, rkey: string): string {
  // A handle that no longer resolves is reported as handle.invalid; the DID always works in the link.
  const actor = handle && handle !== 'handle.invalid' ? handle : did;
  return `https://bsky.app/profile/${actor}/post/${rkey}`;
}

function isRecordNotFound(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    (error.error === 'RecordNotFound' || /could not locate record/i.test(error.message))
  );
}

/** Mentions of handles that do not resolve are kept as plain text rather than sent without a DID. */
function resolvedFacets(
  facets: AppBskyRichtextFacet.Main[] | undefined,
): AppBskyRichtextFacet.Main[] | undefined {
  const kept = (facets ?? [])
    .map((facet) => ({
      ...facet,
      features: facet.features.filter(
        (feature) => !AppBskyRichtextFacet.isMention(feature) || Boolean(feature.did),
      ),
    }))
    .filter((facet) => facet.features.length > 0);
  return kept.length > 0 ? kept : undefined;
}

function checkImages(images: ImageUpload[]): void {
  if (images.length > MAX_IMAGES) {
    throw new ConnectorError(
      'rejected',
      `Bluesky allows ${MAX_IMAGES} images in a post; this post has ${images.length}.`,
    );
  }
  for (const [index, image] of images.entries()) {
    if (!image.mimeType.startsWith('image/')) {
      throw new ConnectorError(
        'rejected',
        `Image ${index + 1} is ${image.mimeType}, not an image Bluesky accepts.`,
      );
    }
    if (image.data.byteLength > MAX_IMAGE_BYTES) {
      const megabytes = (bytes: number) => (bytes / 1_000_000).toFixed(1);
      throw new ConnectorError(
        'rejected',
        `Bluesky accepts images up to ${megabytes(MAX_IMAGE_BYTES)} MB; image ${index + 1} is ${megabytes(image.data.byteLength)} MB.`,
      );
    }
  }
}

/**
 * Replaces the PDS's validation wording about text length ("grapheme too big (maximum 300, got 301)
 * at $.record.text", or "Record/text must not be longer than 300 graphemes" from older servers) with a
 * sentence a person can act on. The composer's own rule explains it when it agrees; when the server
 * counted differently (an older Unicode version splits Bengali conjuncts), its numbers are quoted.
 */
function explainRefusal(error: ConnectorError, text: string): ConnectorError {
  if (error.kind !== 'rejected' || !/(record\.text|Record\/text)\b/.test(error.message)) return error;
  const numbers = (pattern: RegExp) => {
    const match = pattern.exec(error.message);
    return match ? { limit: Number(match[1]), got: match[2] ? Number(match[2]) : undefined } : undefined;
  };
  const graphemes =
    numbers(/grapheme too big \(maximum (\d+), got (\d+)\)/) ?? numbers(/longer than (\d+) graphemes/);
  const bytes =
    numbers(/string too big \(maximum (\d+), got (\d+)\)/) ?? numbers(/longer than (\d+) characters/);
  if (!graphemes && !bytes) return error;
  const local = blueskyTextRule.count(text);
  if (local.over && local.problem) return new ConnectorError('rejected', local.problem);
  const sentence = graphemes
    ? `Bluesky counted ${graphemes.got ?? graphemeLength(text)} characters in this post and allows ${graphemes.limit}.`
    : `Bluesky counted ${bytes?.got ?? utf8Length(text)} bytes of text in this post and allows ${bytes?.limit}.`;
  return new ConnectorError('rejected', sentence);
}

class BlueskyConnectionImpl implements BlueskyConnection {
  private reader?: BlueskyStreamReader;
  private inboxReader?: BlueskyInboxReader;

  constructor(
    private readonly credentialSession: CredentialSession,
    private readonly agent: Agent,
  ) {}

  private get current(): AtpSessionData {
    const session = this.credentialSession.session;
    if (!session) throw new ConnectorError('auth', 'The Bluesky session has ended; reconnect the account.');
    return session;
  }

  session(): BlueskySession {
    const { did, handle, accessJwt, refreshJwt } = this.current;
    return { did, handle, accessJwt, refreshJwt };
  }

  streams(): StreamReader {
    this.reader ??= new BlueskyStreamReader(this.agent, () => {
      const { did, handle } = this.current;
      return { did, handle };
    });
    return this.reader;
  }

  inbox(): InboxReader {
    this.inboxReader ??= new BlueskyInboxReader(this.agent);
    return this.inboxReader;
  }

  async verify(): Promise<AccountProfile> {
    const { did, handle } = this.current;
    try {
      const { data } = await this.agent.app.bsky.actor.getProfile({ actor: did });
      return {
        remoteId: data.did,
        handle: data.handle,
        displayName: data.displayName ?? '',
        avatarUrl: data.avatar,
      };
    } catch (error) {
      // A brand-new account may not have reached the AppView yet; the signed-in session already
      // proves the credentials work and names the account.
      if (error instanceof XRPCError && error.status === 400 && /profile not found/i.test(error.message)) {
        return { remoteId: did, handle, displayName: '' };
      }
      throw toConnectorError(error);
    }
  }

  async findPublished(publishKey: string): Promise<RemotePost | undefined> {
    if (!TID.is(publishKey)) return undefined;
    const { did, handle } = this.current;
    try {
      const { data } = await this.agent.com.atproto.repo.getRecord({
        repo: did,
        collection: POST_COLLECTION,
        rkey: publishKey,
      });
      return { id: data.uri, cid: data.cid, url: postUrl(handle, did, publishKey) };
    } catch (error) {
      if (isRecordNotFound(error)) return undefined;
      throw toConnectorError(error);
    }
  }

  async publish(request: PublishRequest): Promise<RemotePost> {
    if (!TID.is(request.publishKey)) {
      throw new ConnectorError('rejected', `"${request.publishKey}" is not a Bluesky publish key.`);
    }
    const images = request.images ?? [];
    checkImages(images);

    const existing = await this.findPublished(request.publishKey);
    if (existing) return existing;

    const { did, handle } = this.current;
    try {
      const record = await this.buildRecord(request, images);
      const { data } = await this.agent.com.atproto.repo.createRecord({
        repo: did,
        collection: POST_COLLECTION,
        rkey: request.publishKey,
        record,
      });
      return { id: data.uri, cid: data.cid, url: postUrl(handle, did, request.publishKey) };
    } catch (failure) {
      // The create may have been applied although its answer was lost, or another attempt may have
      // created the record first (the PDS refuses a second create under one key): either way the post
      // is published once.
      const published = await this.findPublished(request.publishKey).catch(() => undefined);
      if (published) return published;
      throw explainRefusal(toConnectorError(failure), request.text);
    }
  }

  async delete(post: RemotePost): Promise<void> {
    const { did } = this.current;
    let uri: AtUri;
    try {
      uri = new AtUri(post.id);
    } catch {
      throw new ConnectorError('rejected', `"${post.id}" is not a Bluesky post.`);
    }
    if (uri.collection !== POST_COLLECTION) {
      throw new ConnectorError('rejected', `"${post.id}" is not a Bluesky post.`);
    }
    if (uri.host !== did) {
      throw new ConnectorError('rejected', 'This post belongs to another Bluesky account.');
    }
    try {
      await this.agent.com.atproto.repo.deleteRecord({
        repo: did,
        collection: POST_COLLECTION,
        rkey: uri.rkey,
      });
    } catch (error) {
      throw toConnectorError(error);
    }
  }

  private async buildRecord(request: PublishRequest, images: ImageUpload[]): Promise<AppBskyFeedPost.Record> {
    const richText = new RichText({ text: request.text });
    await richText.detectFacets(this.agent);
    const record: AppBskyFeedPost.Record = {
      $type: POST_COLLECTION,
      text: richText.text,
      createdAt: new Date().toISOString(),
    };
    const facets = resolvedFacets(richText.facets);
    if (facets) record.facets = facets;
    const media = images.length > 0 ? await this.uploadImages(images) : undefined;
    if (request.quote) {
      const quoted: $Typed<AppBskyEmbedRecord.Main> = {
        $type: 'app.bsky.embed.record',
        record: await this.strongRef(request.quote, 'quoted'),
      };
      const withMedia: $Typed<AppBskyEmbedRecordWithMedia.Main> | undefined = media
        ? { $type: 'app.bsky.embed.recordWithMedia', record: quoted, media }
        : undefined;
      record.embed = withMedia ?? quoted;
    } else if (media) {
      record.embed = media;
    }
    if (request.replyTo) {
      record.reply = {
        root: await this.strongRef(request.replyTo.root, 'replied to'),
        parent: await this.strongRef(request.replyTo.parent, 'replied to'),
      };
    }
    return record;
  }

  private async uploadImages(images: ImageUpload[]): Promise<$Typed<AppBskyEmbedImages.Main>> {
    const embedded: AppBskyEmbedImages.Image[] = [];
    for (const image of images) {
      const { data } = await this.agent.com.atproto.repo.uploadBlob(image.data, { encoding: image.mimeType });
      const entry: AppBskyEmbedImages.Image = { image: data.blob, alt: image.alt };
      const dimensions = imageDimensions(image.data);
      if (dimensions) entry.aspectRatio = dimensions;
      embedded.push(entry);
    }
    return { $type: 'app.bsky.embed.images', images: embedded };
  }

  /** uri and cid of a post; the cid is looked up when the caller did not keep it. */
  private async strongRef(
    post: RemotePost,
    role: 'replied to' | 'quoted',
  ): Promise<{ uri: string; cid: string }> {
    const notFound = () =>
      new ConnectorError('rejected', `The post being ${role} could not be found on Bluesky.`);
    let uri: AtUri;
    try {
      uri = new AtUri(post.id);
    } catch {
      throw new ConnectorError('rejected', `"${post.id}" is not a Bluesky post.`);
    }
    if (post.cid) return { uri: post.id, cid: post.cid };
    try {
      const { data } = await this.agent.com.atproto.repo.getRecord({
        repo: uri.host,
        collection: uri.collection,
        rkey: uri.rkey,
      });
      if (!data.cid) throw notFound();
      return { uri: data.uri, cid: data.cid };
    } catch (error) {
      if (isRecordNotFound(error)) throw notFound();
      throw error;
    }
  }
}

async function signIn(credentials: BlueskyCredentials): Promise<BlueskyConnection> {
  let serviceUrl: URL;
  try {
    serviceUrl = new URL(credentials.service?.trim() || BLUESKY_DEFAULT_SERVICE);
  } catch {
    throw new ConnectorError('auth', `"${credentials.service}" is not a server address.`);
  }
  const credentialSession = new CredentialSession(serviceUrl);
  const agent = new Agent(credentialSession);

  if (credentials.session) {
    try {
      await credentialSession.resumeSession({ ...credentials.session, active: true });
      return new BlueskyConnectionImpl(credentialSession, agent);
    } catch (error) {
      const mapped = toConnectorError(error);
      // Only a refused token is a reason to sign in afresh; an unreachable server stays unreachable.
      if (mapped.kind !== 'auth' || !credentials.appPassword) throw mapped;
    }
  }

  try {
    await credentialSession.login({ identifier: credentials.identifier, password: credentials.appPassword });
  } catch (error) {
    const mapped = toConnectorError(error);
    if (mapped.kind === 'transient' || mapped.kind === 'rate_limited') throw mapped;
    const detail = error instanceof XRPCError && error.message ? ` (${error.message})` : '';
    throw new ConnectorError(
      'auth',
      `Bluesky did not accept the handle and app password for ${serviceUrl.host}${detail}.`,
    );
  }
  return new BlueskyConnectionImpl(credentialSession, agent);
}

export interface BlueskyConnector extends Connector<BlueskyCredentials> {
  connect(credentials: BlueskyCredentials): Promise<BlueskyConnection>;
}

export const blueskyConnector: BlueskyConnector = {
  network: 'bluesky',
  capabilities: { publish: true, maxImages: MAX_IMAGES, altText: true, threads: true, delete: true },
  textRule: blueskyTextRule,
  newPublishKey: () => TID.nextStr(),
  connect: signIn,
};
