// Listening benchmark: how many firehose events per second one core can match against every active
// query. A deterministic corpus of 1,000,000 Jetstream post events (English, Bengali, mixed) is
// generated once; the baseline is `JSON.parse` of every event, measured in the same run, and each
// measured pass parses the event, takes out text, language and links, and runs the compiled matcher
// for 10, 1,000 and 10,000 queries. The target: with 10,000 queries, at least 100,000 events/s and at
// least half the rate of JSON.parse alone, so matching costs no more than reading the stream does.
// The matcher is the one the ingest worker uses: WebAssembly for the scan and the evaluation, with the
// TypeScript matcher for text that needs normalising first; the share each took is printed.
//
// The passes take turns over slices of the corpus, so a change of load on the machine falls on all of
// them alike, after one untimed JSON.parse of every event (the first read of a string in V8 is slower
// than later ones, and that would count against whichever pass came first). Rates are events per
// second of CPU time of this process (one thread does the work), which other programs running on the
// machine do not distort; wall-clock rates are given beside them.
import { compileMatcher, type Matcher } from '../src/core/listening/matcher.ts';
import type { MatchInput } from '../src/core/listening/queryAst.ts';
import type { BenchReport, BenchRow } from './benchRow.ts';
import { jetstreamEvents, listeningQueries, listeningVocabulary } from './listeningCorpus.ts';

const EVENTS = 1_000_000;
const QUERY_COUNTS = [10, 1_000, 10_000];
const WARMUP_EVENTS = 100_000;
const SLICE = 100_000;
const LINK = /https?:\/\/[^\s]+/g;

interface JetstreamEvent {
  commit?: { collection?: string; operation?: string; record?: { text?: string; langs?: string[] } };
}

function parseOnly(events: string[], from: number, to: number): number {
  let characters = 0;
  for (let n = from; n < to; n++) {
    const event = JSON.parse(events[n]!) as JetstreamEvent;
    characters += event.commit?.record?.text?.length ?? 0;
  }
  return characters;
}

function parseAndMatch(events: string[], from: number, to: number, matcher: Matcher): number {
  let matchedEvents = 0;
  for (let n = from; n < to; n++) {
    const event = JSON.parse(events[n]!) as JetstreamEvent;
    const record = event.commit?.record;
    if (event.commit?.collection !== 'app.bsky.feed.post' || !record?.text) continue;
    const input: MatchInput = { text: record.text, lang: record.langs?.[0], platform: 'bluesky' };
    if (record.text.includes('http')) input.urls = record.text.match(LINK) ?? undefined;
    if (matcher.match(input).length > 0) matchedEvents++;
  }
  return matchedEvents;
}

interface Pass {
  name: string;
  run: (from: number, to: number) => number;
  cpuMs: number;
  wallMs: number;
  result: number;
}

export async function listeningBench(): Promise<BenchReport> {
  const generated = performance.now();
  const vocabulary = listeningVocabulary();
  const events = jetstreamEvents(vocabulary, EVENTS);
  const generateSeconds = (performance.now() - generated) / 1000;
  const averageLength = events.reduce((sum, e) => sum + e.length, 0) / events.length;

  const passes: Pass[] = [
    { name: 'parse', run: (from, to) => parseOnly(events, from, to), cpuMs: 0, wallMs: 0, result: 0 },
  ];
  const compiled: { queries: number; terms: number; compileMs: number; pass: Pass; matcher: Matcher }[] = [];
  for (const count of QUERY_COUNTS) {
    const queries = listeningQueries(vocabulary, count);
    const compileStarted = performance.now();
    const matcher = compileMatcher(queries);
    const compileMs = performance.now() - compileStarted;
    const pass: Pass = {
      name: `${count}`,
      run: (from, to) => parseAndMatch(events, from, to, matcher),
      cpuMs: 0,
      wallMs: 0,
      result: 0,
    };
    passes.push(pass);
    compiled.push({ queries: count, terms: matcher.termCount, compileMs, pass, matcher });
  }

  parseOnly(events, 0, EVENTS);
  for (const pass of passes) pass.run(0, WARMUP_EVENTS);
  for (let from = 0; from < EVENTS; from += SLICE) {
    const to = Math.min(EVENTS, from + SLICE);
    for (const pass of passes) {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      pass.result += pass.run(from, to);
      pass.wallMs += performance.now() - wall;
      const used = process.cpuUsage(cpu);
      pass.cpuMs += (used.user + used.system) / 1000;
    }
  }

  const perSecond = (pass: Pass) => EVENTS / (pass.cpuMs / 1000);
  const wallPerSecond = (pass: Pass) => EVENTS / (pass.wallMs / 1000);
  const parse = passes[0]!;
  const parseRate = perSecond(parse);
  const rows: BenchRow[] = [{ name: 'JSON.parse only (baseline)', value: parseRate, unit: 'events/s' }];
  for (const { queries, pass } of compiled) {
    const largest = queries === QUERY_COUNTS[QUERY_COUNTS.length - 1];
    rows.push({
      name: `parse + match, ${queries.toLocaleString('en')} queries`,
      value: perSecond(pass),
      unit: 'events/s',
      baseline: parseRate,
      ...(largest ? { atLeast: 100_000 } : {}),
    });
  }
  const largest = compiled[compiled.length - 1]!;
  rows.push({
    name: `parse + match, ${largest.queries.toLocaleString('en')} queries, share of the JSON.parse rate`,
    value: (100 * perSecond(largest.pass)) / parseRate,
    unit: '%',
    atLeast: 50,
  });
  for (const { queries, pass } of compiled) {
    rows.push({
      name: `events matching ≥1 of ${queries.toLocaleString('en')} queries`,
      value: (100 * pass.result) / EVENTS,
      unit: '%',
    });
  }
  rows.push({
    name: `compile ${largest.queries.toLocaleString('en')} queries`,
    value: largest.compileMs,
    unit: 'ms',
  });
  const wallRates = passes
    .map(
      (p) =>
        `${p.name === 'parse' ? 'JSON.parse' : `${Number(p.name).toLocaleString('en')} queries`} ${Math.round(wallPerSecond(p)).toLocaleString('en')}`,
    )
    .join(', ');
  const engines = largest.matcher.engineCounts;
  const inWasm = (100 * engines.webAssembly) / (engines.webAssembly + engines.typeScript);
  return {
    notes: [
      `${EVENTS.toLocaleString('en')} Jetstream post events generated from a fixed seed in ${generateSeconds.toFixed(1)} s (on average ${averageLength.toFixed(0)} characters of JSON; about 70% English, 20% Bengali, 10% mixed). The 10,000 queries hold ${largest.terms.toLocaleString('en')} distinct terms. Every pass runs over all events on one thread, in slices of ${SLICE.toLocaleString('en')} taken in turn, after one untimed JSON.parse of every event and a warm-up of each pass over ${WARMUP_EVENTS.toLocaleString('en')}; "parse + match" includes JSON.parse, reading text, language and links, and matching. Rates are per second of CPU time; by the wall clock (events/s): ${wallRates}. With 10,000 queries, ${inWasm.toFixed(1)}% of the posts were matched in WebAssembly, the rest in TypeScript.`,
    ],
    rows,
  };
}
