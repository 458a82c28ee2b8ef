/**
 * `wordworld data pull webshop`: the 1000-product WebShop set AgentGym serves and AgentGym's goal-id
 * splits, into `<root>/webshop/{data,splits}`.
 *
 * Online it downloads the upstream files: `items_shuffle_1000.json` from WebShop's own Google Drive
 * link (as its setup.sh fetches it), `items_ins_v2_1000.json` from WooooDyy/AgentGym, and the 3930/200
 * id files from WooooDyy/AgentGym-RL, at pinned revisions. Both product files are checked against the
 * official sha256 before they are kept. `--from <dir>` imports a local copy instead: the product files
 * (also the full catalogue, `items_shuffle.json` + `items_ins_v2.json`, when present) and the split
 * files (`webshop_{train,test}.json` or `agentgym_webshop_{train,test}.json`, in the directory or its
 * `splits/`). Nothing installed is replaced until the new copy is complete and checked.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { copyFileAtomic } from "../../util/copy-file.js";
import { download } from "../../util/download.js";
import { readWebshopSplitFile } from "./splits.js";

export const webshopDir = (root: string) => join(root, "webshop");
export const webshopDataDir = (root: string) => join(webshopDir(root), "data");
export const webshopSplitsDir = (root: string) => join(webshopDir(root), "splits");

/** The official files' sha256 (WebShop's release; the note's manifests). */
const OFFICIAL_SHA256: Record<string, string> = {
  "items_shuffle_1000.json": "30a4765c3a327af72d9a9a95a6b2486d516f0fa1d3ecd83681901ce82a21b269",
  "items_ins_v2_1000.json": "f88a36314a397b53b3d9c3fa5878e5f7b26d35019a51ec83fbedeca61a948f6f",
};

const DOWNLOADS: Record<string, string> = {
  "items_shuffle_1000.json":
    "https://drive.google.com/uc?export=download&id=1EgHdxQ_YxqIQlvvq5iKlCrkEKR6-j0Ib",
  "items_ins_v2_1000.json":
    "https://raw.githubusercontent.com/WooooDyy/AgentGym/3ef9235d23e68e7c2920c5422ad957dc8ced5c6c/agentenv-webshop/webshop/data/items_ins_v2_1000.json",
};

const SPLIT_URLS = {
  train:
    "https://raw.githubusercontent.com/WooooDyy/AgentGym-RL/e182a6b131081028db8b48c80adf724da75856e9/AgentGym-RL/AgentItemId/train/webshop_train.json",
  test: "https://raw.githubusercontent.com/WooooDyy/AgentGym-RL/e182a6b131081028db8b48c80adf724da75856e9/AgentGym-RL/AgentItemId/eval/webshop_test.json",
} as const;

/** Installed split file names. */
export const SPLIT_FILES = {
  train: "agentgym_webshop_train.json",
  test: "agentgym_webshop_test.json",
} as const;

const FULL_FILES = ["items_shuffle.json", "items_ins_v2.json"];

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash("sha256");
    createReadStream(path)
      .on("data", (c) => h.update(c))
      .on("error", reject)
      .on("end", () => resolve(h.digest("hex")));
  });
}

async function checkOfficial(name: string, path: string): Promise<void> {
  const want = OFFICIAL_SHA256[name];
  if (!want) return;
  const got = await sha256File(path);
  if (got !== want)
    throw new Error(`${path}: sha256 ${got} is not the official ${name} (${want}); refusing to install it`);
}

export interface WebshopPullReport {
  files: string[];
}

export async function pullWebshop(
  root: string,
  from: string | undefined,
  log: (line: string) => void,
): Promise<WebshopPullReport> {
  const files: string[] = [];
  if (from === undefined) {
    for (const [name, url] of Object.entries(DOWNLOADS)) {
      log(`downloading ${url}`);
      try {
        await download(url, join(webshopDataDir(root), name), { log, check: (p) => checkOfficial(name, p) });
      } catch (e) {
        throw new Error(`${(e as Error).message} (offline? use --from <local copy>)`, { cause: e });
      }
      files.push(name);
    }
    for (const [split, url] of Object.entries(SPLIT_URLS)) {
      log(`downloading ${url}`);
      const file = SPLIT_FILES[split as keyof typeof SPLIT_FILES];
      try {
        await download(url, join(webshopSplitsDir(root), file), {
          log,
          check: async (p) => void readWebshopSplitFile(p),
        });
      } catch (e) {
        throw new Error(`${(e as Error).message} (offline? use --from <local copy>)`, { cause: e });
      }
      files.push(`splits/${file}`);
    }
    return { files };
  }
  if (!existsSync(from)) throw new Error(`--from ${from}: no such file or directory`);
  const dataDir = [join(from, "data"), from].find((d) => existsSync(join(d, "items_shuffle_1000.json")));
  const plan: [string, string][] = [];
  if (dataDir) {
    for (const name of [...Object.keys(OFFICIAL_SHA256), ...FULL_FILES]) {
      const src = join(dataDir, name);
      if (!existsSync(src)) {
        if (name in OFFICIAL_SHA256)
          throw new Error(`--from ${from}: ${name} is missing beside items_shuffle_1000.json`);
        continue;
      }
      await checkOfficial(name, src);
      plan.push([src, join(webshopDataDir(root), name)]);
    }
  }
  for (const split of ["train", "test"] as const) {
    const names = [SPLIT_FILES[split], `webshop_${split}.json`];
    const src = [from, join(from, "splits")].flatMap((d) => names.map((n) => join(d, n))).find(existsSync);
    if (src) {
      readWebshopSplitFile(src);
      plan.push([src, join(webshopSplitsDir(root), SPLIT_FILES[split])]);
    }
  }
  if (plan.length === 0)
    throw new Error(
      `--from ${from}: neither items_shuffle_1000.json (in it or its data/) nor split files found`,
    );
  for (const [src, dest] of plan) {
    log(`copying ${src}`);
    copyFileAtomic(src, dest);
    files.push(dest.slice(webshopDir(root).length + 1));
  }
  return { files };
}
