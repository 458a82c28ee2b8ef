import { describe, expect, it } from "vitest";
import { exactMatch } from "../../src/eval/exact-match.js";

describe("exactMatch (Python pred.strip() == gt.strip())", () => {
  it("ignores surrounding ASCII whitespace only", () => {
    expect(exactMatch("  You see a cup.\n", "You see a cup.")).toBe(true);
    expect(exactMatch("\t\r\nabc \x0b\x0c", "abc")).toBe(true);
    expect(exactMatch("You  see a cup.", "You see a cup.")).toBe(false);
    expect(exactMatch("you see a cup.", "You see a cup.")).toBe(false);
  });

  it("strips Python's Unicode whitespace set, not JavaScript's", () => {
    expect(exactMatch("\u00a0abc\u3000", "abc")).toBe(true);
    expect(exactMatch("\u2003abc\u2028\u205f", "abc")).toBe(true);
    // Python strips U+001C–U+001F and U+0085 (JavaScript's trim() keeps them) ...
    expect(exactMatch("\x1cabc\x1f\x85", "abc")).toBe(true);
    // ... and keeps U+FEFF and U+200B (trim() strips U+FEFF).
    expect(exactMatch("\ufeffabc", "abc")).toBe(false);
    expect(exactMatch("abc\u200b", "abc")).toBe(false);
  });

  it("compares the success marker as part of the text", () => {
    const obs = "You put the apple 1 in/on the fridge 1.";
    expect(exactMatch(`${obs} [SUCCESS]`, `${obs} [SUCCESS]`)).toBe(true);
    expect(exactMatch(`${obs} [SUCCESS]\n`, ` ${obs} [SUCCESS]`)).toBe(true);
    expect(exactMatch(obs, `${obs} [SUCCESS]`)).toBe(false);
    expect(exactMatch(`${obs} [SUCCESS]`, obs)).toBe(false);
    expect(exactMatch(`${obs}  [SUCCESS]`, `${obs} [SUCCESS]`)).toBe(false);
  });

  it("treats empty and all-space strings as equal", () => {
    expect(exactMatch("", "  \n")).toBe(true);
    expect(exactMatch("", "x")).toBe(false);
  });
});
