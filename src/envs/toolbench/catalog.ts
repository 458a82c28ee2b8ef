/**
 * The single-turn API-simulation items: MirrorAPI-Bench's SFT test set (doc + request → the real
 * response), numbered across its splits with fixed offsets so an item keeps its id whichever splits are
 * present: id_high 0–99, id_medium 100–199, id_low 200–299, ood_successful 300–499, ood_failed 500–599.
 * "test" is every item present.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UnknownItemError } from "../errors.js";
import { loadMirrorApiBench, type MirrorApiItem } from "./data.js";

export const BENCH_SPLITS = [
  { name: "id_high", offset: 0, size: 100 },
  { name: "id_medium", offset: 100, size: 100 },
  { name: "id_low", offset: 200, size: 100 },
  { name: "ood_successful", offset: 300, size: 200 },
  { name: "ood_failed", offset: 500, size: 100 },
] as const;

export const TOOLBENCH_SPLITS = [...BENCH_SPLITS.map((s) => s.name), "test", "train"] as const;

export const toolbenchDir = (root: string) => join(root, "toolbench");
export const benchDir = (root: string) => join(toolbenchDir(root), "mirrorapi-bench");

export interface BenchItem extends MirrorApiItem {
  id: number;
}

export class ToolbenchCatalog {
  private readonly byId = new Map<number, BenchItem>();
  /** Rows whose prompt a predictions export cut before the request (no task to pose), by split. */
  readonly truncated = new Map<string, number>();

  constructor(readonly root: string) {
    const dir = benchDir(root);
    if (!existsSync(dir)) return;
    for (const it of loadMirrorApiBench(dir)) {
      const split = BENCH_SPLITS.find((s) => s.name === it.split);
      if (!split) continue;
      if (it.index >= split.size)
        throw new Error(
          `${dir}/${it.split}: more than the ${split.size} items MirrorAPI-Bench has in that split`,
        );
      if (it.truncated) {
        this.truncated.set(it.split, (this.truncated.get(it.split) ?? 0) + 1);
        continue;
      }
      const id = split.offset + it.index;
      this.byId.set(id, { ...it, id });
    }
  }

  splitsPresent(): string[] {
    return BENCH_SPLITS.filter((s) => this.items(s.name).length > 0).map((s) => s.name);
  }

  items(split: string): BenchItem[] {
    if (!(TOOLBENCH_SPLITS as readonly string[]).includes(split))
      throw new UnknownItemError(
        `unknown toolbench split '${split}': valid splits are ${TOOLBENCH_SPLITS.join(", ")}`,
      );
    if (split === "train")
      throw new UnknownItemError(
        "toolbench has no training split here: MirrorAPI-Training (1.3 GB on Hugging Face) is not pulled; " +
          "few-shot examples can come from --examples <run-dir>",
      );
    const all = [...this.byId.values()].sort((a, b) => a.id - b.id);
    if (all.length === 0)
      throw new UnknownItemError(
        `no MirrorAPI-Bench items under ${benchDir(this.root)}; run: wordworld data pull toolbench`,
      );
    return split === "test" ? all : all.filter((i) => i.split === split);
  }

  item(id: number): BenchItem {
    const it = this.byId.get(id);
    if (!it) {
      const ranges = BENCH_SPLITS.map((s) => `${s.name} ${s.offset}–${s.offset + s.size - 1}`).join(", ");
      throw new UnknownItemError(`no toolbench item ${id} under ${benchDir(this.root)} (${ranges})`);
    }
    return it;
  }
}
