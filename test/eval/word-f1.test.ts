import { describe, expect, it } from "vitest";
import { normalizeAnswer, tokenF1, wordF1, wordTokens } from "../../src/eval/word-f1.js";
import { pyStrip } from "../../src/util/pystr.js";

describe("SQuAD normalisation", () => {
  it("lowercases, drops ASCII punctuation and articles, collapses whitespace", () => {
    expect(normalizeAnswer("The Cat, sat!")).toBe("cat sat");
    expect(normalizeAnswer("  An apple  a\tday\n")).toBe("apple day");
    expect(normalizeAnswer("The Denver Broncos")).toBe("denver broncos");
    expect(normalizeAnswer("1,000 dollars.")).toBe("1000 dollars");
    // Articles only as whole words; punctuation goes first, so "a-b" and "the_cat" become words.
    expect(normalizeAnswer("theatre and anthem")).toBe("theatre and anthem");
    expect(normalizeAnswer("a-b the_cat l'the")).toBe("ab thecat lthe");
    expect(normalizeAnswer("THE end")).toBe("end");
  });

  it("uses Python's Unicode word boundaries and whitespace", () => {
    // é is a word character: no boundary inside "éthe".
    expect(normalizeAnswer("éthe the")).toBe("éthe");
    expect(normalizeAnswer("2the")).toBe("2the");
    // Non-ASCII punctuation is kept, as upstream.
    expect(normalizeAnswer("«the» cat")).toBe("« » cat");
    expect(wordTokens("the\u00a0cat\u3000sat")).toEqual(["cat", "sat"]);
    expect(wordTokens("cat\ufeffdog")).toEqual(["cat\ufeffdog"]);
    expect(wordTokens("")).toEqual([]);
    expect(wordTokens(" the a an ... ")).toEqual([]);
  });

  it("splits on exactly the characters pyStrip strips", () => {
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      const isSpace = pyStrip(ch) === "";
      if ((wordTokens(`x${ch}y`).length === 2) !== isSpace) bad.push(c);
    }
    expect(bad).toEqual([]);
  });
});

describe("wordF1", () => {
  it("matches hand-computed values", () => {
    // pred [cat, sat], truth [cat, sat, down]: P = 2/2, R = 2/3, F1 = 2·(2/3)/(5/3) = 4/5.
    expect(wordF1("the cat sat", "a cat sat down")).toBeCloseTo(0.8, 12);
    // Symmetric: P = 2/3, R = 1.
    expect(wordF1("a cat sat down", "the cat sat")).toBeCloseTo(0.8, 12);
    // Multiset overlap: pred [cat, cat, cat], truth [cat]: P = 1/3, R = 1, F1 = (2/3)/(4/3) = 1/2.
    expect(wordF1("cat cat cat", "cat")).toBeCloseTo(0.5, 12);
    // pred [cat, dog], truth [cat, cat, bird]: overlap 1, P = 1/2, R = 1/3, F1 = (1/3)/(5/6) = 2/5.
    expect(wordF1("Cat dog", "cat cat bird")).toBeCloseTo(0.4, 12);
    expect(wordF1("Denver Broncos", "The Denver Broncos")).toBe(1);
    expect(wordF1("x", "y")).toBe(0);
  });

  it("handles empty token lists", () => {
    expect(wordF1("", "")).toBe(1);
    expect(wordF1("the a an", "!!")).toBe(1);
    expect(wordF1("", "cat")).toBe(0);
    expect(wordF1("cat", " the ")).toBe(0);
    expect(tokenF1([], [])).toBe(1);
  });
});
