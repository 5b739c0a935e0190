/** The compiled listening scanner (assembly/keyScan.ts), as bytes. */
export function compileKeyScan(): Promise<Uint8Array>;
/** The TypeScript module src/core/listening/keyScanWasm.ts holding `binary`. */
export function keyScanModule(binary: Uint8Array): string;
