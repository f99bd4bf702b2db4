import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Drawn as bars (default) or a line. */
  line?: boolean;
}

const COLORS = ['#0f6b4f', '#2f6fa8', '#c26a00', '#8c1d16', '#6b4aa0', '#4d7f1a', '#5b625e'];
export const chartColor = (i: number) => COLORS[i % COLORS.length]!;

/**
 * A chart of values per category (quarters, days, categories) with uPlot: one series as bars, others as
 * lines over them (e.g. a target). Sized to its container; the numbers are always also offered as a table
 * or CSV by the caller.
 */
/** Axis numbers kept short: 12k, 1.5M. */
const compact = (n: number) =>
  Math.abs(n) >= 1e6
    ? `${+(n / 1e6).toFixed(1)}M`
    : Math.abs(n) >= 1e4
      ? `${+(n / 1e3).toFixed(0)}k`
      : String(+n.toFixed(2));

/** Axis steps for whole counts: 1, 2, 5, 10, 20, 50… */
const WHOLE_STEPS = [1, 2, 5].flatMap((m) => [1, 10, 100, 1e3, 1e4, 1e5, 1e6].map((p) => m * p)).sort((a, b) => a - b);

export function Chart({
  categories,
  series,
  height = 260,
  title,
  xLabel = '',
}: {
  categories: string[];
  series: ChartSeries[];
  height?: number;
  title: string;
  xLabel?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || categories.length === 0) return;
    const x = categories.map((_, i) => i);
    // Whole counts get whole steps on the axis (never 0.25 of a record).
    const whole = series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
    const plot = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height,
        scales: {
          x: { time: false, range: [-0.5, categories.length - 0.5] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] },
        },
        axes: [
          {
            values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (categories[s] ?? '') : '')),
            space: 40,
            rotate: categories.length > 8 ? -45 : 0,
            size: categories.length > 8 ? 70 : 40,
          },
          { size: 56, values: (_u, splits) => splits.map(compact), ...(whole ? { incrs: WHOLE_STEPS } : {}) },
        ],
        series: [
          { label: xLabel, value: (_u, v) => (v === null ? '' : (categories[v] ?? '')) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.line ? 2 : 0,
            ...(s.line
              ? { points: { show: categories.length < 40 } }
              : {
                  fill: `${s.color}cc`,
                  points: { show: false },
                  paths: uPlot.paths.bars!({ size: [0.7, 80], gap: 1 }),
                }),
          })),
        ],
        // Names and colours only: values under the cursor would read "--" when it is elsewhere.
        legend: { show: series.length > 1, live: false },
        cursor: { drag: { x: false, y: false } },
      },
      [x, ...series.map((s) => s.values)],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(280, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [categories, series, height, xLabel]);
  return <div className="chart" ref={box} role="img" aria-label={title} />;
}
