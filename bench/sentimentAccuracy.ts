// Sentiment accuracy on the labelled English and Bengali posts: overall, on the tuning half and on
// the held-out half, against the packages' own scorers as the baseline, with confusion matrices and
// the neutral-threshold sweep the shipped thresholds were chosen from.
// `npx tsx bench/sentimentAccuracy.ts` prints it; `--misses` also lists the tuning half's misses.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import Sentiment from 'sentiment';
import { bengaliSentiment } from '../src/core/listening/enrich/bengaliSentiment.ts';
import { englishSentiment } from '../src/core/listening/enrich/englishSentiment.ts';
import { type Half, halfOf, labelledSets } from '../src/core/listening/enrich/labelled/labelledSets.ts';
import {
  type AccuracyReport,
  LABELS,
  measureAccuracy,
} from '../src/core/listening/enrich/labelled/sentimentAccuracy.ts';
import {
  labelFor,
  type SentimentLabel,
  type SentimentProvider,
  type SentimentResult,
} from '../src/core/listening/enrich/sentimentScore.ts';
import type { BenchReport, BenchRow } from './benchRow.ts';

const providers: Record<string, SentimentProvider> = { en: englishSentiment, bn: bengaliSentiment };
const HALVES: Half[] = ['all', 'tune', 'held-out'];
const TARGET_PERCENT = 70;

function bySign(score: number): SentimentLabel {
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
}

/** The `sentiment` package's own scorer, label by the sign of its score. */
function packageEnglish(): (text: string) => SentimentResult {
  const analyzer = new Sentiment();
  return (text) => {
    const { score } = analyzer.analyze(text);
    return { score, label: bySign(score) };
  };
}

interface NlpContainer {
  use(plugin: unknown): void;
}
interface NlpSentimentAnalyzer {
  process(input: { locale: string; text: string }): Promise<{ sentiment: { score: number } }>;
}

/** NLP.js's own Bengali pipeline (its analyzer with @nlpjs/lang-bn), label by the sign of its score. */
async function packageBengali(texts: readonly string[]): Promise<(text: string) => SentimentResult> {
  const require = createRequire(import.meta.url);
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap(): NlpContainer };
  const { SentimentAnalyzer } = require('@nlpjs/sentiment') as {
    SentimentAnalyzer: new (settings: { container: NlpContainer }) => NlpSentimentAnalyzer;
  };
  const { LangBn } = require('@nlpjs/lang-bn') as { LangBn: unknown };
  const container = containerBootstrap();
  container.use(LangBn);
  const analyzer = new SentimentAnalyzer({ container });
  const scores = new Map<string, number>();
  for (const text of texts)
    scores.set(text, (await analyzer.process({ locale: 'bn', text })).sentiment.score);
  return (text) => {
    const score = scores.get(text) ?? 0;
    return { score, label: bySign(score) };
  };
}

export interface SentimentAccuracyDetail {
  language: string;
  half: Half;
  shipped: AccuracyReport;
  baseline: AccuracyReport;
}

export async function measureSentimentAccuracy(): Promise<SentimentAccuracyDetail[]> {
  const details: SentimentAccuracyDetail[] = [];
  for (const set of labelledSets) {
    const provider = providers[set.language]!;
    const baseline =
      set.language === 'en' ? packageEnglish() : await packageBengali(set.posts.map((p) => p.text));
    for (const half of HALVES) {
      const posts = halfOf(set.posts, half);
      details.push({
        language: set.language,
        half,
        shipped: measureAccuracy(posts, (text) => provider.score(text)),
        baseline: measureAccuracy(posts, baseline),
      });
    }
  }
  return details;
}

/** Rows for `npm run bench`: accuracy per language and half, in percent, with the package baseline. */
export async function sentimentAccuracyBench(): Promise<BenchReport> {
  const details = await measureSentimentAccuracy();
  const rows: BenchRow[] = details.map((d) => ({
    name: `sentiment accuracy, ${d.language}, ${d.half} (${d.shipped.total} posts)`,
    value: d.shipped.accuracy * 100,
    unit: '%',
    baseline: d.baseline.accuracy * 100,
    atLeast: TARGET_PERCENT,
  }));
  return {
    rows,
    notes: [
      'Accuracy of the shipped sentiment providers on the labelled posts in src/core/listening/enrich/labelled; ' +
        "the baseline is each package's own scorer (sentiment's AFINN scorer, NLP.js's Bengali analyzer) " +
        'labelled by the sign of its score. Thresholds and lexicon additions were chosen on the tuning half only.',
    ],
  };
}

function percent(report: AccuracyReport): string {
  return `${(report.accuracy * 100).toFixed(1)}% (${report.correct}/${report.total})`;
}

function confusionTable(report: AccuracyReport): string[] {
  const lines = [
    `| labelled \\ scored | ${LABELS.join(' | ')} |`,
    `|---|${LABELS.map(() => '---').join('|')}|`,
  ];
  for (const expected of LABELS) {
    lines.push(`| ${expected} | ${LABELS.map((got) => report.confusion[expected][got]).join(' | ')} |`);
  }
  return lines;
}

function thresholdSweep(language: string): string[] {
  const provider = providers[language]!;
  const set = labelledSets.find((s) => s.language === language)!;
  const scored = halfOf(set.posts, 'tune').map((post) => ({ post, score: provider.score(post.text).score }));
  const cells: string[] = [];
  for (let t = 0; t <= 0.5001; t += 0.05) {
    const correct = scored.filter(({ post, score }) => labelFor(score, t) === post.label).length;
    cells.push(`${t.toFixed(2)}: ${((correct / scored.length) * 100).toFixed(0)}%`);
  }
  return [`Neutral-threshold sweep on the ${language} tuning half: ${cells.join(', ')}`];
}

async function main() {
  const details = await measureSentimentAccuracy();
  console.log('| language | half | shipped | package baseline |');
  console.log('|---|---|---|---|');
  for (const d of details) {
    console.log(`| ${d.language} | ${d.half} | ${percent(d.shipped)} | ${percent(d.baseline)} |`);
  }
  for (const d of details.filter((x) => x.half !== 'tune')) {
    console.log(`\nConfusion, ${d.language}, ${d.half} (shipped):`);
    for (const line of confusionTable(d.shipped)) console.log(line);
  }
  console.log('');
  for (const language of Object.keys(providers))
    for (const line of thresholdSweep(language)) console.log(line);
  if (process.argv.includes('--misses')) {
    for (const d of details.filter((x) => x.half === 'tune')) {
      console.log(`\nMisses on the ${d.language} tuning half:`);
      for (const m of d.shipped.misses) {
        console.log(`  ${m.expected} → ${m.got} (${m.score.toFixed(2)}): ${m.text}`);
      }
    }
  }
  if (details.some((d) => d.shipped.accuracy * 100 < TARGET_PERCENT)) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
