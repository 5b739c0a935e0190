// The skills charts, drawn as SVG with ECharts: a radar of one or two results and a line per skill over
// time. Only the pieces used here are loaded, and this file is loaded only when a result is shown.
// Each chart is one image with a name; the page puts the same figures in a table beside it.
import { LineChart, RadarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { SKILLS, type Skill, type SkillScores } from './skillsQueries.ts';

use([RadarChart, LineChart, RadarComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Distinct at a glance and dark enough to read as lines on white. */
const SKILL_COLOURS: Record<Skill, string> = {
  content: '#4338ca',
  community: '#0e7490',
  crisis: '#b42318',
  analytics: '#067647',
  brand: '#a15c07',
  paid: '#9e1f63',
  listening: '#475467',
};
const LATEST = '#4338ca';
const PREVIOUS = '#667085';

const reducedMotion = () =>
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function Chart({
  option,
  label,
  className,
}: {
  option: EChartsCoreOption;
  label: string;
  className: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const latestOption = useRef(option);
  latestOption.current = option;
  // Options are rebuilt on every render; the chart is redrawn only when what they show changes
  // (functions, such as number formatters, follow the figures and the language).
  const drawn = `${label}|${JSON.stringify(option)}`;
  useEffect(() => {
    const element = ref.current;
    if (!element || !drawn) return;
    const chart = init(element, null, { renderer: 'svg' });
    const fontFamily = getComputedStyle(document.body).fontFamily;
    chart.setOption({
      animation: !reducedMotion(),
      animationDuration: 400,
      textStyle: { fontFamily, color: '#1c2233' },
      ...latestOption.current,
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [drawn]);
  return <div ref={ref} className={className} role="img" aria-label={label} data-testid="skills-chart" />;
}

export interface RadarProps {
  label: string;
  skillNames: Record<Skill, string>;
  latest: { name: string; scores: SkillScores };
  previous?: { name: string; scores: SkillScores };
  formatNumber: (value: number) => string;
}

export function SkillsRadar({ label, skillNames, latest, previous, formatNumber }: RadarProps) {
  const series = [
    ...(previous ? [{ ...previous, colour: PREVIOUS, dashed: true }] : []),
    { ...latest, colour: LATEST, dashed: false },
  ];
  const option: EChartsCoreOption = {
    legend: previous ? { bottom: 0, data: [previous.name, latest.name] } : undefined,
    tooltip: { trigger: 'item' },
    radar: {
      indicator: SKILLS.map((skill) => ({ name: skillNames[skill], max: 100, min: 0 })),
      radius: '58%',
      center: ['50%', previous ? '47%' : '50%'],
      splitNumber: 4,
      // Long names wrap instead of running out of the chart.
      axisName: { color: '#1c2233', fontSize: 12, width: 96, overflow: 'break', lineHeight: 15 },
      axisLabel: { show: false },
      splitArea: { areaStyle: { color: ['#ffffff', '#f8f9fc'] } },
    },
    series: [
      {
        type: 'radar',
        data: series.map((s) => ({
          name: s.name,
          value: SKILLS.map((skill) => s.scores[skill]),
          symbolSize: 5,
          lineStyle: { color: s.colour, width: 2, type: s.dashed ? 'dashed' : 'solid' },
          itemStyle: { color: s.colour },
          areaStyle: { color: s.colour, opacity: s.dashed ? 0.04 : 0.14 },
        })),
        tooltip: { valueFormatter: (value: number) => formatNumber(value) },
      },
    ],
  };
  return <Chart option={option} label={label} className="skills-radar" />;
}

export interface LinesProps {
  label: string;
  skillNames: Record<Skill, string>;
  /** Oldest first. */
  results: { date: string; scores: SkillScores }[];
  formatNumber: (value: number) => string;
}

export function SkillsOverTime({ label, skillNames, results, formatNumber }: LinesProps) {
  const option: EChartsCoreOption = {
    legend: { bottom: 0, type: 'plain' },
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => formatNumber(value) },
    grid: { left: 44, right: 24, top: 16, bottom: 84 },
    xAxis: { type: 'category', data: results.map((r) => r.date), boundaryGap: false },
    yAxis: {
      type: 'value',
      min: 0,
      max: 100,
      interval: 25,
      axisLabel: { formatter: (value: number) => formatNumber(value) },
    },
    series: SKILLS.map((skill) => ({
      type: 'line',
      name: skillNames[skill],
      data: results.map((r) => r.scores[skill]),
      symbolSize: 6,
      lineStyle: { color: SKILL_COLOURS[skill], width: 2 },
      itemStyle: { color: SKILL_COLOURS[skill] },
    })),
  };
  return <Chart option={option} label={label} className="skills-lines" />;
}
