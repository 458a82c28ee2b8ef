/**
 * Where objects usually are, learned from the user's own ALFWorld training games (never shipped): for
 * each object class, the percentage of receptacle instances of each class that hold one at the start,
 * and for each receptacle class the share of instances that must be opened. The reactive expert uses it
 * to order its search, as upstream's hand-coded expert uses ALFRED's receptacle-object table. Computed
 * once from `json_2.1.1/train` and cached beside the data.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { loadGameFile } from "./game-file.js";
import { World } from "./world.js";

const SearchPriorSchema = z.object({
  version: z.literal(1),
  games: z.number().int(),
  /** object class → receptacle class → % of instances holding one. */
  found: z.record(z.string(), z.record(z.string(), z.number())),
  /** receptacle class → share of instances that are openable. */
  openShare: z.record(z.string(), z.number()),
});
export type SearchPrior = z.infer<typeof SearchPriorSchema>;

function cls(name: string): string {
  return name.replace(/ \d+$/, "");
}

export function learnSearchPrior(worlds: Iterable<World>): SearchPrior {
  const holding = new Map<string, Map<string, number>>(); // obj class → recep class → instances holding
  const present = new Map<string, Map<string, number>>(); // obj class → recep class → instances in rooms with both
  const openable = new Map<string, [number, number]>();
  let games = 0;
  for (const w of worlds) {
    games++;
    const recepsByClass = new Map<string, number[]>();
    for (const r of w.receptacles) {
      const c = cls(w.name(r));
      recepsByClass.set(c, [...(recepsByClass.get(c) ?? []), r]);
      const o = openable.get(c) ?? [0, 0];
      openable.set(c, [o[0] + w.openable[r]!, o[1] + 1]);
    }
    const objClasses = new Set(w.objects.map((o) => cls(w.name(o))));
    for (const oc of objClasses) {
      const h = holding.get(oc) ?? new Map<string, number>();
      const p = present.get(oc) ?? new Map<string, number>();
      for (const [rc, rs] of recepsByClass) {
        p.set(rc, (p.get(rc) ?? 0) + rs.length);
        const n = rs.filter((r) =>
          (w.initial.contents.get(r) ?? []).some((o) => cls(w.name(o)) === oc),
        ).length;
        h.set(rc, (h.get(rc) ?? 0) + n);
      }
      holding.set(oc, h);
      present.set(oc, p);
    }
  }
  const found: SearchPrior["found"] = {};
  for (const [oc, h] of holding) {
    const row: Record<string, number> = {};
    for (const [rc, n] of h) if (n > 0) row[rc] = Math.round((100 * n) / present.get(oc)!.get(rc)!);
    if (Object.keys(row).length) found[oc] = row;
  }
  const openShare: SearchPrior["openShare"] = {};
  for (const [rc, [o, n]] of openable) if (o > 0) openShare[rc] = Number((o / n).toFixed(2));
  return { version: 1, games, found, openShare };
}

/** The prior for the data under `alfworldRoot`, from its cache or learned from its train split. */
export function searchPriorFor(alfworldRoot: string): SearchPrior | undefined {
  const cache = join(alfworldRoot, "derived", "search-prior.json");
  if (existsSync(cache)) {
    const parsed = SearchPriorSchema.safeParse(JSON.parse(readFileSync(cache, "utf8")));
    if (parsed.success) return parsed.data;
  }
  const train = join(alfworldRoot, "json_2.1.1", "train");
  if (!existsSync(train)) return undefined;
  function* worlds(): Generator<World> {
    for (const task of readdirSync(train).sort())
      for (const trial of readdirSync(join(train, task)).sort()) {
        const path = join(train, task, trial, "game.tw-pddl");
        if (existsSync(path)) yield new World(loadGameFile(path));
      }
  }
  const prior = learnSearchPrior(worlds());
  mkdirSync(join(alfworldRoot, "derived"), { recursive: true });
  writeFileSync(`${cache}.partial-${process.pid}`, JSON.stringify(prior));
  renameSync(`${cache}.partial-${process.pid}`, cache);
  return prior;
}
