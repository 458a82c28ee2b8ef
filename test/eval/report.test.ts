import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  compareRolloutRuns,
  compareStepRuns,
  fmtFixed,
  markdownTable,
  renderReport,
  renderText,
  sortEnvs,
  table1,
  table2,
  textTable,
  writeReport,
} from "../../src/eval/report.js";
import { parseResults, readResults, RESULTS_FILE } from "../../src/eval/results.js";
import { ep, rolloutResults, stepResults } from "./fixtures.js";
import { checkXml, pngSize } from "./xml-check.js";

const qwen = stepResults("http://localhost:8000/v1#Qwen2.5-7B", {
  alfworld: 3,
  webshop: 5,
  stabletoolbench: 6,
});
const llama = stepResults("http://localhost:8000/v1#Llama-3.1-8B", { alfworld: 1, webshop: 4 }, 10, {
  label: "Llama3.1-8B",
});
const roll = [
  rolloutResults("webshop", "wm-q", [
    ...ep("openai:gpt-4o", 10, 5, 6, 4),
    ...ep("expert:oracle", 10, 0, 2, 1),
  ]),
  rolloutResults("alfworld", "wm-q", [
    ...ep("openai:gpt-4o", 10, 4, 6, 5),
    ...ep("expert:oracle", 10, 10, 9, 10),
  ]),
];

const mdRows = (md: string) => md.split("\n").filter((l) => l.startsWith("|"));
const cells = (row: string) => row.slice(2, -2).split(" | ");

describe("fmtFixed", () => {
  it("formats as Python's f-strings (exact ties half to even)", () => {
    // Expected values printed by Python 3: f"{v:.{d}f}".
    const cases: [number, number, string][] = [
      [1.125, 2, "1.12"],
      [1.375, 2, "1.38"],
      [0.5, 0, "0"],
      [1.5, 0, "2"],
      [2.5, 0, "2"],
      [62.25, 1, "62.2"],
      [62.35, 1, "62.4"],
      [70, 1, "70.0"],
      [-1.125, 2, "-1.12"],
      [99.875, 2, "99.88"],
      [1e-7, 2, "0.00"],
      [123456.5, 0, "123456"],
    ];
    for (const [v, d, want] of cases) expect(fmtFixed(v, d)).toBe(want);
    expect(fmtFixed(null, 1)).toBe("—");
    expect(fmtFixed(Number.NaN, 1)).toBe("—");
  });
});

describe("Table 1", () => {
  it("has one row per run, env columns in the paper's order, EM with one decimal and STB F1", () => {
    const t = table1([qwen, llama]);
    expect(t.header).toEqual(["World model", "ALFWorld", "WebShop", "STB", "STB F1"]);
    expect(t.rows[0]).toEqual([
      "http://localhost:8000/v1#Qwen2.5-7B fine-tuned",
      "70.0",
      "50.0",
      "40.0",
      "80.0",
    ]);
    // STB F1: 4 exact + 6 × F1("you see mug", "you see cup") = 2/3 → (4 + 4) / 10.
    expect(t.rows[1]).toEqual(["Llama3.1-8B", "90.0", "60.0", "—", "—"]);
    const md = mdRows(markdownTable(t));
    expect(md[0]).toBe("| World model | ALFWorld | WebShop | STB | STB F1 |");
    expect(md[1]).toBe("| --- | ---: | ---: | ---: | ---: |");
    expect(cells(md[3]!)).toEqual(["Llama3.1-8B", "90.0", "60.0", "—", "—"]);
  });

  it("orders environments as the paper does", () => {
    expect(sortEnvs(["webshop", "zzz", "stabletoolbench", "alfworld", "textworld", "sciworld"])).toEqual([
      "alfworld",
      "sciworld",
      "textworld",
      "webshop",
      "stabletoolbench",
      "zzz",
    ]);
  });
});

describe("Table 2", () => {
  it("has agents and an Average row, Real/WM/W2R/CR per environment", () => {
    const [t, ...more] = table2(roll);
    expect(more).toEqual([]);
    expect(t!.header).toEqual([
      "Agent",
      "ALFWorld Real",
      "ALFWorld WM",
      "ALFWorld W2R",
      "ALFWorld CR",
      "WebShop Real",
      "WebShop WM",
      "WebShop W2R",
      "WebShop CR",
    ]);
    expect(t!.rows).toEqual([
      ["openai:gpt-4o", "40.00", "60.00", "50.00", "1.25", "50.00", "60.00", "40.00", "0.80"],
      ["expert:oracle", "100.00", "90.00", "100.00", "1.00", "0.00", "20.00", "10.00", "—"],
      ["Average", "70.00", "75.00", "75.00", "1.12", "25.00", "40.00", "25.00", "0.80"], // CR (1.25 + 1) / 2
    ]);
  });

  it("gives each world model its own table", () => {
    const other = rolloutResults("alfworld", "wm-l", ep("openai:gpt-4o", 10, 4, 4, 4));
    expect(table2([...roll, other]).map((t) => t.title)).toEqual([
      "Rollout consistency — world model wm-q fine-tuned",
      "Rollout consistency — world model wm-l fine-tuned",
    ]);
  });
});

describe("comparisons", () => {
  it("puts step runs side by side with ΔEM against #1", () => {
    const t = compareStepRuns([qwen, llama]);
    expect(t.header).toEqual(["Environment", "#1 EM", "#1 F1", "#2 EM", "#2 F1", "ΔEM #2−#1"]);
    expect(t.rows.map((r) => [r[0], r[5]])).toEqual([
      ["ALFWorld", "+20.0"],
      ["WebShop", "+10.0"],
      ["STB", "—"],
      ["All", "+21.7"], // 16/30 → 15/20
    ]);
    expect(t.notes).toEqual(["#1: http://localhost:8000/v1#Qwen2.5-7B fine-tuned", "#2: Llama3.1-8B"]);
  });

  it("puts rollout runs side by side with ΔCR against #1", () => {
    const b = rolloutResults("alfworld", "wm-l", [...ep("openai:gpt-4o", 10, 4, 4, 3)]);
    const t = compareRolloutRuns([roll[1]!, b]);
    expect(t.header).toEqual(["Environment", "Agent", "#1 W2R", "#1 CR", "#2 W2R", "#2 CR", "ΔCR #2−#1"]);
    expect(t.rows[0]).toEqual(["ALFWorld", "openai:gpt-4o", "50.00", "1.25", "30.00", "0.75", "-0.50"]);
    expect(t.rows[1]).toEqual(["ALFWorld", "expert:oracle", "100.00", "1.00", "—", "—", "—"]);
    expect(t.rows[2]![1]).toBe("Average");
  });
});

describe("renderReport", () => {
  it("has the tables and links to the plots", () => {
    const md = renderReport([qwen, llama, ...roll]);
    expect(md).toMatch(/^# wordworld report\n/);
    expect(md).toContain("| World model | ALFWorld | WebShop | STB | STB F1 |");
    expect(md).toContain("| Agent | ALFWorld Real | ALFWorld WM | ALFWorld W2R | ALFWorld CR |");
    expect(md).toContain("| Average | 70.00 | 75.00 | 75.00 | 1.12 |");
    expect(md).toContain("| Environment | #1 EM | #1 F1 | #2 EM | #2 F1 | ΔEM #2−#1 |");
    expect(md).toContain("![Accuracy by step index](plots/step-accuracy.png)");
    expect(md).toContain("![Accuracy by step index — ALFWorld](plots/step-accuracy-alfworld.png)");
    expect(md).toContain("| 1 | eval-step | http://localhost:8000/v1#Qwen2.5-7B fine-tuned |");
    expect(md).toContain("1m 05s");
  });

  it("escapes pipes in cells", () => {
    const md = markdownTable({ header: ["a", "b"], rows: [["x|y", "1\n2"]] });
    expect(md).toContain("| x\\|y | 1 2 |");
  });
});

describe("textTable", () => {
  it("aligns columns", () => {
    const text = textTable({
      title: "T",
      header: ["Agent", "Real"],
      rows: [
        ["gpt-4o", "58.00"],
        ["a", "5.00"],
      ],
    });
    expect(text).toBe(
      ["T", "Agent    Real", "------  -----", "gpt-4o  58.00", "a        5.00", ""].join("\n"),
    );
    const all = renderText([qwen, ...roll]);
    expect(all).toContain("Single-step exact match (EM %)");
    const lines = all.split("\n");
    const header = lines.find((l) => l.startsWith("World model"))!;
    const row = lines[lines.indexOf(header) + 2]!;
    expect(row.length).toBe(header.length);
  });
});

describe("results files", () => {
  it("round-trips through results.json and names bad fields", () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-results-"));
    writeFileSync(join(dir, RESULTS_FILE), JSON.stringify(qwen));
    expect(readResults(dir)).toEqual(qwen);
    const bad = JSON.parse(JSON.stringify(roll[0])) as { consistency: { agents: { cr: unknown }[] } };
    bad.consistency.agents[0]!.cr = "high";
    expect(() => parseResults(bad, "x/results.json")).toThrow(
      /^x\/results\.json: consistency\.agents\.0\.cr: /,
    );
    expect(() => parseResults({ kind: "nope" }, "f")).toThrow(/^f: kind: /);
    expect(() => readResults(join(dir, "missing"))).toThrow(/not found/);
  });

  it("writes report.md with SVG and PNG plots", () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-report-"));
    const w = writeReport(dir, [qwen, llama]);
    expect(w.warnings).toEqual([]);
    expect(w.plots.map((p) => p.slice(dir.length + 1)).sort()).toEqual(
      [
        "plots/step-accuracy-alfworld.png",
        "plots/step-accuracy-alfworld.svg",
        "plots/step-accuracy-stabletoolbench.png",
        "plots/step-accuracy-stabletoolbench.svg",
        "plots/step-accuracy-webshop.png",
        "plots/step-accuracy-webshop.svg",
        "plots/step-accuracy.png",
        "plots/step-accuracy.svg",
      ].sort(),
    );
    expect(checkXml(readFileSync(join(dir, "plots/step-accuracy.svg"), "utf8")).ok).toBe(true);
    expect(pngSize(readFileSync(join(dir, "plots/step-accuracy.png")))).toEqual({ width: 800, height: 480 });
    expect(readFileSync(w.report, "utf8")).toContain("(plots/step-accuracy.png)");
  });
});
