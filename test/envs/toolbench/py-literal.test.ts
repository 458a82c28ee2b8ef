/**
 * Python literal parsing and printing, checked against what CPython 3 prints (expected strings below were
 * produced with `repr()` / `json.dumps`), and round-tripped over every API doc, Request and label response
 * of the MirrorAPI-Bench prompts (all printed by Python's `str()`).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  dictToRecord,
  isPySet,
  isPyTuple,
  parseJson,
  parseJsonOrPy,
  parsePyLiteral,
  PyLiteralError,
  pyRepr,
  pyStr,
  pyToJson,
  type PyValue,
} from "../../../src/envs/toolbench/py-literal.js";
import { hasShared, sharedPath } from "../../shared-data.js";
import { pyFloatRepr } from "../../../src/util/pyfloat.js";

describe("parsePyLiteral", () => {
  it("reads scalars, with ints exact as bigint and floats as number", () => {
    expect(parsePyLiteral("None")).toBe(null);
    expect(parsePyLiteral("True")).toBe(true);
    expect(parsePyLiteral("False")).toBe(false);
    expect(parsePyLiteral("-12")).toBe(-12n);
    expect(parsePyLiteral("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(parsePyLiteral("1.5e-07")).toBe(1.5e-7);
    expect(parsePyLiteral("inf")).toBe(Infinity);
    expect(parsePyLiteral("-inf")).toBe(-Infinity);
    expect(parsePyLiteral("nan")).toBeNaN();
    expect(parsePyLiteral("  [ 1 ,\n 2 ]  ")).toEqual([1n, 2n]);
  });

  it("reads every Python string escape", () => {
    expect(parsePyLiteral(String.raw`'a\'b"c'`)).toBe(`a'b"c`);
    expect(parsePyLiteral(String.raw`"it's \"x\""`)).toBe(`it's "x"`);
    expect(parsePyLiteral(String.raw`'\n\t\r\\\a\b\f\v\0\101\x41\u00e9\U0001f600'`)).toBe(
      "\n\t\r\\\x07\b\f\v\0AAé😀",
    );
    expect(parsePyLiteral(String.raw`'\d\w'`)).toBe("\\d\\w"); // unknown escapes stay
    expect(parsePyLiteral("'a\\\nb'")).toBe("ab"); // line continuation
  });

  it("reads tuples, sets and dicts with non-string keys", () => {
    const t = parsePyLiteral("(1,)") as PyValue[];
    expect(t).toEqual([1n]);
    expect(isPyTuple(t)).toBe(true);
    expect(parsePyLiteral("(1)")).toBe(1n);
    const s = parsePyLiteral("{1, 2}") as PyValue[];
    expect(isPySet(s)).toBe(true);
    expect(isPySet(parsePyLiteral("set()") as PyValue[])).toBe(true);
    const d = parsePyLiteral("{1: 'a', 'k': [None], 2.5: True}") as Map<PyValue, PyValue>;
    expect([...d.keys()]).toEqual([1n, "k", 2.5]);
    expect(parsePyLiteral("[1, 2,]")).toEqual([1n, 2n]);
  });

  it("keeps dict insertion order even for integer-like keys", () => {
    const s = "{'b': 1, '1': 2, '__proto__': 3}";
    expect(pyRepr(parsePyLiteral(s))).toBe(s);
    const rec = dictToRecord(parsePyLiteral(s))!;
    expect(Object.keys(rec).sort()).toEqual(["1", "__proto__", "b"]);
    expect(rec["__proto__"]).toBe(3n);
  });

  it("names the offset and what was expected", () => {
    const bad: [string, string][] = [
      ["{'a' 1}", "at offset 5: expected ':'"],
      ["[1, 2", "at offset 5: expected ',' or ']', found end of input"],
      ["'abc", "expected closing ' of the string opened at offset 0"],
      ["null", "at offset 0: expected a Python literal"],
      ["'\\x4'", "expected 2 hex digits after \\x"],
      ["01", "a decimal integer without leading zeros"],
      ["1 2", "at offset 2: expected end of input"],
      ["'\\N{BULLET}'", "\\N{...}"],
    ];
    for (const [text, msg] of bad) {
      expect(() => parsePyLiteral(text), text).toThrow(PyLiteralError);
      expect(() => parsePyLiteral(text), text).toThrow(msg);
    }
  });

  it("refuses nesting deeper than 1000 levels instead of overflowing the stack", () => {
    expect(() => parsePyLiteral("[".repeat(100_000))).toThrow("at most 1000 levels of nesting");
    expect(() => parseJson("[".repeat(100_000))).toThrow("at most 1000 levels of nesting");
    expect(parsePyLiteral("[".repeat(999) + "]".repeat(999))).toBeTruthy();
  });
});

describe("pyRepr / pyStr", () => {
  it("prints floats as Python's repr", () => {
    const cases: [number, string][] = [
      [1e16, "1e+16"],
      [1e15, "1000000000000000.0"],
      [0.0001, "0.0001"],
      [0.00001, "1e-05"],
      [1.5e-7, "1.5e-07"],
      [1.2345678901234568e17, "1.2345678901234568e+17"],
      [-0, "-0.0"],
      [1 / 3, "0.3333333333333333"],
      [1e22, "1e+22"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [100, "100.0"],
      [12345.678, "12345.678"],
      [NaN, "nan"],
      [-Infinity, "-inf"],
    ];
    for (const [x, s] of cases) expect(pyFloatRepr(x), s).toBe(s);
  });

  it("quotes and escapes strings as Python's repr", () => {
    expect(pyRepr("it's")).toBe(`"it's"`);
    expect(pyRepr(`a"b'c`)).toBe(String.raw`'a"b\'c'`);
    expect(pyRepr("\x00\x7f\x85\xa0\u2028\ud800é😀\u200b\ue000\u{e0001}")).toBe(
      String.raw`'\x00\x7f\x85\xa0\u2028\ud800é😀\u200b\ue000\U000e0001'`,
    );
    expect(pyRepr("tab\there\\")).toBe(String.raw`'tab\there\\'`);
  });

  it("prints containers as Python's str()", () => {
    expect(pyRepr(parsePyLiteral("(1,)"))).toBe("(1,)");
    expect(pyRepr(parsePyLiteral("()"))).toBe("()");
    expect(pyRepr(parsePyLiteral("{1, 2}"))).toBe("{1, 2}");
    expect(pyRepr(parsePyLiteral("set()"))).toBe("set()");
    expect(pyRepr(parsePyLiteral("{1: 'a', (1, 2): None, 2.5: True}"))).toBe(
      "{1: 'a', (1, 2): None, 2.5: True}",
    );
    expect(pyStr("plain")).toBe("plain");
    expect(pyStr(new Map([["q", "x"]]))).toBe("{'q': 'x'}");
  });
});

describe("JSON", () => {
  it("reads JSON as json.loads does", () => {
    expect(parseJson('{"a": 1, "b": [1.0, -2.5e3, true, null], "c": "\\u00e9\\/"}')).toEqual(
      new Map<PyValue, PyValue>([
        ["a", 1n],
        ["b", [1, -2500, true, null]],
        ["c", "é/"],
      ]),
    );
    expect(parseJson("[NaN, -Infinity, 12345678901234567890]")).toEqual([
      NaN,
      -Infinity,
      12345678901234567890n,
    ]);
    expect(() => parseJson("{'a': 1}")).toThrow("expected a JSON value");
    expect(() => parseJson('"a\nb"')).toThrow("no raw control character");
    expect(() => parseJson("[1,]")).toThrow(PyLiteralError);
    expect(() => parseJson("01")).toThrow("expected end of input");
  });

  it("parseJsonOrPy tries JSON, then Python", () => {
    expect(parseJsonOrPy('{"a": true}')).toEqual(new Map([["a", true]]));
    expect(parseJsonOrPy("{'a': True}")).toEqual(new Map([["a", true]]));
    expect(parseJsonOrPy("{'a': x}")).toBeUndefined();
    // "\/" means "/" in JSON but stays a backslash + slash in Python: JSON wins.
    expect(parseJsonOrPy('"\\/"')).toBe("/");
  });

  it("canonicalJson sorts keys, keeps big ints exact and compares numbers by value", () => {
    const v = parsePyLiteral("{'b': [1, 2.5, None], 'a': {'z': 12345678901234567890, 'y': 'é'}}");
    expect(canonicalJson(v)).toBe('{"a":{"y":"é","z":12345678901234567890},"b":[1,2.5,null]}');
    expect(canonicalJson(parseJson('{"a": 1.0}'))).toBe(canonicalJson(parsePyLiteral("{'a': 1}")));
    expect(canonicalJson({ b: 1, a: [true, "x"] })).toBe('{"a":[true,"x"],"b":1}');
    expect(canonicalJson(parsePyLiteral("{1: 2}"))).toBe('{"1":2}');
  });

  it("pyToJson writes what json.dumps(ensure_ascii=False, compact) writes", () => {
    const v = parsePyLiteral("{'a': 1.0, 'b': [1e-05, inf], 'c': '\\x7f\\u2028\\n'}");
    expect(pyToJson(v)).toBe('{"a":1.0,"b":[1e-05,Infinity],"c":"\x7f\u2028\\n"}');
  });
});

const BENCH = ["toolbench", "mirrorapi-bench"] as const;
const SPLITS = ["id_high", "id_medium", "id_low"];

describe.skipIf(!hasShared(...BENCH))("round trip over the MirrorAPI-Bench prompts", () => {
  it("pyRepr(parsePyLiteral(s)) === s for every API doc, Request and parsable label response", () => {
    let docs = 0;
    let responses = 0;
    let unparsed = 0;
    for (const split of SPLITS) {
      const lines = readFileSync(sharedPath(...BENCH, split, "predictions.jsonl"), "utf8")
        .trim()
        .split("\n");
      for (const line of lines) {
        const row = JSON.parse(line) as { prompt: string; label: string };
        const m =
          /<\|im_start\|>user\nAPI doc:\n([\s\S]*)\n\nRequest:\n([\s\S]*)<\|im_end\|>\n<\|im_start\|>assistant\n$/.exec(
            row.prompt,
          );
        if (m) {
          for (const s of [m[1]!, m[2]!]) {
            expect(pyRepr(parsePyLiteral(s))).toBe(s);
            docs++;
          }
        }
        let label: unknown;
        try {
          label = JSON.parse(row.label);
        } catch {
          continue; // a few labels were cut by the upstream export
        }
        const response = (label as { response: unknown }).response;
        if (typeof response !== "string") continue;
        let v: PyValue;
        try {
          v = parsePyLiteral(response);
        } catch {
          unparsed++;
          continue;
        }
        expect(pyRepr(v)).toBe(response);
        responses++;
      }
    }
    // 297 of the 300 prompts are complete (3 were cut by the export's length limit).
    expect(docs).toBe(2 * 297);
    // Python's ast.literal_eval parses the same 118 responses; the others are cut or plain text.
    expect(responses).toBe(118);
    console.log(
      `round trip: ${docs} doc/request dicts, ${responses} responses (${unparsed} not Python literals)`,
    );
  });
});
