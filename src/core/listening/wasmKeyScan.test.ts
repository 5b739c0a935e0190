import { describe, expect, it } from 'vitest';
import { jetstreamEvents, listeningQueries, listeningVocabulary } from '../../../bench/listeningCorpus.ts';
import { compileKeyScan, keyScanModule } from '../../../scripts/build-key-scan.mjs';
import { KEY_SCAN_WASM } from './keyScanWasm.ts';
import { compileMatcher } from './matcher.ts';
import type { MatchInput } from './queryAst.ts';
import { parseQuery } from './queryParser.ts';
import { buildTermIndex, TermHits } from './termIndex.ts';

const queries = (texts: Record<string, string>) =>
  Object.entries(texts).map(([id, text]) => ({ id, tree: parseQuery(text) }));

describe('the WebAssembly matcher', () => {
  it('is built from assembly/keyScan.ts as committed', async () => {
    const binary = await compileKeyScan();
    expect(keyScanModule(binary)).toContain(KEY_SCAN_WASM);
  }, 60_000);

  it('matches English and Bengali posts itself, split letters included', () => {
    const matcher = compileMatcher(
      queries({
        brand: 'mango* AND (lassi OR "cold drink")',
        bn: 'বাড়ি OR #বন্যা',
        near: 'flood NEAR/2 relief',
        lang: 'আম AND lang:bn',
      }),
    );
    expect(matcher.match({ text: 'Mangoes and LASSI for everyone' })).toEqual(['brand']);
    expect(matcher.match({ text: 'a cold drink with mangos' })).toEqual(['brand']);
    // বাড়ি typed with the precomposed ড় (U+09DC), which NFC splits in two.
    expect(matcher.match({ text: 'আমাদের বা\u09dcি আর #বন্যা' })).toEqual(['bn']);
    expect(matcher.match({ text: 'flood and relief today' })).toEqual(['near']);
    expect(matcher.match({ text: 'relief for flood' })).toEqual(['near']);
    expect(matcher.match({ text: 'flood, no help, relief' })).toEqual([]);
    expect(matcher.match({ text: 'আম খাই', lang: 'bn' })).toEqual(['lang']);
    expect(matcher.match({ text: 'আম খাই', lang: 'en' })).toEqual([]);
    expect(matcher.engineCounts).toEqual({ webAssembly: 8, typeScript: 0 });
  });

  it('leaves text that needs normalising to TypeScript, with the same answer', () => {
    const matcher = compileMatcher(queries({ cafe: 'café', bn: 'কোন' }));
    // A capital É and a decomposed é need NFC and case folding beyond ASCII.
    expect(matcher.match({ text: 'CAFÉ time' })).toEqual(['cafe']);
    expect(matcher.match({ text: 'cafe\u0301 time' })).toEqual(['cafe']);
    // ক + ে + া (decomposed ো) composes under NFC.
    expect(matcher.match({ text: 'ক\u09c7\u09beন' })).toEqual(['bn']);
    expect(matcher.engineCounts).toEqual({ webAssembly: 0, typeScript: 3 });
  });

  it('finds the same keys at the same positions as the TypeScript scanner', () => {
    const keys = [
      { kind: 'word', text: 'tea' },
      { kind: 'prefix', text: 'cof' },
      { kind: 'hashtag', text: 'বন্যা' },
      { kind: 'mention', text: 'alice.bsky.social' },
      { kind: 'word', text: 'বা\u09a1\u09bcি' },
      { kind: 'prefix', text: 'বা\u09a1' },
    ] as const;
    const wasm = buildTermIndex(keys);
    const typeScript = buildTermIndex(keys, { wasm: false });
    const texts = [
      'Tea, coffee and TEA. @alice.bsky.social. #বন্যা',
      'বা\u09dcি #বা\u09dcি বা\u09a1\u09bcি 🔥 tea_time cof',
      '#tea#tea @@alice.bsky.social- x#বন্যা',
      '\ud83d tea \udc00 coffee',
    ];
    for (const text of texts) {
      const a = new TermHits();
      const b = new TermHits();
      wasm.scan(text, a);
      typeScript.scan(text, b);
      const hits = (h: TermHits) => [...h.keys.subarray(0, h.count)].map((k, i) => [k, h.positions[i]]);
      expect({ text, hits: hits(a) }).toEqual({ text, hits: hits(b) });
      expect(a.count).toBeGreaterThan(0);
    }
  });

  it('agrees with the TypeScript matcher on generated firehose posts and queries', () => {
    const vocabulary = listeningVocabulary();
    const generated = listeningQueries(vocabulary, 2_000);
    const wasm = compileMatcher(generated);
    const typeScript = compileMatcher(generated, { wasm: false });
    let matched = 0;
    const events = jetstreamEvents(vocabulary, 5_000);
    for (const [n, event] of events.entries()) {
      const record = JSON.parse(event).commit.record as { text: string; langs?: string[] };
      const input: MatchInput = {
        text: record.text,
        lang: record.langs?.[0],
        platform: 'bluesky',
        urls: record.text.match(/https?:\/\/\S+/g) ?? undefined,
        ...(n % 7 === 0 ? { tags: [vocabulary.englishNames.words[n % 50]!] } : {}),
      };
      const expected = typeScript.match(input);
      expect({ text: input.text, got: wasm.match(input) }).toEqual({ text: input.text, got: expected });
      if (expected.length > 0) matched++;
    }
    // The comparison proves something only if posts match, and nearly all of it ran in WebAssembly.
    expect(matched).toBeGreaterThan(500);
    expect(wasm.engineCounts.webAssembly).toBeGreaterThan(0.95 * events.length);
    expect(typeScript.engineCounts.webAssembly).toBe(0);
  });
});
