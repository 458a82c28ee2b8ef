/** `wordworld envs` lists every environment even when a data root holds nothing. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENVIRONMENTS } from "../../src/envs/registry.js";
import { cli } from "./run-cli.js";

describe("wordworld envs", () => {
  it("reports missing data per environment instead of stopping", async () => {
    const root = mkdtempSync(join(tmpdir(), "ww-envs-"));
    const r = await cli(["envs", "--data", root]);
    expect(r.status).toBe(0);
    for (const env of ENVIRONMENTS) expect(r.stdout.some((l) => l.startsWith(`\n${env.name} — `))).toBe(true);
    expect(r.stdout.join("\n")).toContain("no data: no MirrorAPI-Bench items");
    expect(r.stdout.join("\n")).toContain("games: 0 (train 0, test 0)");
  });
});
