import { pyFloatRepr } from "../../util/pyfloat.js";
/**
 * Python literals as `str()`/`repr()` print them, and the JSON that Python's `json` module reads and writes.
 * StableToolBench keys its cache by `str(args)` and MirrorAPI data hold `str()` of parsed JSON, so both
 * directions must be exact: `pyRepr(parsePyLiteral(s)) === s` for anything Python printed.
 *
 * Representation (chosen so nothing is lost):
 * - int → `bigint` (always, any size); float → `number`;
 * - None → `null`; True/False → `boolean`; str → `string`;
 * - list → array; tuple and set → arrays tagged by `pyTuple()` / `pySet()` (plain arrays elsewhere);
 * - dict → `Map` in insertion order (JS objects would reorder integer-like keys and mangle `__proto__`).
 */

export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyDict;
export type PyDict = Map<PyValue, PyValue>;

const tuples = new WeakSet<PyValue[]>();
const sets = new WeakSet<PyValue[]>();

/** Marks an array as a Python tuple (prints as `(a, b)`); returns it. */
export function pyTuple(items: PyValue[]): PyValue[] {
  tuples.add(items);
  return items;
}
/** Marks an array as a Python set (prints as `{a, b}` / `set()`); returns it. */
export function pySet(items: PyValue[]): PyValue[] {
  sets.add(items);
  return items;
}
export const isPyTuple = (v: PyValue[]): boolean => tuples.has(v);
export const isPySet = (v: PyValue[]): boolean => sets.has(v);

export class PyLiteralError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
    text: string,
  ) {
    const found = offset >= text.length ? "end of input" : JSON.stringify(text.slice(offset, offset + 12));
    super(`at offset ${offset}: expected ${expected}, found ${found}`);
  }
}

/** Deeper input is refused rather than risking the stack (Python's own parsers stop near 1000 too). */
const MAX_DEPTH = 1000;

type Mode = "py" | "json";

class Parser {
  pos = 0;
  depth = 0;
  constructor(
    readonly text: string,
    readonly mode: Mode,
  ) {}

  fail(expected: string, at = this.pos): never {
    throw new PyLiteralError(at, expected, this.text);
  }

  ws(): void {
    const t = this.text;
    const json = this.mode === "json";
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      // JSON whitespace is exactly space/tab/LF/CR; Python also skips form feed and vertical tab.
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || (!json && (c === 0x0c || c === 0x0b)))
        this.pos++;
      else break;
    }
  }

  parseTop(): PyValue {
    this.ws();
    const v = this.value();
    this.ws();
    if (this.pos !== this.text.length) this.fail("end of input");
    return v;
  }

  value(): PyValue {
    const t = this.text;
    if (this.pos >= t.length) this.fail("a value");
    const c = t[this.pos]!;
    if (c === "{" || c === "[" || c === "(") {
      if (++this.depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} levels of nesting`);
      const v = c === "{" ? this.dict() : c === "[" ? this.list() : this.tuple();
      this.depth--;
      return v;
    }
    if (c === '"' || (c === "'" && this.mode === "py"))
      return this.mode === "py" ? this.pyStr() : this.jsonStr();
    if (c === "-" || c === "+" || (c >= "0" && c <= "9") || c === ".") return this.number();
    return this.word();
  }

  /** Keywords: None/True/False/inf/nan/set() in Python; true/false/null/NaN/Infinity in JSON. */
  word(): PyValue {
    const start = this.pos;
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(start, start + 32));
    const w = m?.[0] ?? "";
    const table: Record<string, PyValue> =
      this.mode === "py"
        ? { None: null, True: true, False: false, inf: Infinity, nan: NaN }
        : { null: null, true: true, false: false, NaN: NaN, Infinity: Infinity };
    if (Object.hasOwn(table, w)) {
      this.pos += w.length;
      return table[w]!;
    }
    if (this.mode === "py" && w === "set" && this.text.startsWith("set()", start)) {
      this.pos += 5;
      return pySet([]);
    }
    return this.fail(this.mode === "py" ? "a Python literal" : "a JSON value");
  }

  number(): PyValue {
    const t = this.text;
    const start = this.pos;
    let sign = "";
    if (t[this.pos] === "-" || (t[this.pos] === "+" && this.mode === "py")) {
      sign = t[this.pos]!;
      this.pos++;
      if (this.mode === "py") this.ws();
    }
    const rest = t.slice(this.pos, this.pos + 400);
    if (this.mode === "json") {
      if (rest.startsWith("Infinity")) {
        this.pos += 8;
        return sign === "-" ? -Infinity : Infinity;
      }
      const m = /^(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(rest);
      if (!m) return this.fail("a JSON number", start);
      return this.numberFrom(sign, m[0], m[2] === undefined && m[3] === undefined);
    }
    if (rest.startsWith("inf") || rest.startsWith("nan")) {
      this.pos += 3;
      if (rest.startsWith("nan")) return NaN;
      return sign === "-" ? -Infinity : Infinity;
    }
    const m =
      /^(?:([0-9]+)(?![0-9.eEjJ_xXoObB])|([0-9]+\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?|[0-9]+[eE][+-]?[0-9]+)/.exec(
        rest,
      );
    if (!m) return this.fail("a number", start);
    if (m[1] !== undefined && m[1].length > 1 && m[1].startsWith("0") && /[^0]/.test(m[1]))
      this.fail("a decimal integer without leading zeros", start);
    return this.numberFrom(sign, m[0], m[1] !== undefined);
  }

  numberFrom(sign: string, digits: string, isInt: boolean): PyValue {
    this.pos += digits.length;
    if (isInt) return sign === "-" ? -BigInt(digits) : BigInt(digits);
    const x = Number(digits);
    return sign === "-" ? -x : x;
  }

  list(): PyValue[] {
    this.pos++; // [
    return this.items("]", []);
  }

  tuple(): PyValue {
    if (this.mode === "json") return this.fail("a JSON value");
    this.pos++; // (
    this.ws();
    if (this.text[this.pos] === ")") {
      this.pos++;
      return pyTuple([]);
    }
    const first = this.value();
    this.ws();
    if (this.text[this.pos] === ")") {
      this.pos++;
      return first; // a parenthesised value, not a tuple
    }
    if (this.text[this.pos] !== ",") this.fail("',' or ')'");
    this.pos++;
    return pyTuple(this.items(")", [first]));
  }

  /** The rest of a comma-separated sequence up to `close`; Python allows a trailing comma, JSON does not. */
  items(close: string, out: PyValue[]): PyValue[] {
    this.ws();
    if (this.text[this.pos] === close && (out.length === 0 || this.mode === "py")) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return out;
      }
      if (c !== ",") this.fail(`',' or '${close}'`);
      this.pos++;
      this.ws();
      if (this.mode === "py" && this.text[this.pos] === close) {
        this.pos++;
        return out;
      }
    }
  }

  dict(): PyValue {
    this.pos++; // {
    this.ws();
    const out: PyDict = new Map();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (let first = true; ; first = false) {
      const keyAt = this.pos;
      const key = this.value();
      if (this.mode === "json" && typeof key !== "string") this.fail("a string key", keyAt);
      this.ws();
      if (first && this.mode === "py" && (this.text[this.pos] === "," || this.text[this.pos] === "}")) {
        // `{a, b}` is a set.
        return pySet(
          this.text[this.pos] === "}" ? (this.pos++, [key]) : (this.pos++, this.items("}", [key])),
        );
      }
      if (this.text[this.pos] !== ":") this.fail("':'");
      this.pos++;
      this.ws();
      const v = this.value();
      // Like Python: a repeated key keeps its first position and takes the last value.
      out.set(key, v);
      this.ws();
      const c = this.text[this.pos];
      if (c === "}") {
        this.pos++;
        return out;
      }
      if (c !== ",") this.fail("',' or '}'");
      this.pos++;
      this.ws();
      if (this.mode === "py" && this.text[this.pos] === "}") {
        this.pos++;
        return out;
      }
    }
  }

  hex(n: number, what: string): number {
    const h = this.text.slice(this.pos, this.pos + n);
    if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) this.fail(`${n} hex digits after ${what}`);
    this.pos += n;
    return parseInt(h, 16);
  }

  pyStr(): string {
    const t = this.text;
    const q = t[this.pos]!;
    const start = this.pos;
    this.pos++;
    let out = "";
    let run = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail(`closing ${q} of the string opened at offset ${start}`);
      const c = t[this.pos]!;
      if (c === q) {
        out += t.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c === "\n") this.fail(`closing ${q} before a line break (string opened at offset ${start})`);
      if (c !== "\\") {
        this.pos++;
        continue;
      }
      out += t.slice(run, this.pos);
      const e = t[this.pos + 1];
      this.pos += 2;
      switch (e) {
        case "\n":
          break; // line continuation
        case "\\":
        case "'":
        case '"':
          out += e;
          break;
        case "a":
          out += "\x07";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "v":
          out += "\v";
          break;
        case "x":
          out += String.fromCharCode(this.hex(2, "\\x"));
          break;
        case "u":
          out += String.fromCharCode(this.hex(4, "\\u"));
          break;
        case "U": {
          const cp = this.hex(8, "\\U");
          if (cp > 0x10ffff) this.fail("a code point up to U+10FFFF after \\U", this.pos - 8);
          out += String.fromCodePoint(cp);
          break;
        }
        case "N":
          this.fail("an escape other than \\N{...} (Unicode names are not supported)", this.pos - 2);
          break;
        case undefined:
          this.fail("an escaped character");
          break;
        default:
          if (e >= "0" && e <= "7") {
            const m = /^[0-7]{1,3}/.exec(t.slice(this.pos - 1, this.pos + 2))![0];
            this.pos += m.length - 1;
            out += String.fromCharCode(parseInt(m, 8));
          } else out += "\\" + e; // Python keeps unknown escapes as written
      }
      run = this.pos;
    }
  }

  /** A JSON string as Python's json.loads reads it (strict: no raw control characters). */
  jsonStr(): string {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    let out = "";
    let run = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail(`closing '"' of the string opened at offset ${start}`);
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(run, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.fail("no raw control character inside a JSON string");
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(run, this.pos);
      const e = t[this.pos + 1];
      this.pos += 2;
      const simple: Record<string, string> = {
        '"': '"',
        "\\": "\\",
        "/": "/",
        b: "\b",
        f: "\f",
        n: "\n",
        r: "\r",
        t: "\t",
      };
      if (e === "u") out += String.fromCharCode(this.hex(4, "\\u"));
      else if (e !== undefined && Object.hasOwn(simple, e)) out += simple[e];
      else this.fail('a JSON escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', this.pos - 2);
      run = this.pos;
    }
  }
}

/** Parses what Python's `str()`/`repr()` prints for literal data; throws PyLiteralError. */
export function parsePyLiteral(text: string): PyValue {
  return new Parser(text, "py").parseTop();
}

/** Parses JSON as Python's `json.loads` does (NaN/Infinity accepted, ints exact); throws PyLiteralError. */
export function parseJson(text: string): PyValue {
  return new Parser(text, "json").parseTop();
}

/** `parse(text)`, or undefined where it throws PyLiteralError (other errors propagate). */
export function tryParse(parse: (text: string) => PyValue, text: string): PyValue | undefined {
  try {
    return parse(text);
  } catch (e) {
    if (!(e instanceof PyLiteralError)) throw e;
    return undefined;
  }
}

/** JSON first (as `json.loads` would), then a Python literal; undefined when it is neither. */
export function parseJsonOrPy(text: string): PyValue | undefined {
  return tryParse(parseJson, text) ?? tryParse(parsePyLiteral, text);
}

// Python's str.isprintable() is false for categories Cc Cf Cs Co Cn Zl Zp Zs (except the space itself).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** Python's `repr(str)`: single quotes unless the text has ' and no ". */
export function pyStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (PLAIN_ASCII.test(s) && !s.includes("\\") && !s.includes(q)) return q + s + q;
  let out = q;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp < 0x7f || (cp !== 0x20 && !NON_PRINTABLE.test(ch))) out += ch;
    else if (cp <= 0xff) out += "\\x" + cp.toString(16).padStart(2, "0");
    else if (cp <= 0xffff) out += "\\u" + cp.toString(16).padStart(4, "0");
    else out += "\\U" + cp.toString(16).padStart(8, "0");
  }
  return out + q;
}

/** Python's `repr()` of the value (for containers the same as `str()`). */
export function pyRepr(v: PyValue): string {
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return pyFloatRepr(v);
  if (typeof v === "string") return pyStrRepr(v);
  if (Array.isArray(v)) {
    const inner = v.map(pyRepr).join(", ");
    if (tuples.has(v)) return v.length === 1 ? `(${inner},)` : `(${inner})`;
    if (sets.has(v)) return v.length === 0 ? "set()" : `{${inner}}`;
    return `[${inner}]`;
  }
  const parts: string[] = [];
  for (const [k, x] of v) parts.push(`${pyRepr(k)}: ${pyRepr(x)}`);
  return `{${parts.join(", ")}}`;
}

/** Python's `str()`: a string is itself, anything else its repr. */
export function pyStr(v: PyValue): string {
  return typeof v === "string" ? v : pyRepr(v);
}

/** A dict key as `json.dumps` turns it into a string. */
function jsonKey(k: unknown): string {
  if (typeof k === "string") return k;
  if (k === null) return "null";
  if (typeof k === "boolean") return k ? "true" : "false";
  if (typeof k === "bigint") return k.toString();
  if (typeof k === "number") return pyFloatRepr(k);
  return Array.isArray(k) ? pyRepr(k as PyValue) : String(k);
}

function entriesOf(v: object): [string, unknown][] {
  if (v instanceof Map) return [...(v as Map<unknown, unknown>)].map(([k, x]) => [jsonKey(k), x]);
  return Object.entries(v);
}

function floatJson(x: number, pyStyle: boolean): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (pyStyle) return pyFloatRepr(x);
  // Canonical form compares values: an integral float is written as the integer it equals.
  return Number.isInteger(x) ? BigInt(x).toString() : JSON.stringify(x);
}

interface JsonStyle {
  sortKeys: boolean;
  /** Floats as Python's repr writes them (`1.0`); otherwise integral floats as integers. */
  pyFloats: boolean;
  /** Python's ensure_ascii: every non-ASCII code unit as \uXXXX. */
  ascii: boolean;
  itemSep: string;
  keySep: string;
}

const NON_ASCII = /[\u0080-\uffff]/g;

function jsonString(s: string, ascii: boolean): string {
  const text = JSON.stringify(s);
  return ascii ? text.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : text;
}

function writeJson(v: unknown, st: JsonStyle, out: string[]): void {
  if (v === null || v === undefined) out.push("null");
  else if (typeof v === "boolean") out.push(v ? "true" : "false");
  else if (typeof v === "bigint") out.push(v.toString());
  else if (typeof v === "number") out.push(floatJson(v, st.pyFloats));
  else if (typeof v === "string") out.push(jsonString(v, st.ascii));
  else if (Array.isArray(v)) {
    out.push("[");
    v.forEach((x, i) => {
      if (i) out.push(st.itemSep);
      writeJson(x, st, out);
    });
    out.push("]");
  } else if (typeof v === "object") {
    const es = entriesOf(v);
    if (st.sortKeys) es.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out.push("{");
    es.forEach(([k, x], i) => {
      if (i) out.push(st.itemSep);
      out.push(jsonString(k, st.ascii), st.keySep);
      writeJson(x, st, out);
    });
    out.push("}");
  } else out.push(jsonString(String(v), st.ascii));
}

const json = (v: unknown, st: JsonStyle) => {
  const out: string[] = [];
  writeJson(v, st, out);
  return out.join("");
};

/**
 * Canonical JSON for comparing and keying values: object keys sorted by code unit, no whitespace, ints
 * exact. Values compare mathematically — an integral float is written as that integer, so `1` and `1.0`
 * (and a JS number parsed from JSON) give the same text. Maps, arrays and plain objects are accepted.
 */
export function canonicalJson(v: PyValue | unknown): string {
  return json(v, { sortKeys: true, pyFloats: false, ascii: false, itemSep: ",", keySep: ":" });
}

/**
 * JSON as Python's `json.dumps(v, ensure_ascii=False, separators=(",", ":"))` writes it (what FastAPI
 * sends): insertion order, floats in Python's repr (`1.0`, `1e-05`), ints exact.
 */
export function pyToJson(v: PyValue): string {
  return json(v, { sortKeys: false, pyFloats: true, ascii: false, itemSep: ",", keySep: ":" });
}

/** JSON as Python's `json.dumps(v)` writes it by default: `", "` and `": "`, non-ASCII escaped. */
export function pyJsonDumps(v: PyValue): string {
  return json(v, { sortKeys: false, pyFloats: true, ascii: true, itemSep: ", ", keySep: ": " });
}

/** A dict with string keys as a plain record (null prototype, so any key is safe); undefined otherwise. */
export function dictToRecord(v: PyValue): Record<string, PyValue> | undefined {
  if (!(v instanceof Map)) return undefined;
  const rec = Object.create(null) as Record<string, PyValue>;
  for (const [k, x] of v) {
    if (typeof k !== "string") return undefined;
    rec[k] = x;
  }
  return rec;
}
