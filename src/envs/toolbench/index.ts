import { existsSync } from "node:fs";
import type { EnvDefinition } from "../types.js";
import { benchDir, ToolbenchCatalog, TOOLBENCH_SPLITS } from "./catalog.js";
import { RecordedRequestExpert } from "./expert.js";
import { TOOLBENCH_WM_TASK } from "./prompts.js";
import { loadSolvableQueries } from "./data.js";
import { pullToolbench, queriesDir } from "./pull.js";
import { ApiCallSession } from "./session.js";
import { pyStrip } from "../../util/pystr.js";

interface Loaded {
  catalog: ToolbenchCatalog;
  /** Recorded responses by stripped user turn, across the whole bench. */
  recorded: Map<string, string>;
}

const loaded = new Map<string, Loaded>();
function load(root: string): Loaded {
  let l = loaded.get(root);
  if (!l) {
    const catalog = new ToolbenchCatalog(root);
    const recorded = new Map<string, string>();
    for (const split of catalog.splitsPresent())
      for (const it of catalog.items(split)) recorded.set(pyStrip(it.user), it.label);
    loaded.set(root, (l = { catalog, recorded }));
  }
  return l;
}

export const toolbench: EnvDefinition = {
  name: "toolbench",
  summary: "StableToolBench API simulation (MirrorAPI-Bench: API doc + request → the real response)",
  splits: TOOLBENCH_SPLITS,
  testSplit: "test",
  trainSplit: "train",
  defaultExpert: "recorded",
  // The single-turn task has no agent conversation: the expert issues the recorded request.
  reactPreamble: [],
  wmInstruction: TOOLBENCH_WM_TASK,
  async pull(root, from, log) {
    const r = await pullToolbench(root, from, log);
    loaded.delete(root);
    return `toolbench: ${r.benchItems} MirrorAPI-Bench items, ${r.queries} solvable queries → ${benchDir(root)}`;
  },
  status(root) {
    const c = load(root).catalog;
    const splits = c.splitsPresent();
    const queries = existsSync(queriesDir(root)) ? loadSolvableQueries(queriesDir(root)).length : 0;
    const cut = [...c.truncated].map(([s, n]) => `${s} ${n}`).join(", ");
    return [
      `MirrorAPI-Bench: ${splits.length ? splits.map((s) => `${s} ${c.items(s).length}`).join(", ") : "none"}` +
        (cut ? ` (left out, prompt cut in the export: ${cut})` : ""),
      `solvable queries: ${queries || "none"}`,
    ];
  },
  itemIds(root, split) {
    return load(root)
      .catalog.items(split)
      .map((i) => i.id);
  },
  openItem(root, id) {
    const l = load(root);
    const item = l.catalog.item(id);
    const { tool_name, api_name } = item.request;
    return {
      session: new ApiCallSession(item, l.recorded),
      label: `${item.split} item ${id} (${tool_name} / ${api_name})`,
      game: `toolbench:${item.request.category}/${tool_name}/${api_name}`,
      experts: { recorded: () => new RecordedRequestExpert(item.user) },
    };
  },
};
