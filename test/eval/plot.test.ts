import { describe, expect, it } from "vitest";
import { escapeXml, lineChartSvg, niceTicks, stepAccuracySvg } from "../../src/eval/plot-svg.js";
import { pngAvailable, svgToPng } from "../../src/eval/png.js";
import { checkXml, pngSize } from "./xml-check.js";

const series = (label: string, ys: (number | null)[], dashed = false) => ({
  label,
  dashed,
  points: ys.map((y, i) => ({ x: i + 1, y })),
});

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 × 10^k", () => {
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(1, 37, 10, true)).toEqual([5, 10, 15, 20, 25, 30, 35]);
    expect(niceTicks(1, 3, 10, true)).toEqual([1, 2, 3]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });
});

describe("lineChartSvg", () => {
  const svg = lineChartSvg({
    title: `EM <by> step & "more" 'quotes'`,
    xLabel: "Step index",
    yLabel: "Accuracy (%)",
    series: [
      series("run A EM", [100, 90, 80, null, 60]),
      series("run A F1", [100, 95, 90, 85, 80], true),
      series("B", [50]),
    ],
    referenceLines: [{ y: 75, label: "average" }],
    width: 640,
    height: 360,
  });

  it("is well-formed XML of the requested size", () => {
    const r = checkXml(svg);
    if (!r.ok) throw new Error(r.error);
    expect(r.tags[0]).toBe("svg");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="640" height="360"/);
  });

  it("draws one path per series, with gaps, markers and a legend entry each", () => {
    const groups = svg.split(`<g class="series"`).slice(1);
    expect(groups).toHaveLength(3);
    for (const g of groups) expect(g.match(/<path /g)).toHaveLength(1);
    const d = /<path d="([^"]*)"/.exec(groups[0]!)![1]!;
    expect(d.match(/M/g)).toHaveLength(2); // the null breaks the line
    expect(groups[0]!.match(/<circle /g)).toHaveLength(4);
    expect(groups[1]).toContain('stroke-dasharray="6 4"');
    const legend = svg.slice(svg.indexOf(`<g class="legend"`));
    for (const label of ["run A EM", "run A F1", "B", "average"])
      expect(legend).toContain(`>${label}</text>`);
    expect(svg.match(/<line class="reference"/g)).toHaveLength(1);
  });

  it("labels axes with ticks 0–100 and escapes text", () => {
    for (const t of ["0", "20", "40", "60", "80", "100"]) expect(svg).toContain(`>${t}</text>`);
    expect(svg).toContain(">Step index</text>");
    expect(svg).toContain("EM &lt;by&gt; step &amp; &quot;more&quot; &apos;quotes&apos;");
    expect(escapeXml("a\x00b\ud800c")).toBe("ab\ufffdc");
  });

  it("copes with no series", () => {
    const empty = lineChartSvg({ title: "none", xLabel: "x", yLabel: "y", series: [] });
    expect(checkXml(empty).ok).toBe(true);
    expect(empty).not.toContain(`class="series"`);
  });
});

describe("stepAccuracySvg", () => {
  const curve = (label: string, ems: number[]) => ({
    label,
    em: ems.reduce((a, b) => a + b, 0) / ems.length,
    byStep: ems.map((em, i) => ({
      step: i + 1,
      count: i === 2 ? 0 : 5,
      em: i === 2 ? null : em,
      f1: i === 2 ? null : em + 5,
    })),
  });

  it("overlays EM and F1 of several runs", () => {
    const svg = stepAccuracySvg([curve("#1 qwen", [90, 80, 0, 60]), curve("#2 llama", [85, 75, 0, 55])]);
    expect(checkXml(svg).ok).toBe(true);
    expect(svg.split(`<g class="series"`)).toHaveLength(5);
    expect(svg).toContain(`data-label="#2 llama F1"`);
    expect(svg).not.toContain(`class="reference"`);
  });

  it("adds the average EM line for a single run", () => {
    const svg = stepAccuracySvg([curve("qwen", [90, 80, 0, 60])]);
    expect(svg).toContain(`class="reference"`);
    expect(svg).toContain("average EM");
  });
});

describe("svgToPng", () => {
  it("renders a PNG of the SVG's size, or a requested width", () => {
    expect(pngAvailable()).toBe(true);
    const svg = lineChartSvg({
      title: "t",
      xLabel: "x",
      yLabel: "y",
      series: [series("s", [10, 20])],
      width: 640,
      height: 360,
    });
    expect(pngSize(svgToPng(svg))).toEqual({ width: 640, height: 360 });
    expect(pngSize(svgToPng(svg, { width: 1280 }))).toEqual({ width: 1280, height: 720 });
  });
});
