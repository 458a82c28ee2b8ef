/**
 * ALFWorld item ids as AgentGym numbers them: train 0–2419 (json_2.1.1/train), test 2420–2619
 * (json_2.1.1/valid_train), and the Word2World OOD splits valid_seen 2620–2806 and valid_unseen
 * 2807–3001. The mapping files come from upstream (`wordworld data pull alfworld`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { UnknownItemError } from "../errors.js";

export const SPLIT_NAMES = ["train", "test", "valid_seen", "valid_unseen"] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export const SPLIT_FILES: Record<SplitName, { file: string; folder: string }> = {
  train: { file: "mappings_train.json", folder: "train" },
  test: { file: "mappings_test.json", folder: "valid_train" },
  valid_seen: { file: "mappings_valid_seen.json", folder: "valid_seen" },
  valid_unseen: { file: "mappings_valid_unseen.json", folder: "valid_unseen" },
};

const MappingSchema = z.array(
  z.object({
    item_id: z.number().int().nonnegative(),
    task_type: z.string().min(1),
    task_id: z.string().min(1),
  }),
);

export interface AlfworldItem {
  id: number;
  split: SplitName;
  /** Task folder, e.g. "pick_cool_then_place_in_recep-Mug-None-CoffeeMachine-23". */
  task: string;
  /** Trial folder, e.g. "trial_T20190908_143209_571893". */
  trial: string;
  /** The game file (it may be absent: the solvable-only release lacks unsolvable games). */
  path: string;
}

export function isSplitName(s: string): s is SplitName {
  return (SPLIT_NAMES as readonly string[]).includes(s);
}

export function checkSplit(s: string): SplitName {
  if (!isSplitName(s))
    throw new UnknownItemError(`unknown ALFWorld split '${s}': valid splits are ${SPLIT_NAMES.join(", ")}`);
  return s;
}

/** The items of all splits found under an ALFWorld data directory. */
export class AlfworldCatalog {
  private readonly bySplit = new Map<SplitName, AlfworldItem[]>();
  private readonly byId = new Map<number, AlfworldItem>();

  constructor(readonly root: string) {
    for (const split of SPLIT_NAMES) {
      const file = join(root, "splits", SPLIT_FILES[split].file);
      if (!existsSync(file)) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, "utf8"));
      } catch (e) {
        throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
      }
      const parsed = MappingSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Error(`${file}: entry ${issue.path.join(".")}: ${issue.message}`);
      }
      const items = parsed.data.map((m) => ({
        id: m.item_id,
        split,
        task: m.task_type,
        trial: m.task_id,
        path: join(root, "json_2.1.1", SPLIT_FILES[split].folder, m.task_type, m.task_id, "game.tw-pddl"),
      }));
      for (const item of items) {
        if (this.byId.has(item.id)) throw new Error(`${file}: item id ${item.id} appears twice`);
        this.byId.set(item.id, item);
      }
      this.bySplit.set(split, items);
    }
  }

  splits(): SplitName[] {
    return SPLIT_NAMES.filter((s) => this.bySplit.has(s));
  }

  items(split: SplitName): AlfworldItem[] {
    const items = this.bySplit.get(split);
    if (!items)
      throw new UnknownItemError(
        `ALFWorld split '${split}' has no mapping file under ${join(this.root, "splits")}; run: wordworld data pull alfworld`,
      );
    return items;
  }

  /** "train 0–2419, test 2420–2619, …" */
  describeRanges(): string {
    return this.splits()
      .map((s) => {
        const ids = this.bySplit.get(s)!.map((i) => i.id);
        return `${s} ${Math.min(...ids)}–${Math.max(...ids)}`;
      })
      .join(", ");
  }

  item(id: number, split?: SplitName): AlfworldItem {
    const item = this.byId.get(id);
    if (this.byId.size === 0)
      throw new UnknownItemError(
        `no ALFWorld split mappings under ${join(this.root, "splits")}; run: wordworld data pull alfworld`,
      );
    if (!item || (split && item.split !== split)) {
      const where = split ? ` in split '${split}'` : "";
      throw new UnknownItemError(
        `unknown ALFWorld item id ${id}${where}: valid ids are ${this.describeRanges()}`,
      );
    }
    return item;
  }
}
