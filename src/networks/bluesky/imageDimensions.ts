// Reads an image's width and height from its header, so a Bluesky post can carry the aspect ratio
// its apps use to lay the image out before it loads. Unknown formats give undefined.
export interface ImageDimensions {
  width: number;
  height: number;
}

function pngDimensions(data: Uint8Array, view: DataView): ImageDimensions | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length < 24 || !signature.every((byte, index) => data[index] === byte)) return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function gifDimensions(data: Uint8Array, view: DataView): ImageDimensions | undefined {
  if (data.length < 10 || String.fromCharCode(...data.subarray(0, 4)) !== 'GIF8') return undefined;
  return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function jpegDimensions(data: Uint8Array, view: DataView): ImageDimensions | undefined {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1]!;
    // Start-of-frame markers carry the size; C4 (Huffman table), C8 and CC (arithmetic coding) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + view.getUint16(offset + 2);
  }
  return undefined;
}

function webpDimensions(data: Uint8Array, view: DataView): ImageDimensions | undefined {
  const text = (start: number, end: number) => String.fromCharCode(...data.subarray(start, end));
  if (data.length < 30 || text(0, 4) !== 'RIFF' || text(8, 12) !== 'WEBP') return undefined;
  const chunk = text(12, 16);
  if (chunk === 'VP8 ')
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const width = (data[24]! | (data[25]! << 8) | (data[26]! << 16)) + 1;
    const height = (data[27]! | (data[28]! << 8) | (data[29]! << 16)) + 1;
    return { width, height };
  }
  return undefined;
}

export function imageDimensions(data: Uint8Array): ImageDimensions | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found =
    pngDimensions(data, view) ??
    jpegDimensions(data, view) ??
    gifDimensions(data, view) ??
    webpDimensions(data, view);
  return found && found.width > 0 && found.height > 0 ? found : undefined;
}
