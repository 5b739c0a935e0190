// Certificate codes: short enough to read aloud or type from paper, random enough that nobody guesses one.
// `KLR-` and two groups of four from an alphabet without look-alikes (no 0/O, no 1/I).
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUP = `[${CODE_ALPHABET}]{4}`;
export const CERTIFICATE_CODE_PATTERN = new RegExp(`^KLR-${GROUP}-${GROUP}$`);

/** A fresh code; 32^8 (about 10^12) possibilities, drawn with the operating system's random source. */
export function newCertificateCode(random: (max: number) => number = randomInt): string {
  const group = () => Array.from({ length: 4 }, () => CODE_ALPHABET[random(CODE_ALPHABET.length)]).join('');
  return `KLR-${group()}-${group()}`;
}

/**
 * The code as stored, from what someone typed or scanned: any case, surrounding spaces, and spaces instead
 * of dashes are accepted. Answers undefined when it cannot be a certificate code.
 */
export function normalizeCertificateCode(input: string): string | undefined {
  const compact = input
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '');
  if (!/^KLR[A-Z0-9]{8}$/.test(compact)) return undefined;
  const code = `KLR-${compact.slice(3, 7)}-${compact.slice(7, 11)}`;
  return CERTIFICATE_CODE_PATTERN.test(code) ? code : undefined;
}
