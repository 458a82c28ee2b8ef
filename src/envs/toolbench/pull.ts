/**
 * `wordworld data pull toolbench`: MirrorAPI-Bench's SFT test set and StableToolBench's solvable
 * queries, into `<root>/toolbench/{mirrorapi-bench,stabletoolbench/solvable_queries}`.
 *
 * Online it downloads the upstream files at pinned revisions: the five `test_sft/*.json` splits of the
 * Hugging Face dataset stabletoolbench/MirrorAPI-Bench (MIT) and the twelve solvable-query files of
 * THUNLP-MT/StableToolBench (Apache-2.0). `--from` imports a local copy instead: a directory holding
 * `mirrorapi-bench/` and/or `stabletoolbench/` (or `solvable_queries/`), or a MirrorAPI-Bench directory
 * itself — with either the dataset's `test_sft/<split>.json` files or predictions files
 * `<split>/predictions.jsonl` (prompt, label, predict) as LLaMA-Factory writes them — and optionally
 * StableToolBench's released response cache (`tool_response_cache/`, from its `server_cache.zip`; not
 * downloaded, it is 236 MB zipped). Everything is
 * validated before anything is copied, and files are replaced only by complete new ones.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { copyFileAtomic } from "../../util/copy-file.js";
import { download } from "../../util/download.js";
import { benchDir, toolbenchDir } from "./catalog.js";
import { HF_SPLIT_FILES, loadMirrorApiBench, loadSolvableQueries } from "./data.js";

const HF_BENCH = "https://huggingface.co/datasets/stabletoolbench/MirrorAPI-Bench/resolve";
const HF_BENCH_REVISION = "adceeb3a567d1f1714fa65c0772ca95a2b0f7cf7";
const STB_RAW = "https://raw.githubusercontent.com/THUNLP-MT/StableToolBench";
const STB_REVISION = "aa4ed9f4737ad98bd706663f01d63623c3427812";
const QUERY_GROUPS = [
  "G1_instruction",
  "G1_category",
  "G1_tool",
  "G2_instruction",
  "G2_category",
  "G3_instruction",
] as const;

export const queriesDir = (root: string) => join(toolbenchDir(root), "stabletoolbench", "solvable_queries");
export const stbCacheDir = (root: string) =>
  join(toolbenchDir(root), "stabletoolbench", "tool_response_cache");

export interface ToolbenchPullReport {
  benchItems: number;
  queries: number;
}

/** The files under `dir` (relative paths), recursively. */
function files(dir: string, prefix = ""): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...files(join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}

function benchFiles(dir: string): string[] {
  return files(dir).filter((f) => /^(test_sft\/[^/]+\.json|[^/]+\/predictions\.jsonl)$/.test(f));
}

function findSource(from: string): { bench?: string; queries?: string; stbCache?: string } {
  const isBench = (d: string) => existsSync(d) && statSync(d).isDirectory() && benchFiles(d).length > 0;
  const bench = [join(from, "mirrorapi-bench"), from].find(isBench);
  const queries = [
    join(from, "stabletoolbench", "solvable_queries"),
    join(from, "solvable_queries"),
    from,
  ].find((d) => existsSync(join(d, "test_instruction")));
  const stbCache = [
    join(from, "tool_response_cache"),
    join(from, "server", "tool_response_cache"),
    join(from, "stabletoolbench", "tool_response_cache"),
  ].find((d) => existsSync(d) && statSync(d).isDirectory());
  return { ...(bench ? { bench } : {}), ...(queries ? { queries } : {}), ...(stbCache ? { stbCache } : {}) };
}

async function downloadAll(root: string, log: (line: string) => void): Promise<void> {
  const get = async (url: string, dest: string) => {
    log(`downloading ${url}`);
    try {
      await download(url, dest, { log });
    } catch (e) {
      throw new Error(`${(e as Error).message} (offline? use --from <local copy>)`, { cause: e });
    }
  };
  for (const file of Object.values(HF_SPLIT_FILES))
    await get(`${HF_BENCH}/${HF_BENCH_REVISION}/test_sft/${file}`, join(benchDir(root), "test_sft", file));
  for (const kind of ["test_instruction", "test_query_ids"])
    for (const g of QUERY_GROUPS)
      await get(
        `${STB_RAW}/${STB_REVISION}/solvable_queries/${kind}/${g}.json`,
        join(queriesDir(root), kind, `${g}.json`),
      );
}

export async function pullToolbench(
  root: string,
  from: string | undefined,
  log: (line: string) => void,
): Promise<ToolbenchPullReport> {
  if (from === undefined) {
    await downloadAll(root, log);
  } else {
    if (!existsSync(from)) throw new Error(`--from ${from}: no such file or directory`);
    const src = findSource(from);
    if (!src.bench && !src.queries && !src.stbCache)
      throw new Error(
        `--from ${from}: no MirrorAPI-Bench files (test_sft/<split>.json or <split>/predictions.jsonl), ` +
          "no solvable_queries/test_instruction and no tool_response_cache/ found",
      );
    // Validate the copy before touching what is installed.
    if (src.bench) loadMirrorApiBench(src.bench);
    if (src.queries) loadSolvableQueries(src.queries);
    if (src.bench) {
      log(`copying MirrorAPI-Bench from ${src.bench}`);
      for (const f of benchFiles(src.bench)) copyFileAtomic(join(src.bench, f), join(benchDir(root), f));
    }
    if (src.stbCache) {
      log(`copying StableToolBench's response cache from ${src.stbCache}`);
      for (const f of files(src.stbCache).filter((f) => /^[^/]+\/[^/]+\/[^/]+\.json$/.test(f)))
        copyFileAtomic(join(src.stbCache, f), join(stbCacheDir(root), f));
    }
    if (src.queries) {
      log(`copying solvable queries from ${src.queries}`);
      for (const f of files(src.queries).filter((f) => /^test_(instruction|query_ids)\/[^/]+\.json$/.test(f)))
        copyFileAtomic(join(src.queries, f), join(queriesDir(root), f));
    }
  }
  const bench = existsSync(benchDir(root)) ? loadMirrorApiBench(benchDir(root)).length : 0;
  const queries = existsSync(queriesDir(root)) ? loadSolvableQueries(queriesDir(root)).length : 0;
  return { benchItems: bench, queries };
}
