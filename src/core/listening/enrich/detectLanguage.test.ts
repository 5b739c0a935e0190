import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detectLanguage.ts';

describe('detectLanguage', () => {
  it.each([
    ['English post', 'The delivery arrived two days early and the packaging was lovely', 'en'],
    ['Bengali post', 'অর্ডার করার দুই দিনের মধ্যেই হাতে পেয়ে গেলাম, খুব ভালো লাগলো', 'bn'],
    ['short English', 'ok thanks', 'en'],
    ['short Bengali', 'ভালো', 'bn'],
    ['short Bengali with a Latin word', 'app টা ভালো', 'bn'],
    ['mixed, mostly Bengali', 'Kolorob app টা সত্যিই খুব ভালো লাগছে, ধন্যবাদ', 'bn'],
    ['mixed, mostly English', 'Great service from the whole team today, ধন্যবাদ', 'en'],
    ['emoji only', '😍🔥👏', 'und'],
    ['digits and punctuation only', '১২৩ 456 !!!', 'und'],
    ['a link and a mention only', 'https://example.com/a @kolorob', 'und'],
    ['empty', '', 'und'],
  ])('%s', (_, text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('does not call short Latin text English when English is not a candidate', () => {
    expect(detectLanguage('ok thanks', { candidates: ['ben'] })).toBe('und');
  });

  it('uses franc among the candidates for longer text', () => {
    const french = 'Le service client a répondu très rapidement et le colis est arrivé en bon état';
    expect(detectLanguage(french, { candidates: ['eng', 'ben', 'fra'] })).toBe('fr');
    expect(detectLanguage(french, { candidates: ['ben'] })).toBe('und');
  });

  it('ignores a script no candidate uses', () => {
    expect(detectLanguage('Спасибо за быструю доставку, всё пришло вовремя')).toBe('und');
  });
});
