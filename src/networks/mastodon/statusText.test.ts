import { describe, expect, it } from 'vitest';
import { comparableText, plainTextOfContent } from './statusText.ts';

describe('plainTextOfContent', () => {
  it.each([
    ['<p>Hello</p>', 'Hello'],
    ['<p>one<br />two</p><p>three</p>', 'one\ntwo\n\nthree'],
    ['line one<br><br>line two<br>', 'line one\n\nline two'],
    ['<p>5 &gt; 3 &amp; &quot;q&quot; &#39;s&#39; &#x1F389;</p>', '5 > 3 & "q" \'s\' 🎉'],
    [
      '<p><a href="https://example.com/a"><span class="invisible">https://</span><span class="ellipsis">example.com/</span><span class="invisible">a</span></a></p>',
      'https://example.com/a',
    ],
    ['<p>জ্ঞান ক্ষমা স্ত্রী</p>', 'জ্ঞান ক্ষমা স্ত্রী'],
  ])('%s', (html, text) => {
    expect(plainTextOfContent(html)).toBe(text);
  });
});

describe('comparableText', () => {
  it.each([
    ['hi @bob@example.social', 'hi @bob'],
    ['mail alice@example.com', 'mail alice@example.com'],
    ['a\n\nb  c\u00a0d', 'a b c d'],
    ['ক্ষ'.normalize('NFD'), 'ক্ষ'.normalize('NFC')],
  ])('%j', (input, expected) => {
    expect(comparableText(input)).toBe(expected);
  });
});
