// `npm run bench`: runs every benchmark suite (or those named on the command line) and prints a table
// with each figure, its ratio to a baseline measured in the same run, and its target.
import type { BenchReport, BenchRow } from './benchRow.ts';
import { listeningBench } from './listening.bench.ts';
import { listeningEndToEndBench } from './listeningEndToEnd.ts';
import { publishBench } from './publish.bench.ts';
import { publish10kBench } from './publish10k.bench.ts';
import { sentimentAccuracyBench } from './sentimentAccuracy.ts';
import { startupBench } from './startup.bench.ts';
import { streamsBench } from './streams.bench.ts';

const suites: Record<string, () => Promise<BenchRow[] | BenchReport>> = {
  startup: startupBench,
  publish: publishBench,
  'publish-10k': publish10kBench,
  streams: streamsBench,
  sentiment: sentimentAccuracyBench,
  'listening-e2e': listeningEndToEndBench,
  listening: listeningBench,
};

function format(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !(w in suites));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  let missed = 0;
  for (const [name, run] of Object.entries(suites)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n## ${name}`);
    const result = await run();
    const { rows, notes = [] } = Array.isArray(result) ? { rows: result } : result;
    for (const note of notes) console.log(`${note}\n`);
    console.log('| measurement | value | baseline | ratio | target | |');
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) {
      const ratio = row.baseline ? `${(row.value / row.baseline).toFixed(2)}x` : '';
      const target =
        row.target !== undefined
          ? `≤ ${row.target} ${row.unit}`
          : row.atLeast !== undefined
            ? `≥ ${row.atLeast} ${row.unit}`
            : '';
      const ok =
        row.target !== undefined
          ? row.value <= row.target
          : row.atLeast !== undefined
            ? row.value >= row.atLeast
            : undefined;
      if (ok === false) missed++;
      console.log(
        `| ${row.name} | ${format(row.value)} ${row.unit} | ${row.baseline === undefined ? '' : `${format(row.baseline)} ${row.unit}`} | ${ratio} | ${target} | ${ok === undefined ? '' : ok ? 'met' : 'MISSED'} |`,
      );
    }
  }
  if (missed > 0) process.exitCode = 1;
}

await main();
