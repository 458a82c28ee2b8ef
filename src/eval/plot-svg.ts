/**
 * A small, dependency-free SVG line-chart writer: title, axes with ticks, labels and a light grid, one or
 * more series (solid or dashed, with point markers when sparse), optional horizontal reference lines and
 * a legend below the plot. The output is standalone SVG 1.1 of exactly the requested size, readable by
 * browsers and by resvg (png.ts). Text is XML-escaped.
 */

export interface SeriesPoint {
  x: number;
  /** null leaves a gap in the line. */
  y: number | null;
}

export interface LineSeries {
  label: string;
  points: readonly SeriesPoint[];
  /** CSS colour; by default the series' place in a ten-colour palette. */
  color?: string;
  dashed?: boolean;
  /** Point markers; by default drawn when the series has at most 60 points. */
  markers?: boolean;
}

export interface ReferenceLine {
  y: number;
  label: string;
  color?: string;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  /** Horizontal lines across the plot (e.g. an average), drawn dotted and listed in the legend. */
  referenceLines?: readonly ReferenceLine[];
  /** Pixels; default 800 × 480. */
  width?: number;
  height?: number;
  /** Default [0, 100] (percentages). */
  yRange?: readonly [number, number];
  /** Default: the data's x extent. */
  xRange?: readonly [number, number];
  /** Whole-number x ticks only (default: when every x is an integer). */
  integerX?: boolean;
  /** Tick label of a y value; default the number itself. */
  formatY?: (v: number) => string;
}

export const PALETTE: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

export const FONT_FAMILY = "DejaVu Sans, Arial, Helvetica, sans-serif";

// Characters XML 1.0 cannot hold, and unpaired surrogates.
// eslint-disable-next-line no-control-regex -- these control characters are what is being removed
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML content and attribute values; drops characters XML 1.0 cannot hold. */
export function escapeXml(s: string): string {
  return s
    .replace(NOT_XML, "")
    .replace(LONE_SURROGATE, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** "Nice" tick values (1, 2 or 5 × 10^k apart) covering [min, max], about `target` of them. */
export function niceTicks(min: number, max: number, target = 6, integer = false): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const raw = (max - min) / Math.max(1, target);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  const last = Math.floor(max / step + 1e-9);
  // toPrecision trims binary noise (0.6000000000000001); + 0 turns -0 into 0.
  for (let k = Math.ceil(min / step - 1e-9); k <= last; k++)
    ticks.push(Number((k * step).toPrecision(12)) + 0);
  return ticks;
}

const num = (v: number): string => String(Math.round(v * 100) / 100);

function fmtTick(v: number): string {
  // Trims binary noise (0.30000000000000004) without forcing decimals.
  return String(Number(v.toPrecision(12)));
}

const CHAR_W = 0.6; // rough advance of DejaVu Sans per em, for layout only

function truncate(s: string, max: number): string {
  const cps = [...s];
  return cps.length <= max ? s : cps.slice(0, Math.max(1, max - 1)).join("") + "…";
}

export function lineChartSvg(o: LineChartOptions): string {
  const width = o.width ?? 800;
  const height = o.height ?? 480;
  const [yMin, yMax] = o.yRange ?? [0, 100];
  const refs = o.referenceLines ?? [];
  const xs = o.series.flatMap((s) => s.points.map((p) => p.x)).filter(Number.isFinite);
  let [xMin, xMax] = o.xRange ?? [xs.length ? Math.min(...xs) : 0, xs.length ? Math.max(...xs) : 1];
  if (xMax === xMin) [xMin, xMax] = [xMin - 1, xMax + 1];
  const integerX = o.integerX ?? xs.every(Number.isInteger);
  const formatY = o.formatY ?? fmtTick;

  // Legend entries flow left to right below the plot, wrapping onto new rows.
  const fs = 12;
  const entries = [
    ...o.series.map((s, i) => ({
      label: s.label,
      color: s.color ?? PALETTE[i % PALETTE.length]!,
      dash: s.dashed ? "6 4" : "",
    })),
    ...refs.map((r) => ({ label: r.label, color: r.color ?? "#d62728", dash: "2 3" })),
  ];
  const marginL = 64;
  const marginR = 24;
  const maxChars = Math.max(8, Math.floor((width - marginL - marginR - 40) / (fs * CHAR_W)));
  const sample = 26;
  const items = entries.map((e) => {
    const label = truncate(e.label, maxChars);
    return { ...e, label, w: sample + 6 + [...label].length * fs * CHAR_W + 18 };
  });
  const rows: (typeof items)[] = [];
  const legendW = width - marginL - marginR;
  for (const it of items) {
    const row = rows[rows.length - 1];
    if (row && row.reduce((s, x) => s + x.w, 0) + it.w <= legendW) row.push(it);
    else rows.push([it]);
  }
  const rowH = 18;
  const legendH = rows.length ? rows.length * rowH + 8 : 0;

  const marginT = 44;
  const marginB = 56 + legendH;
  const pw = Math.max(10, width - marginL - marginR);
  const ph = Math.max(10, height - marginT - marginB);
  const sx = (x: number) => marginL + ((x - xMin) / (xMax - xMin)) * pw;
  const sy = (y: number) => marginT + ph - ((y - yMin) / (yMax - yMin || 1)) * ph;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT_FAMILY)}">`,
  );
  out.push(`<title>${escapeXml(o.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    // A little slack so markers on the frame (0 %, 100 %) are drawn whole.
    `<defs><clipPath id="plot-area"><rect x="${num(marginL - 4)}" y="${num(marginT - 4)}" width="${num(pw + 8)}" height="${num(ph + 8)}"/></clipPath></defs>`,
  );
  out.push(
    `<text x="${num(width / 2)}" y="26" text-anchor="middle" font-size="16" font-weight="bold" fill="#222222">${escapeXml(o.title)}</text>`,
  );

  // Grid and ticks.
  const yTicks = niceTicks(yMin, yMax, 5);
  const xTicks = niceTicks(xMin, xMax, Math.max(2, Math.min(10, Math.floor(pw / 60))), integerX);
  out.push(`<g class="grid" stroke="#e5e5e5" stroke-width="1">`);
  for (const t of yTicks)
    out.push(`<line x1="${num(marginL)}" y1="${num(sy(t))}" x2="${num(marginL + pw)}" y2="${num(sy(t))}"/>`);
  for (const t of xTicks)
    out.push(`<line x1="${num(sx(t))}" y1="${num(marginT)}" x2="${num(sx(t))}" y2="${num(marginT + ph)}"/>`);
  out.push(`</g>`);
  out.push(
    `<rect x="${num(marginL)}" y="${num(marginT)}" width="${num(pw)}" height="${num(ph)}" fill="none" stroke="#444444" stroke-width="1"/>`,
  );
  out.push(`<g class="y-ticks" font-size="${fs}" fill="#333333" text-anchor="end">`);
  for (const t of yTicks) {
    const y = sy(t);
    out.push(
      `<line x1="${num(marginL - 5)}" y1="${num(y)}" x2="${num(marginL)}" y2="${num(y)}" stroke="#444444"/>`,
    );
    out.push(`<text x="${num(marginL - 8)}" y="${num(y + 4)}">${escapeXml(formatY(t))}</text>`);
  }
  out.push(`</g>`);
  out.push(`<g class="x-ticks" font-size="${fs}" fill="#333333" text-anchor="middle">`);
  for (const t of xTicks) {
    const x = sx(t);
    const y0 = marginT + ph;
    out.push(`<line x1="${num(x)}" y1="${num(y0)}" x2="${num(x)}" y2="${num(y0 + 5)}" stroke="#444444"/>`);
    out.push(`<text x="${num(x)}" y="${num(y0 + 19)}">${escapeXml(fmtTick(t))}</text>`);
  }
  out.push(`</g>`);
  out.push(
    `<text class="x-label" x="${num(marginL + pw / 2)}" y="${num(marginT + ph + 40)}" text-anchor="middle" font-size="13" fill="#222222">${escapeXml(o.xLabel)}</text>`,
  );
  const yl = marginT + ph / 2;
  out.push(
    `<text class="y-label" x="18" y="${num(yl)}" text-anchor="middle" font-size="13" fill="#222222" transform="rotate(-90 18 ${num(yl)})">${escapeXml(o.yLabel)}</text>`,
  );

  // Reference lines, then the series, clipped to the plot area.
  out.push(`<g clip-path="url(#plot-area)">`);
  refs.forEach((r, i) => {
    const e = entries[o.series.length + i]!;
    out.push(
      `<line class="reference" x1="${num(marginL)}" y1="${num(sy(r.y))}" x2="${num(marginL + pw)}" y2="${num(sy(r.y))}" stroke="${escapeXml(e.color)}" stroke-width="1.5" stroke-dasharray="${e.dash}"/>`,
    );
  });
  o.series.forEach((s, i) => {
    const e = entries[i]!;
    const pts = s.points.filter((p) => Number.isFinite(p.x));
    let d = "";
    let pen = false;
    for (const p of pts) {
      if (p.y === null || !Number.isFinite(p.y)) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${num(sx(p.x))} ${num(sy(p.y))} `;
      pen = true;
    }
    const dash = e.dash ? ` stroke-dasharray="${e.dash}"` : "";
    out.push(`<g class="series" data-label="${escapeXml(s.label)}">`);
    out.push(
      `<path d="${d.trim()}" fill="none" stroke="${escapeXml(e.color)}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
    );
    if (s.markers ?? pts.length <= 60)
      for (const p of pts)
        if (p.y !== null && Number.isFinite(p.y))
          out.push(`<circle cx="${num(sx(p.x))}" cy="${num(sy(p.y))}" r="3" fill="${escapeXml(e.color)}"/>`);
    out.push(`</g>`);
  });
  out.push(`</g>`);

  // Legend.
  if (rows.length) {
    out.push(`<g class="legend" font-size="${fs}" fill="#222222">`);
    let y = marginT + ph + 58;
    for (const row of rows) {
      let x = marginL;
      for (const it of row) {
        const dash = it.dash ? ` stroke-dasharray="${it.dash}"` : "";
        out.push(
          `<line x1="${num(x)}" y1="${num(y - 4)}" x2="${num(x + sample)}" y2="${num(y - 4)}" stroke="${escapeXml(it.color)}" stroke-width="2.5"${dash}/>`,
        );
        out.push(`<text x="${num(x + sample + 6)}" y="${num(y)}">${escapeXml(it.label)}</text>`);
        x += it.w;
      }
      y += rowH;
    }
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

/** One run's accuracy-by-step curve (e.g. a StepMetrics or one of its perEnv entries). */
export interface StepCurve {
  label: string;
  byStep: readonly { step: number; count: number; em: number | null; f1: number | null }[];
  /** Overall EM, drawn as a reference line when a single curve is plotted. */
  em?: number | null;
}

export interface StepChartOptions {
  title?: string;
  width?: number;
  height?: number;
  /** Which curves to draw per run; default both (EM solid, F1 dashed, same colour). */
  metrics?: readonly ("em" | "f1")[];
  /** Steps with fewer records are left out (gaps); default 1. */
  minCount?: number;
}

/** "Accuracy by step index": EM (and F1) per step, several runs overlaid. */
export function stepAccuracySvg(curves: readonly StepCurve[], o: StepChartOptions = {}): string {
  const metrics = o.metrics ?? ["em", "f1"];
  const minCount = o.minCount ?? 1;
  const series: LineSeries[] = [];
  curves.forEach((c, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    for (const m of metrics)
      series.push({
        label: `${c.label} ${m === "em" ? "EM" : "F1"}`,
        color,
        dashed: m === "f1",
        points: c.byStep.map((b) => ({ x: b.step, y: b.count >= minCount ? b[m] : null })),
      });
  });
  const only = curves.length === 1 ? curves[0] : undefined;
  const refs: ReferenceLine[] =
    only && only.em !== undefined && only.em !== null && metrics.includes("em")
      ? [{ y: only.em, label: `average EM ${only.em.toFixed(2)}%`, color: "#d62728" }]
      : [];
  const maxStep = Math.max(1, ...curves.flatMap((c) => c.byStep.map((b) => b.step)));
  return lineChartSvg({
    title: o.title ?? "Accuracy by step index",
    xLabel: "Step index",
    yLabel: "Accuracy (%)",
    series,
    referenceLines: refs,
    xRange: [1, Math.max(2, maxStep)],
    integerX: true,
    width: o.width,
    height: o.height,
  });
}
