/**
 * TextWorld's logic language (`*.twl`, the `KB.logic` text of a game file): types, predicates, rules
 * with their command templates, reverse rules and constraints. Parsed once per distinct logic text.
 */

export interface Variable {
  name: string;
  type: string;
}

export interface Proposition {
  name: string;
  args: Variable[];
}

export interface Rule {
  name: string;
  /** All preconditions, kept ones (`$`) included. */
  preconditions: Proposition[];
  /** All postconditions, kept preconditions included (as TextWorld's Rule has them). */
  postconditions: Proposition[];
  /** The player's command, e.g. "take {o} from {c}"; absent for rules without an inform7 command. */
  command?: string;
  /** Inform's action event, e.g. "removing the {o} from the {c}". */
  event?: string;
}

export interface TypeDef {
  name: string;
  parent?: string;
  /** Inform 7 kind, e.g. "container". */
  kind?: string;
}

export interface Logic {
  types: Map<string, TypeDef>;
  rules: Rule[];
  /** The rules that have a player command (the ones admissible commands come from). */
  commandRules: Rule[];
  /** Constraint rules (`... -> fail()`), kept for generators that must respect them. */
  constraints: Rule[];
  reverseRules: Map<string, string>;
  /** Derived predicates, e.g. south_of(r, r') = north_of(r', r). */
  aliases: Map<string, { params: Variable[]; target: Proposition }>;
  isSubtype(type: string, ancestor: string): boolean;
}

export class LogicParseError extends Error {}

interface Block {
  header: string;
  body: (Block | string)[];
}

/** Splits the text into nested `header { ... }` blocks whose leaves are `;`-terminated statements. */
function parseBlocks(text: string): Block[] {
  const src = text.replace(/#[^\n]*/g, "");
  let i = 0;
  const parse = (depth: number): (Block | string)[] => {
    const out: (Block | string)[] = [];
    let buf = "";
    while (i < src.length) {
      const ch = src[i++]!;
      if (ch === '"') {
        const end = src.indexOf('"', i);
        if (end < 0) throw new LogicParseError("unterminated string in logic text");
        buf += src.slice(i - 1, end + 1);
        i = end + 1;
      } else if (ch === "{") {
        const header = buf.trim();
        buf = "";
        out.push({ header, body: parse(depth + 1) });
      } else if (ch === "}") {
        if (depth === 0) throw new LogicParseError("unbalanced '}' in logic text");
        if (buf.trim()) throw new LogicParseError(`statement without ';' before '}': ${buf.trim()}`);
        return out;
      } else if (ch === ";") {
        out.push(buf.trim());
        buf = "";
      } else buf += ch;
    }
    if (depth !== 0) throw new LogicParseError("unbalanced '{' in logic text");
    if (buf.trim()) throw new LogicParseError(`trailing text in logic: ${buf.trim()}`);
    return out;
  };
  return parse(0).filter((b): b is Block => typeof b !== "string");
}

/** A variable as written in a rule: `r'`, `d1: d`, `P`. Its type is the name less primes unless given. */
function parseVariable(text: string): Variable {
  const t = text.trim();
  const colon = t.indexOf(":");
  if (colon >= 0) return { name: t.slice(0, colon).trim(), type: t.slice(colon + 1).trim() };
  return { name: t, type: t.replace(/'+$/, "") };
}

function parseProposition(text: string): Proposition {
  const m = /^\s*([\w/]+)\s*\((.*)\)\s*$/s.exec(text);
  if (!m) throw new LogicParseError(`not a proposition: '${text.trim()}'`);
  const args = m[2]!.trim() === "" ? [] : m[2]!.split(",").map(parseVariable);
  return { name: m[1]!, args };
}

function sameProposition(a: Proposition, b: Proposition): boolean {
  return (
    a.name === b.name && a.args.length === b.args.length && a.args.every((v, k) => v.name === b.args[k]!.name)
  );
}

/** `name :: a & $b -> c & d` (a rule) — `$` marks a precondition that holds afterwards too. */
function parseRule(statement: string): Rule {
  const sep = statement.indexOf("::");
  if (sep < 0) throw new LogicParseError(`rule without '::': ${statement}`);
  const name = statement.slice(0, sep).trim();
  const [lhs, rhs] = statement.slice(sep + 2).split("->");
  if (lhs === undefined || rhs === undefined) throw new LogicParseError(`rule '${name}' without '->'`);
  const preconditions: Proposition[] = [];
  const kept: Proposition[] = [];
  for (const part of lhs.split("&")) {
    const p = part.trim();
    if (!p) continue;
    if (p.startsWith("$")) {
      const prop = parseProposition(p.slice(1));
      preconditions.push(prop);
      kept.push(prop);
    } else preconditions.push(parseProposition(p));
  }
  const postconditions: Proposition[] = [];
  for (const part of rhs.split("&")) {
    const p = part.trim();
    if (p && p !== "fail()") postconditions.push(parseProposition(p));
  }
  for (const k of kept) if (!postconditions.some((q) => sameProposition(q, k))) postconditions.push(k);
  return { name, preconditions, postconditions };
}

function strings(statement: string): string[] {
  return [...statement.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
}

export function parseLogic(text: string): Logic {
  const types = new Map<string, TypeDef>();
  const rules: Rule[] = [];
  const constraints: Rule[] = [];
  const reverseRules = new Map<string, string>();
  const aliases: Logic["aliases"] = new Map();
  const commands = new Map<string, { command: string; event: string }>();

  for (const block of parseBlocks(text)) {
    const m = /^type\s+(\w+)(?:\s*:\s*(\w+))?$/.exec(block.header);
    if (!m) throw new LogicParseError(`expected 'type <name> [: <parent>]', got '${block.header}'`);
    const def: TypeDef = { name: m[1]!, ...(m[2] ? { parent: m[2] } : {}) };
    types.set(def.name, def);
    for (const section of block.body) {
      if (typeof section === "string")
        throw new LogicParseError(`statement outside a section in type ${def.name}`);
      const statements = section.body.filter((s): s is string => typeof s === "string" && s !== "");
      switch (section.header) {
        case "predicates":
          for (const s of statements) {
            const eq = s.indexOf("=");
            if (eq >= 0) {
              const head = parseProposition(s.slice(0, eq));
              aliases.set(head.name, { params: head.args, target: parseProposition(s.slice(eq + 1)) });
            }
          }
          break;
        case "rules":
          for (const s of statements) rules.push(parseRule(s));
          break;
        case "constraints":
          for (const s of statements) constraints.push(parseRule(s));
          break;
        case "reverse_rules":
          for (const s of statements) {
            const [a, b] = s.split("::").map((x) => x.trim());
            if (!a || !b) throw new LogicParseError(`bad reverse rule '${s}'`);
            reverseRules.set(a, b);
          }
          break;
        case "inform7":
          for (const sub of section.body) {
            if (typeof sub === "string") continue;
            const subStatements = sub.body.filter((s): s is string => typeof s === "string");
            if (sub.header === "type") {
              for (const s of subStatements) if (s.trim().startsWith("kind")) def.kind = strings(s)[0];
            } else if (sub.header === "commands") {
              for (const s of subStatements) {
                const name = s.slice(0, s.indexOf("::")).trim();
                const [command, event] = strings(s);
                if (command === undefined || event === undefined)
                  throw new LogicParseError(`inform7 command '${name}' needs a template and an event`);
                commands.set(name, { command, event });
              }
            }
          }
          break;
        default:
          throw new LogicParseError(`unknown section '${section.header}' in type ${def.name}`);
      }
    }
  }
  // TextWorld writes rules in canonical predicates: south_of(r', r) becomes north_of(r, r').
  const canonical = (p: Proposition): Proposition => {
    const alias = aliases.get(p.name);
    if (!alias) return p;
    const bind = new Map(alias.params.map((v, i) => [v.name, p.args[i]!]));
    return { name: alias.target.name, args: alias.target.args.map((v) => bind.get(v.name) ?? v) };
  };
  for (const r of [...rules, ...constraints]) {
    r.preconditions = r.preconditions.map(canonical);
    r.postconditions = r.postconditions.map(canonical);
  }
  for (const r of rules) {
    const c = commands.get(r.name);
    if (c) {
      r.command = c.command;
      r.event = c.event;
    }
  }
  const ancestors = new Map<string, Set<string>>();
  const isSubtype = (type: string, ancestor: string): boolean => {
    let set = ancestors.get(type);
    if (!set) {
      set = new Set();
      for (let t: string | undefined = type; t !== undefined && !set.has(t); t = types.get(t)?.parent)
        set.add(t);
      ancestors.set(type, set);
    }
    return set.has(ancestor);
  };
  const commandRules = rules.filter((r) => r.command !== undefined);
  return { types, rules, commandRules, constraints, reverseRules, aliases, isSubtype };
}
