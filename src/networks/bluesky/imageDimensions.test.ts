import { describe, expect, it } from 'vitest';
import { imageDimensions } from './imageDimensions.ts';

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)),
  );

describe('imageDimensions', () => {
  it('reads a PNG header', () => {
    const png = bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0, 0, 0, 13],
      'IHDR',
      [0, 0, 2, 128],
      [0, 0, 1, 224],
    );
    expect(imageDimensions(png)).toEqual({ width: 640, height: 480 });
  });

  it('reads a JPEG frame header after other segments', () => {
    const jpeg = bytes(
      [0xff, 0xd8],
      [0xff, 0xe0, 0, 16],
      'JFIF\0',
      new Array(9).fill(0),
      [0xff, 0xc0, 0, 17, 8, 0x04, 0x38, 0x07, 0x80, 3],
      new Array(9).fill(0),
    );
    expect(imageDimensions(jpeg)).toEqual({ width: 1920, height: 1080 });
  });

  it('reads a GIF header', () => {
    expect(imageDimensions(bytes('GIF89a', [0x40, 0x01, 0xf0, 0x00], [0, 0, 0]))).toEqual({
      width: 320,
      height: 240,
    });
  });

  it('reads an extended WebP header', () => {
    const webp = bytes(
      'RIFF',
      [0, 0, 0, 0],
      'WEBPVP8X',
      [10, 0, 0, 0],
      [0, 0, 0, 0],
      [0x7f, 0x02, 0],
      [0xdf, 0x01, 0],
    );
    expect(imageDimensions(webp)).toEqual({ width: 640, height: 480 });
  });

  it('gives undefined for what it does not know', () => {
    expect(imageDimensions(bytes('not an image at all, just some text'))).toBeUndefined();
    expect(imageDimensions(new Uint8Array())).toBeUndefined();
  });
});
