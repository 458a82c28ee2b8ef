import { describe, expect, it } from "vitest";
import { consistency, consistencyRatio, type EpisodeRecord } from "../../src/eval/consistency.js";

function episodes(agent: string, n: number, real: number, wm: number, w2r: number): EpisodeRecord[] {
  return Array.from({ length: n }, (_, i) => ({ agent, item: i, real: i < real, wm: i < wm, w2r: i < w2r }));
}

describe("consistency", () => {
  const c = consistency([
    ...episodes("gpt-4o", 10, 4, 6, 5), // CR 1.25 > 1
    ...episodes("weak", 5, 0, 1, 1), // Real 0: CR null
    ...episodes("mid", 4, 2, 2, 1), // CR 0.5
  ]);

  it("computes Real / WM / W2R % and CR per agent", () => {
    expect(c.agents.map((a) => a.agent)).toEqual(["gpt-4o", "weak", "mid"]);
    const [a, b, m] = c.agents;
    expect(a).toEqual({
      agent: "gpt-4o",
      episodes: 10,
      realSuccesses: 4,
      wmSuccesses: 6,
      w2rSuccesses: 5,
      real: 40,
      wm: 60,
      w2r: 50,
      cr: 1.25,
    });
    expect(b!.real).toBe(0);
    expect(b!.wm).toBe(20);
    expect(b!.cr).toBeNull();
    expect(m!.cr).toBe(0.5);
    expect(m!.w2r).toBe(25);
  });

  it("averages over agents, CR over agents with Real > 0", () => {
    expect(c.average.agents).toBe(3);
    expect(c.average.real).toBeCloseTo(30, 12);
    expect(c.average.wm).toBeCloseTo(130 / 3, 12);
    expect(c.average.w2r).toBeCloseTo(95 / 3, 12);
    expect(c.average.cr).toBeCloseTo(0.875, 12);
    expect(c.average.crAgents).toBe(2);
    expect([c.episodes, c.realSuccesses, c.wmSuccesses, c.w2rSuccesses]).toEqual([19, 6, 9, 7]);
  });

  it("handles an all-zero Real and no records", () => {
    const z = consistency(episodes("a", 3, 0, 3, 0));
    expect(z.agents[0]!.cr).toBeNull();
    expect(z.average.cr).toBeNull();
    expect(z.average.crAgents).toBe(0);
    const e = consistency([]);
    expect(e.agents).toEqual([]);
    expect(e.average).toEqual({ agents: 0, real: null, wm: null, w2r: null, cr: null, crAgents: 0 });
    expect(consistencyRatio(57.44, 58)).toBeCloseTo(0.990344, 5);
    expect(consistencyRatio(1, 0)).toBeNull();
  });
});
