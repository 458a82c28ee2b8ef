/**
 * Rollout consistency (the paper's Table 2): per agent, Real = success rate in the real environment,
 * WM = success rate inside the world model, W2R = success rate when the actions produced inside the world
 * model are replayed in the real environment (replays done by the caller), CR = W2R / Real. CR is null
 * when Real is 0 and may exceed 1. Rates are percentages (0–100). Pure functions.
 */

export interface EpisodeRecord {
  agent: string;
  item: number | string;
  real: boolean;
  wm: boolean;
  w2r: boolean;
}

export interface AgentConsistency {
  agent: string;
  episodes: number;
  realSuccesses: number;
  wmSuccesses: number;
  w2rSuccesses: number;
  /** Percentages, 0–100. */
  real: number;
  wm: number;
  w2r: number;
  /** W2R / Real (= w2rSuccesses / realSuccesses); null when Real is 0. */
  cr: number | null;
}

export interface ConsistencyAverage {
  /** Agents averaged. */
  agents: number;
  /** Unweighted means of the agents' percentages. */
  real: number | null;
  wm: number | null;
  w2r: number | null;
  /** Mean of the agents' CRs, agents whose CR is null left out (the paper's "averaged over agents"). */
  cr: number | null;
  /** Agents whose CR entered the mean. */
  crAgents: number;
}

export interface Consistency {
  /** In order of first appearance. */
  agents: AgentConsistency[];
  average: ConsistencyAverage;
  /** Totals over every agent. */
  episodes: number;
  realSuccesses: number;
  wmSuccesses: number;
  w2rSuccesses: number;
}

/** CR of two rates or counts: null when Real is 0. */
export function consistencyRatio(w2r: number, real: number): number | null {
  return real === 0 ? null : w2r / real;
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

export function consistency(records: readonly EpisodeRecord[]): Consistency {
  const by = new Map<string, { episodes: number; real: number; wm: number; w2r: number }>();
  for (const r of records) {
    let c = by.get(r.agent);
    if (!c) by.set(r.agent, (c = { episodes: 0, real: 0, wm: 0, w2r: 0 }));
    c.episodes++;
    if (r.real) c.real++;
    if (r.wm) c.wm++;
    if (r.w2r) c.w2r++;
  }
  const agents: AgentConsistency[] = [...by].map(([agent, c]) => ({
    agent,
    episodes: c.episodes,
    realSuccesses: c.real,
    wmSuccesses: c.wm,
    w2rSuccesses: c.w2r,
    real: (100 * c.real) / c.episodes,
    wm: (100 * c.wm) / c.episodes,
    w2r: (100 * c.w2r) / c.episodes,
    cr: consistencyRatio(c.w2r, c.real),
  }));
  const crs = agents.flatMap((a) => (a.cr === null ? [] : [a.cr]));
  const sum = (f: (a: AgentConsistency) => number) => agents.reduce((s, a) => s + f(a), 0);
  return {
    agents,
    average: {
      agents: agents.length,
      real: mean(agents.map((a) => a.real)),
      wm: mean(agents.map((a) => a.wm)),
      w2r: mean(agents.map((a) => a.w2r)),
      cr: mean(crs),
      crAgents: crs.length,
    },
    episodes: records.length,
    realSuccesses: sum((a) => a.realSuccesses),
    wmSuccesses: sum((a) => a.wmSuccesses),
    w2rSuccesses: sum((a) => a.w2rSuccesses),
  };
}
