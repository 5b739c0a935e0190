import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_CODE_PATTERN,
  CODE_ALPHABET,
  newCertificateCode,
  normalizeCertificateCode,
} from './certificateCode.ts';

describe('newCertificateCode', () => {
  it('has the KLR-XXXX-XXXX shape with no look-alike characters', () => {
    for (let i = 0; i < 500; i += 1) {
      const code = newCertificateCode();
      expect(code).toMatch(CERTIFICATE_CODE_PATTERN);
      expect(code.slice(4)).not.toMatch(/[01OI]/);
    }
  });

  it('uses the whole alphabet and does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(codes.size).toBe(2000);
    const seen = new Set([...codes].flatMap((code) => [...code.slice(4).replace('-', '')]));
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABET].sort().join(''));
  });

  it('maps the random source onto the alphabet', () => {
    let next = 0;
    const code = newCertificateCode(() => next++ % CODE_ALPHABET.length);
    expect(code).toBe('KLR-ABCD-EFGH');
    expect(newCertificateCode(() => CODE_ALPHABET.length - 1)).toBe('KLR-9999-9999');
  });
});

describe('normalizeCertificateCode', () => {
  it.each([
    ['KLR-7Q2M-XK4P', 'KLR-7Q2M-XK4P'],
    ['  klr-7q2m-xk4p ', 'KLR-7Q2M-XK4P'],
    ['KLR 7Q2M XK4P', 'KLR-7Q2M-XK4P'],
    ['klr7q2mxk4p', 'KLR-7Q2M-XK4P'],
    ['KLR-7Q2M-XK4', undefined],
    ['KLR-7Q2M-XK4PP', undefined],
    ['ABC-7Q2M-XK4P', undefined],
    ['KLR-0Q2M-XK4P', undefined],
    ['KLR-IQ2M-XK4P', undefined],
    ['KLR-7Q2M-XK4O', undefined],
    ['', undefined],
    ['KLR-7Q2M-XK4P; DROP TABLE', undefined],
  ])('%j → %j', (input, expected) => {
    expect(normalizeCertificateCode(input)).toBe(expected);
  });
});
