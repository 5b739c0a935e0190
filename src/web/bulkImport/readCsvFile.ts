// Reads a CSV file chosen in the browser as text. Spreadsheets save CSV as UTF-8 (with or without a
// byte-order mark), as UTF-16 ("Unicode text") or, in older Excel, as Windows-1252; each is read as such.

export interface CsvFileText {
  text: string;
  /** True when the file was not UTF-8 or UTF-16 and was read as Windows-1252. */
  legacyEncoding: boolean;
}

export function decodeCsvBytes(bytes: Uint8Array): CsvFileText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), legacyEncoding: false };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), legacyEncoding: false };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), legacyEncoding: false };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), legacyEncoding: true };
  }
}

export async function readCsvFile(file: File): Promise<CsvFileText> {
  return decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
}
