// Listening's charts, drawn as SVG with ECharts: mentions over time, their sentiment over time (stacked)
// and the share of voice of several queries. Only the pieces used here are loaded, and this file only
// when a query's page is open. Each chart is one image with a name; the page gives the same figures as a
// table beside it.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Each dark enough to read against white, and told apart by more than hue in the tables beside them. */
export const SENTIMENT_COLOURS = { positive: '#067647', neutral: '#667085', negative: '#b42318' } as const;
const VOLUME = '#4338ca';
const SHARE_COLOURS = [
  '#4338ca',
  '#0e7490',
  '#a15c07',
  '#9e1f63',
  '#067647',
  '#475467',
  '#b42318',
  '#6941c6',
];

const reducedMotion = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function Chart({ option, label, testId }: { option: EChartsCoreOption; label: string; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof init> | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const drawn = JSON.stringify(option);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'svg' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  // New figures arriving every few seconds update the chart in place instead of drawing it anew.
  useEffect(() => {
    if (!drawn) return;
    const fontFamily = getComputedStyle(document.body).fontFamily;
    chartRef.current?.setOption(
      {
        animation: !reducedMotion(),
        animationDuration: 300,
        textStyle: { fontFamily, color: '#1c2233' },
        ...latest.current,
      },
      { notMerge: true },
    );
  }, [drawn]);

  return <div ref={ref} className="listening-chart" role="img" aria-label={label} data-testid={testId} />;
}

export interface TimeSeriesProps {
  label: string;
  /** Bucket labels, oldest first. */
  labels: string[];
  formatNumber: (value: number) => string;
}

const axes = (labels: string[], formatNumber: (value: number) => string) => ({
  grid: { left: 48, right: 16, top: 16, bottom: 56 },
  xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true } },
  yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => formatNumber(value) } },
  tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatNumber(value) },
});

export function VolumeChart({
  label,
  labels,
  totals,
  name,
  formatNumber,
}: TimeSeriesProps & { totals: number[]; name: string }) {
  const option: EChartsCoreOption = {
    ...axes(labels, formatNumber),
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    series: [
      {
        type: 'bar',
        name,
        data: totals,
        itemStyle: { color: VOLUME, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 28,
      },
    ],
  };
  return <Chart option={option} label={label} testId="volume-chart" />;
}

export function SentimentChart({
  label,
  labels,
  series,
  formatNumber,
}: TimeSeriesProps & { series: { key: keyof typeof SENTIMENT_COLOURS; name: string; values: number[] }[] }) {
  const option: EChartsCoreOption = {
    ...axes(labels, formatNumber),
    legend: { bottom: 0 },
    series: series.map((s) => ({
      type: 'bar',
      stack: 'sentiment',
      name: s.name,
      data: s.values,
      itemStyle: { color: SENTIMENT_COLOURS[s.key] },
      barMaxWidth: 28,
    })),
  };
  return <Chart option={option} label={label} testId="sentiment-chart" />;
}

export function ShareChart({
  label,
  slices,
  formatNumber,
}: {
  label: string;
  slices: { name: string; value: number }[];
  formatNumber: (value: number) => string;
}) {
  const option: EChartsCoreOption = {
    tooltip: { trigger: 'item', valueFormatter: (value: number) => formatNumber(value) },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['38%', '68%'],
        center: ['50%', '45%'],
        data: slices.map((slice, i) => ({
          ...slice,
          itemStyle: { color: SHARE_COLOURS[i % SHARE_COLOURS.length] },
        })),
        label: { formatter: '{d}%', show: false },
      },
    ],
  };
  return <Chart option={option} label={label} testId="share-chart" />;
}
