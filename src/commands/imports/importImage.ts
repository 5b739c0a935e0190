// Fetches the image a row of an import names by address. Every address, and every address a redirect
// leads to, is checked first so a file cannot make Kolorob fetch from the network it runs in; the body
// is read only up to the size the networks accept.

import { checkOutboundUrl, type LookupAll, OutboundUrlError } from '../../networks/outboundUrl.ts';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../media/media.ts';

const MAX_REDIRECTS = 3;
const TIMEOUT_MS = 15_000;

/** Why an image could not be fetched, in a sentence for the person. */
export class ImportImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportImageError';
  }
}

export interface FetchedImage {
  data: Uint8Array;
  /** The type the server declared, as one of the image types Kolorob takes. */
  contentType: (typeof IMAGE_TYPES)[number];
}

export interface FetchImageOptions {
  allowPrivate: boolean;
  lookup?: LookupAll;
  timeoutMs?: number;
}

export async function fetchImportImage(address: string, options: FetchImageOptions): Promise<FetchedImage> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS);
  let current = address;
  for (let redirects = 0; ; redirects += 1) {
    let url: URL;
    try {
      url = await checkOutboundUrl(
        current,
        { allowPrivate: options.allowPrivate, lookup: options.lookup },
        'The image address',
      );
    } catch (error) {
      if (error instanceof OutboundUrlError) throw new ImportImageError(error.message);
      throw error;
    }
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: IMAGE_TYPES.join(', ') },
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
      throw new ImportImageError(`The image at ${address} ${reason}.`);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (redirects >= MAX_REDIRECTS) {
        throw new ImportImageError(`The image at ${address} redirects too many times.`);
      }
      current = new URL(location, url).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ImportImageError(`The image at ${address} could not be fetched (HTTP ${response.status}).`);
    }
    const declared = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const contentType = (declared === 'image/jpg' ? 'image/jpeg' : declared) as FetchedImage['contentType'];
    if (!IMAGE_TYPES.includes(contentType)) {
      await response.body?.cancel();
      throw new ImportImageError(
        `The address ${address} is not a PNG, JPEG, GIF or WebP image (the server says ${declared || 'nothing'}).`,
      );
    }
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > MAX_IMAGE_BYTES) {
      await response.body?.cancel();
      throw tooLarge(address);
    }
    try {
      return { data: await readAtMost(response, MAX_IMAGE_BYTES, address), contentType };
    } catch (error) {
      if (error instanceof ImportImageError) throw error;
      throw new ImportImageError(`The image at ${address} could not be read to the end.`);
    }
  }
}

const tooLarge = (address: string) =>
  new ImportImageError(`The image at ${address} is larger than 1 MB, the most the networks take.`);

async function readAtMost(response: Response, limit: number, address: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(address);
    }
    chunks.push(value);
  }
  const data = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return data;
}
