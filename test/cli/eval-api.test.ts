/**
 * `wordworld eval api` through the real CLI: MirrorAPI-Bench's prediction files scored, with
 * LLaMA-Factory's reported numbers where our computation is exact (id_low: no CJK text, no cut labels),
 * and bad input files refused with the file and line named.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./run-cli.js";
import { hasShared, sharedPath } from "../shared-data.js";

const present = hasShared("toolbench", "mirrorapi-bench", "id_low", "predictions.jsonl");

describe.skipIf(!present)("wordworld eval api", () => {
  it("prints one JSON line of metrics per file, LLaMA-Factory's numbers reproduced on id_low", async () => {
    const files = ["id_high", "id_low"].map((s) =>
      sharedPath("toolbench", "mirrorapi-bench", s, "predictions.jsonl"),
    );
    const r = await cli(["eval", "api", "--predictions", ...files]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toHaveLength(2);
    const [high, low] = r.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(high).toMatchObject({ file: files[0], count: 100 });
    expect(low).toMatchObject({ file: files[1], count: 100 });
    const summary = JSON.parse(
      readFileSync(sharedPath("toolbench", "mirrorapi-bench", "id_low", "summary.json"), "utf8"),
    ) as { llamafactory_metrics: Record<string, number>; reproduced_bleu4: number };
    const lf = low!.llamafactory as Record<string, number>;
    for (const k of ["bleu-4", "rouge-1", "rouge-2", "rouge-l"])
      expect(lf[k], k).toBe(summary.llamafactory_metrics[`predict_${k}`]);
    expect((low!.mirrorapi_official as Record<string, number>)["bleu-4"]).toBe(summary.reproduced_bleu4);
    for (const k of ["exact_match", "exact_match_canonical", "f1", "f1_json", "error_accuracy"]) {
      expect(typeof low![k]).toBe("number");
      expect(low![k] as number).toBeGreaterThanOrEqual(0);
      expect(low![k] as number).toBeLessThanOrEqual(100);
    }
  });

  it("refuses a missing file, a row without a label and a cut last line, naming the file and line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ww-eval-api-"));
    expect((await cli(["eval", "api", "--predictions", join(dir, "none.jsonl")])).stderr).toMatch(
      /none\.jsonl: no such file/,
    );
    const noLabel = join(dir, "no-label.jsonl");
    writeFileSync(noLabel, `{"predict": "x", "label": "y"}\n{"predict": "x"}\n`);
    const a = await cli(["eval", "api", "--predictions", noLabel]);
    expect(a.status).not.toBe(0);
    expect(a.stderr).toContain(`${noLabel}:2`);
    expect(a.stderr).toContain("label");
    const cut = join(dir, "cut.jsonl");
    writeFileSync(cut, `{"predict": "x", "label": "y"}\n{"predict": "x", "lab`);
    const b = await cli(["eval", "api", "--predictions", cut]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain(`${cut}:2: the last line is cut off`);
  });
});
