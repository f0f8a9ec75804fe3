/**
 * Client side of ChartTable: draws each chart from its own data table. Registers only the
 * chart.js parts used here so the bundle stays small; the table below each canvas is
 * the no-JS and screen-reader version of the same numbers.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { CHART_KINDS, specFromTable, type ChartKind } from './chart-spec.ts';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];

Chart.defaults.font.family =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', system-ui, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1a1a1a';

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? '';

function draw(figure: HTMLElement): void {
  const box = figure.querySelector<HTMLElement>('.chart__canvas');
  const canvas = box?.querySelector('canvas');
  const table = figure.querySelector('table');
  const kind = figure.dataset.chartKind as ChartKind | undefined;
  if (!box || !canvas || !table || !kind || !CHART_KINDS.includes(kind)) return;
  const headers = Array.from(table.querySelectorAll('thead th')).slice(1).map(text);
  const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => ({
    label: text(tr.querySelector('th')),
    cells: Array.from(tr.querySelectorAll('td')).map(text),
  }));
  const spec = specFromTable(
    kind,
    figure.dataset.chartUnit ?? '',
    { headers, rows },
    Number(figure.dataset.chartSeries),
  );
  box.hidden = false;
  const stacked = spec.kind === 'stacked-bar';
  const step = spec.kind === 'step';
  new Chart(canvas, {
    type: step ? 'line' : 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((d, i) => ({
        label: d.label,
        data: d.data,
        backgroundColor: PALETTE[i % PALETTE.length],
        borderColor: PALETTE[i % PALETTE.length],
        // 'before': the rate holds flat until the next change date, then steps.
        ...(step ? { stepped: 'before' as const, fill: false, borderWidth: 3, spanGaps: false } : {}),
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: spec.datasets.length > 1, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.dataset.label ?? ''}: ${numberFormat.format(Number(ctx.parsed.y))} ${spec.unit}`,
          },
        },
      },
      scales: {
        x: { stacked },
        y: {
          stacked,
          beginAtZero: true,
          title: { display: true, text: spec.unit },
          ticks: { callback: (v) => numberFormat.format(Number(v)) },
        },
      },
    },
  });
}

for (const figure of document.querySelectorAll<HTMLElement>('figure.chart')) draw(figure);
