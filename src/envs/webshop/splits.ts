/**
 * AgentGym's WebShop item splits (WooooDyy/AgentGym-RL `AgentItemId/{train,eval}/webshop_*.json`, stored as
 * `agentgym_webshop_{train,test}.json`): lists of `{"item_id": "webshop_<k>"}` where k is a goal id
 * (an index into `synthesizeGoals`), 3,930 train and 200 test, disjoint.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { UnknownItemError } from "../errors.js";

/** Goals on the 1000-product files (ids 0..6909). */
export const WEBSHOP_GOAL_COUNT = 6910;

export const WEBSHOP_SPLITS = ["train", "test"] as const;
export type WebshopSplit = (typeof WEBSHOP_SPLITS)[number];

const SplitFileSchema = z.array(
  z.object({ item_id: z.string().regex(/^webshop_(0|[1-9]\d*)$/, "expected webshop_<k>") }),
);

export function webshopSplitFile(dir: string, split: WebshopSplit): string {
  return join(dir, `agentgym_webshop_${split}.json`);
}

/** Reads and validates one split file: ids well-formed, within 0..6909, none repeated. */
export function readWebshopSplitFile(file: string): number[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: cannot read as JSON: ${(e as Error).message}`);
  }
  const parsed = SplitFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: entry ${issue.path.map(String).join(".")}: ${issue.message}`);
  }
  const seen = new Set<number>();
  return parsed.data.map(({ item_id }, i) => {
    const id = Number(item_id.slice("webshop_".length));
    if (id >= WEBSHOP_GOAL_COUNT)
      throw new Error(`${file}: entry ${i}.item_id: ${item_id} is outside 0..${WEBSHOP_GOAL_COUNT - 1}`);
    if (seen.has(id)) throw new Error(`${file}: entry ${i}.item_id: ${item_id} appears twice`);
    seen.add(id);
    return id;
  });
}

/**
 * The goal ids of a split, in file order. When the other split's file is beside it, the two are checked to
 * be disjoint (a goal in both would leak test tasks into training).
 */
export function webshopSplit(dir: string, split: WebshopSplit): number[] {
  if (!(WEBSHOP_SPLITS as readonly string[]).includes(split))
    throw new UnknownItemError(
      `unknown WebShop split '${String(split)}': valid splits are ${WEBSHOP_SPLITS.join(", ")}`,
    );
  const file = webshopSplitFile(dir, split);
  if (!existsSync(file)) throw new UnknownItemError(`WebShop split file missing: ${file}`);
  const ids = readWebshopSplitFile(file);
  const otherFile = webshopSplitFile(dir, split === "train" ? "test" : "train");
  if (existsSync(otherFile)) {
    const other = new Set(readWebshopSplitFile(otherFile));
    const shared = ids.find((id) => other.has(id));
    if (shared !== undefined) throw new Error(`${file}: webshop_${shared} is also in ${otherFile}`);
  }
  return ids;
}
