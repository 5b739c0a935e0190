// Feed HTML reduced to plain text: hidden elements dropped, tags removed, references decoded,
// whitespace collapsed, long text cut at a word.
import { describe, expect, it } from 'vitest';
import { cutText, decodeCharacterReferences, htmlToPlainText } from './feedText.ts';

describe('htmlToPlainText', () => {
  it.each([
    ['<p>Hello <b>world</b></p>', 'Hello world'],
    ['<p>a</p><p>b</p>', 'a b'],
    ['line<br/>break', 'line break'],
    ['<script>alert(1)</script>safe', 'safe'],
    ['<SCRIPT type="text/javascript">x()</SCRIPT >safe', 'safe'],
    ['<style>p{}</style><noscript>no</noscript>ok', 'ok'],
    ['before<script>never closed', 'before'],
    ['<!-- a comment -->text', 'text'],
    ['Tom &amp; Jerry &lt;3', 'Tom & Jerry <3'],
    ['&#2476;&#x9BE;&#x982;&#x9B2;&#x9BE;', 'বাংলা'],
    ['&ldquo;quoted&rdquo; &hellip;&nbsp;end', '“quoted” … end'],
    ['&unknown; stays', '&unknown; stays'],
    ['&#0; and &#xD800;', '\ufffd and \ufffd'],
    ['a < b and c > d', 'a < b and c > d'],
    ['a\u0000b\u0007c', 'a b c'],
    ['&lt;script&gt;', '<script>'],
    ['  lots\n\n of\t space  ', 'lots of space'],
  ])('%j → %j', (html, text) => {
    expect(htmlToPlainText(html)).toBe(text);
  });

  it('cuts long text near the limit at a word, with an ellipsis', () => {
    const text = htmlToPlainText(`<p>${'word '.repeat(400)}</p>`);
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text.length).toBeGreaterThan(900);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe('cutText', () => {
  it('leaves short text alone', () => {
    expect(cutText('short', 10)).toBe('short');
  });

  it('never splits a surrogate pair', () => {
    const cut = cutText('😀'.repeat(10), 5);
    expect(cut).toBe('😀😀…');
  });
});

describe('decodeCharacterReferences', () => {
  it('decodes each reference once', () => {
    expect(decodeCharacterReferences('&amp;lt;')).toBe('&lt;');
  });
});
