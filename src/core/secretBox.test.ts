import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secretBox.ts';

describe('secretBox', () => {
  const box = createSecretBox('a-test-secret-of-enough-length');

  it('opens what it sealed, including Bengali text', () => {
    const plain = 'টোকেন token-123';
    const sealed = box.seal(plain);
    expect(sealed).not.toContain('token-123');
    expect(box.open(sealed)).toBe(plain);
  });

  it('seals the same text differently each time', () => {
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses a tampered value and a different key', () => {
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => createSecretBox('another-secret-of-enough-len').open(sealed)).toThrow();
  });
});
