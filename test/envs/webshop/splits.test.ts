import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readWebshopSplitFile, webshopSplit } from "../../../src/envs/webshop/splits.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const tmp = mkdtempSync(join(tmpdir(), "wordworld-webshop-splits-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, ids: (string | number)[]): string => {
  const file = join(tmp, name);
  writeFileSync(
    file,
    JSON.stringify(ids.map((id) => ({ item_id: typeof id === "number" ? `webshop_${id}` : id }))),
  );
  return file;
};

describe("split file validation", () => {
  it("names the file and entry of a bad id", () => {
    expect(readWebshopSplitFile(write("ok.json", [3, 0, 6909]))).toEqual([3, 0, 6909]);
    expect(() => readWebshopSplitFile(write("a.json", [1, "alfworld_2"]))).toThrow(
      /a\.json: entry 1\.item_id: expected webshop_<k>/,
    );
    expect(() => readWebshopSplitFile(write("b.json", [6910]))).toThrow(
      /b\.json: entry 0\.item_id: webshop_6910 is outside/,
    );
    expect(() => readWebshopSplitFile(write("c.json", [5, 5]))).toThrow(
      /c\.json: entry 1\.item_id: webshop_5 appears twice/,
    );
    expect(() => readWebshopSplitFile(write("d.json", ["webshop_007"]))).toThrow(/expected webshop_<k>/);
  });

  it("rejects overlapping train and test", () => {
    write("agentgym_webshop_train.json", [1, 2, 3]);
    write("agentgym_webshop_test.json", [4, 2]);
    expect(() => webshopSplit(tmp, "test")).toThrow(/webshop_2 is also in .*agentgym_webshop_train\.json/);
  });
});

describe.skipIf(!hasShared("webshop", "splits"))("AgentGym's WebShop splits", () => {
  const dir = sharedPath("webshop", "splits");
  it("3,930 train and 200 test ids, disjoint, in file order", () => {
    const train = webshopSplit(dir, "train");
    const test = webshopSplit(dir, "test");
    expect(train).toHaveLength(3930);
    expect(test).toHaveLength(200);
    // Notes §5.3: the test file starts 5238, 912, 204, 6074, 2253, 2006, 1828, 1143, 6033, 839.
    expect(test.slice(0, 10)).toEqual([5238, 912, 204, 6074, 2253, 2006, 1828, 1143, 6033, 839]);
    const t = new Set(test);
    expect(train.some((id) => t.has(id))).toBe(false);
  });
});
