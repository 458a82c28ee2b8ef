import { describe, expect, it } from "vitest";
import { stepMetrics, type StepRecord } from "../../src/eval/step-metrics.js";

// 10 trajectories of 10 steps: 6 in alfworld, 4 in webshop. Steps 8–10 of every trajectory are altered
// (an extra word), so 30 of 100 predictions are wrong.
function records(): StepRecord[] {
  const out: StepRecord[] = [];
  for (let t = 0; t < 10; t++)
    for (let s = 1; s <= 10; s++) {
      const truth = "alpha beta gamma";
      out.push({
        env: t < 6 ? "alfworld" : "webshop",
        item: t,
        stepIndex: s,
        truth,
        pred: s >= 8 ? `${truth} delta` : ` ${truth}\n`,
      });
    }
  return out;
}

describe("stepMetrics", () => {
  it("gives EM 70.0 exactly when 30 of 100 are wrong", () => {
    const m = stepMetrics(records());
    expect(m.count).toBe(100);
    expect(m.correct).toBe(70);
    expect(m.errors).toBe(0);
    expect(m.em).toBe(70);
    expect(m.em!.toFixed(1)).toBe("70.0");
    // Altered: P = 3/4, R = 1, F1 = 6/7; mean F1 = (70 + 30 · 6/7) / 100.
    expect(m.f1).toBeCloseTo(70 + 180 / 7, 10);
  });

  it("splits by step index and by environment", () => {
    const m = stepMetrics(records());
    expect(m.byStep.map((b) => b.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(m.byStep.map((b) => b.count)).toEqual(Array(10).fill(10));
    expect(m.byStep.map((b) => b.em)).toEqual([100, 100, 100, 100, 100, 100, 100, 0, 0, 0]);
    expect(m.byStep[9]!.f1).toBeCloseTo(600 / 7, 10);
    expect(Object.keys(m.perEnv)).toEqual(["alfworld", "webshop"]);
    expect(m.perEnv.alfworld!.count).toBe(60);
    expect(m.perEnv.alfworld!.em).toBe(70);
    expect(m.perEnv.webshop!.count).toBe(40);
    expect(m.perEnv.webshop!.correct).toBe(28);
    expect(m.perEnv.webshop!.byStep[7]!.em).toBe(0);
  });

  it("counts failed requests as wrong and leaves empty steps null", () => {
    const m = stepMetrics([
      { env: "alfworld", item: 1, stepIndex: 3, pred: "ok", truth: "ok" },
      { env: "alfworld", item: 2, stepIndex: 3, pred: "ok", truth: "ok", error: "HTTP 500" },
    ]);
    expect(m.count).toBe(2);
    expect(m.correct).toBe(1);
    expect(m.errors).toBe(1);
    expect(m.em).toBe(50);
    expect(m.f1).toBe(50);
    expect(m.byStep).toHaveLength(3);
    expect(m.byStep[0]).toEqual({ step: 1, count: 0, correct: 0, errors: 0, em: null, f1: null });
    expect(m.byStep[2]!.em).toBe(50);
  });

  it("handles no records and rejects bad step indices", () => {
    const m = stepMetrics([]);
    expect(m).toEqual({ count: 0, correct: 0, errors: 0, em: null, f1: null, byStep: [], perEnv: {} });
    expect(() => stepMetrics([{ env: "x", item: 0, stepIndex: 0, pred: "", truth: "" }])).toThrow(
      /positive integer/,
    );
  });
});
