// ECharts in React, loaded from the tree-shaken core. Tooltips are rendered as rich text in the
// canvas (renderMode 'richText'), not as HTML with inline styles, which the strict CSP would refuse.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { formatCompact } from '../lib/money';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartSeries {
  name: string;
  values: number[]; // one per x label; display only
}

export interface StackedChartProps {
  kind: 'area' | 'bar';
  labels: string[];
  series: ChartSeries[];
  currency: string;
  title: string;
  dark: boolean;
}

const kPalette = ['#1f6feb', '#e36209', '#2da44e', '#bf3989', '#8250df', '#0a7ea4', '#cf222e', '#9a6700',
  '#57606a', '#116329', '#6639ba', '#953800'];

export function StackedChart({ kind, labels, series, currency, title, dark }: StackedChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const text = dark ? '#c9d1d9' : '#24292f';
    const grid = dark ? '#30363d' : '#d0d7de';
    chart.current?.setOption(
      {
        color: kPalette,
        animation: false,
        textStyle: { color: text },
        tooltip: {
          trigger: 'axis',
          renderMode: 'richText',
          valueFormatter: (v: unknown) => `${currency} ${typeof v === 'number' ? v.toFixed(2) : String(v)}`,
        },
        legend: { type: 'scroll', bottom: 0, textStyle: { color: text } },
        grid: { left: 56, right: 16, top: 16, bottom: 48 },
        xAxis: { type: 'category', data: labels, axisLabel: { color: text }, axisLine: { lineStyle: { color: grid } } },
        yAxis: {
          type: 'value',
          axisLabel: { color: text, formatter: (v: number) => formatCompact(v) },
          splitLine: { lineStyle: { color: grid } },
        },
        series: series.map((s) => ({
          name: s.name,
          type: kind === 'bar' ? 'bar' : 'line',
          stack: 'total',
          areaStyle: kind === 'area' ? {} : undefined,
          symbol: 'none',
          emphasis: { focus: 'series' },
          data: s.values,
        })),
      },
      true,
    );
  }, [kind, labels, series, currency, dark]);

  return <div ref={ref} className="chart" role="img" aria-label={title} />;
}
