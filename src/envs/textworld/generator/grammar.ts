/**
 * TextWorld text grammars (`*.twg`): one `symbol:alt1;alt2;...` per line, `#` comment lines, `#sym#`
 * non-terminals, `adj|noun` names and `A <-> B` matched pairs. A symbol defined twice keeps its later
 * definition (house_room.twg redefines `inform7`, which is why containers read "an opened").
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Rng } from "./rng.js";

export class GrammarError extends Error {}

const TAG = /#([^#\s]+)#/g;

export class Grammar {
  constructor(readonly rules: ReadonlyMap<string, readonly string[]>) {}

  has(symbol: string): boolean {
    return this.rules.has(stripHashes(symbol));
  }

  /** Expands every `#tag#`: a random remaining tag at a time, all its occurrences to one random alternative. */
  expand(text: string, rng: Rng): string {
    let out = text;
    for (let steps = 0; ; steps++) {
      const tags = [...out.matchAll(TAG)];
      if (tags.length === 0) return out;
      if (steps > 20000) throw new GrammarError(`grammar expansion does not terminate: '${text}'`);
      const tag = rng.choice(tags);
      const alts = this.rules.get(tag[1]!);
      if (!alts) throw new GrammarError(`unknown grammar symbol '${tag[0]}' while expanding '${text}'`);
      // Every occurrence takes the same expansion: that is what keeps a matched pair's names alike
      // ("type 9 key" <-> "type 9 box").
      out = out.split(tag[0]).join(rng.choice(alts));
    }
  }
}

function stripHashes(symbol: string): string {
  return symbol.startsWith("#") && symbol.endsWith("#") && symbol.length > 1 ? symbol.slice(1, -1) : symbol;
}

/** Parses grammar text; `source` names the file in errors. Empty alternatives are dropped, as upstream's parser does. */
export function parseGrammar(
  text: string,
  source: string,
  into = new Map<string, string[]>(),
): Map<string, string[]> {
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const colon = line.indexOf(":");
    if (colon < 0)
      throw new GrammarError(`${source}:${i + 1}: expected 'symbol:alternatives', got '${line}'`);
    const symbol = line.slice(0, colon).trim();
    const alts = line
      .slice(colon + 1)
      .split(";")
      .filter((a) => a !== "");
    if (symbol === "" || alts.length === 0)
      throw new GrammarError(`${source}:${i + 1}: empty symbol or rule`);
    into.set(symbol, alts);
  });
  return into;
}

/** Loads every `<theme>_*.twg` file of a grammar folder, in file-name order. */
export function loadGrammar(dir: string, theme = "house"): Grammar {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.startsWith(`${theme}_`) && f.endsWith(".twg"))
      .sort();
  } catch (e) {
    throw new GrammarError(`cannot read text grammars in ${dir}: ${(e as Error).message}`);
  }
  if (files.length === 0) throw new GrammarError(`no ${theme}_*.twg grammar files in ${dir}`);
  const rules = new Map<string, string[]>();
  for (const f of files) parseGrammar(readFileSync(join(dir, f), "utf8"), join(dir, f), rules);
  return new Grammar(rules);
}

export interface SplitName {
  name: string;
  adj: string | null;
  noun: string;
}

/** `adj | noun` → the entity's name; without `includeAdj` the adjective is dropped from the name. */
export function splitName(text: string, includeAdj: boolean): SplitName {
  const bar = text.indexOf("|");
  if (bar < 0) {
    const noun = text.trim();
    return { name: noun, adj: null, noun };
  }
  const adj = text.slice(0, bar).trim();
  const noun = text.slice(bar + 1).trim();
  if (!includeAdj || !adj) return { name: noun, adj: null, noun };
  return { name: `${adj} ${noun}`, adj, noun };
}

/** Upstream's fix_determinant: " a" before a lower-case vowel becomes " an" ("An usual one." included). */
export function fixDeterminant(text: string): string {
  return text.replace(/ ([aA]) (?=[aeiou])/g, " $1n ");
}
