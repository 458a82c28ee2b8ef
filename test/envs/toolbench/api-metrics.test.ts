/**
 * The API-simulation scores: Word2World's strict exact match, canonical-JSON exact match, SQuAD word F1
 * and the JSON-aware F1 — unit cases from their definitions, then the real MirrorAPI-Bench labels and
 * predictions, where the strict and canonical forms must relate as their definitions say.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  aggregateApiScores,
  canonicalOutput,
  jsonWords,
  scoreApiOutput,
} from "../../../src/envs/toolbench/api-metrics.js";
import { wordF1 } from "../../../src/eval/word-f1.js";
import { hasShared, sharedPath } from "../../shared-data.js";

describe("scoreApiOutput", () => {
  const truth = `{"error": "", "response": "{'status': 0, 'msg': 'Success', 'languages': ['en', 'fr-fr']}"}`;

  it("strict exact match is Python's strip-equality on the whole string", () => {
    expect(scoreApiOutput(`  ${truth}\n`, truth).em).toBe(true);
    expect(scoreApiOutput(truth.replace('"error": ""', '"error":""'), truth).em).toBe(false);
  });

  it("canonical exact match ignores spacing, key order and JSON-versus-repr quoting, not values", () => {
    const reordered = `{\n  "response": "{\\"languages\\": [\\"en\\", \\"fr-fr\\"], \\"msg\\": \\"Success\\", \\"status\\": 0}",\n  "error": ""\n}`;
    const s = scoreApiOutput(reordered, truth);
    expect(s.em).toBe(false);
    expect(s.emCanonical).toBe(true);
    expect(s.errorMatch).toBe(true);
    expect(scoreApiOutput(reordered.replace("Success", "success"), truth).emCanonical).toBe(false);
    expect(scoreApiOutput(reordered.replace('status\\": 0', 'status\\": 1'), truth).emCanonical).toBe(false);
  });

  it("keeps an output that does not parse as its stripped text", () => {
    expect(canonicalOutput("  not json at all ")).toBe("not json at all");
    expect(scoreApiOutput("not json", "not json").emCanonical).toBe(true);
    expect(scoreApiOutput("not json", truth).errorMatch).toBe(false);
    expect(scoreApiOutput(truth, "not json").errorMatch).toBeNull();
  });

  it("f1 is SQuAD's word F1; f1Json splits on punctuation", () => {
    const pred = `{"error": "", "response": "{'date': '2023-04-15T14:00:00Z'}"}`;
    const gold = `{"error": "", "response": "{'date': '2023-04-16T14:00:00Z'}"}`;
    const s = scoreApiOutput(pred, gold);
    expect(s.f1).toBe(wordF1(pred, gold));
    // SQuAD glues the timestamp into one word, so one changed digit loses the whole value ...
    expect(s.f1).toBeLessThan(s.f1Json);
    // ... while the JSON words are error, response, date, 2023, 04, 15t14, 00, 00z: one of 8 differs.
    expect(jsonWords(canonicalOutput(pred))).toEqual([
      "error",
      "response",
      "date",
      "2023",
      "04",
      "15t14",
      "00",
      "00z",
    ]);
    expect(s.f1Json).toBeCloseTo(7 / 8, 12);
  });

  it("error accuracy compares the error fields", () => {
    const err = `{"error": "Tool input parse error...\\n", "response": ""}`;
    expect(scoreApiOutput(err, `{"error": "Tool input parse error...", "response": ""}`).errorMatch).toBe(
      true,
    );
    expect(scoreApiOutput(err, truth).errorMatch).toBe(false);
  });
});

describe.skipIf(!hasShared("toolbench", "mirrorapi-bench", "id_high", "predictions.jsonl"))(
  "on MirrorAPI-Bench's labels and predictions",
  () => {
    const rows = ["id_high", "id_medium", "id_low"].flatMap((split) =>
      readFileSync(sharedPath("toolbench", "mirrorapi-bench", split, "predictions.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { predict: string; label: string }),
    );

    it("every label matches itself under every metric; cut labels have no error field to score", () => {
      const m = aggregateApiScores(rows.map((r) => scoreApiOutput(r.label, r.label)));
      const cut = rows.filter((r) => {
        try {
          JSON.parse(r.label);
          return false;
        } catch {
          return true;
        }
      }).length;
      expect(cut).toBeGreaterThan(0);
      expect(m).toEqual({
        count: 300,
        em: 100,
        emCanonical: 100,
        f1: 100,
        f1Json: 100,
        errorAccuracy: 100,
        errorScored: 300 - cut,
      });
    });

    it("a strict match is always a canonical match, and canonical matches are at least as many", () => {
      const scores = rows.map((r) => scoreApiOutput(r.predict, r.label));
      for (const s of scores) if (s.em) expect(s.emCanonical).toBe(true);
      const m = aggregateApiScores(scores);
      expect(m.emCanonical).toBeGreaterThanOrEqual(m.em);
      expect(m.count).toBe(300);
    });

    it("the predictions' canonical matches are those whose parsed values are equal", () => {
      // Independent check of emCanonical: compare the parsed values structurally with JSON.parse where
      // both outputs are plain JSON whose response is JSON too.
      let checked = 0;
      for (const r of rows) {
        let p: { error?: unknown; response?: unknown };
        let l: { error?: unknown; response?: unknown };
        try {
          p = JSON.parse(r.predict) as typeof p;
          l = JSON.parse(r.label) as typeof l;
          if (typeof p.response === "string") p.response = JSON.parse(p.response);
          if (typeof l.response === "string") l.response = JSON.parse(l.response);
        } catch {
          continue;
        }
        checked++;
        const equal = JSON.stringify(sortKeys(p)) === JSON.stringify(sortKeys(l));
        expect(scoreApiOutput(r.predict, r.label).emCanonical, join(r.label.slice(0, 60))).toBe(equal);
      }
      expect(checked).toBeGreaterThan(0);
    });
  },
);

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v as object)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}
