/**
 * The part of PDDL that ALFWorld problem files use: typed `:objects`, ground `:init` atoms and a `:goal`
 * formula built from and/or/not/exists/forall/=. Every token is lowercased, as Fast Downward does, so the
 * names here are the engine's runtime names.
 */

export type SExpr = string | SExpr[];

export class PddlSyntaxError extends Error {}

export function parseSExpr(text: string): SExpr[] {
  const out: SExpr[] = [];
  const stack: SExpr[][] = [out];
  const tokenRe = /;[^\n]*|\(|\)|[^\s()]+/g;
  for (const match of text.matchAll(tokenRe)) {
    const tok = match[0];
    if (tok.startsWith(";")) continue;
    if (tok === "(") {
      const list: SExpr[] = [];
      stack[stack.length - 1]!.push(list);
      stack.push(list);
    } else if (tok === ")") {
      if (stack.length === 1) throw new PddlSyntaxError(`unbalanced ')' at offset ${match.index}`);
      stack.pop();
    } else {
      stack[stack.length - 1]!.push(tok.toLowerCase());
    }
  }
  if (stack.length !== 1) throw new PddlSyntaxError(`${stack.length - 1} unclosed '('`);
  return out;
}

export type Atom = { pred: string; args: string[] };

export type Formula =
  | { kind: "atom"; pred: string; args: string[] }
  | { kind: "eq"; left: string; right: string }
  | { kind: "not"; arg: Formula }
  | { kind: "and"; args: Formula[] }
  | { kind: "or"; args: Formula[] }
  | { kind: "exists" | "forall"; vars: { name: string; type: string }[]; body: Formula };

export interface PddlProblem {
  objects: Map<string, string>;
  init: Atom[];
  goal: Formula;
}

function isList(e: SExpr | undefined): e is SExpr[] {
  return Array.isArray(e);
}

function parseTypedList(items: SExpr[], where: string): { name: string; type: string }[] {
  const out: { name: string; type: string }[] = [];
  let pending: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item !== "string") throw new PddlSyntaxError(`${where}: expected a name, got a list`);
    if (item === "-") {
      const type = items[++i];
      if (typeof type !== "string") throw new PddlSyntaxError(`${where}: '-' not followed by a type`);
      for (const name of pending) out.push({ name, type });
      pending = [];
    } else {
      pending.push(item);
    }
  }
  for (const name of pending) out.push({ name, type: "object" });
  return out;
}

function parseFormula(e: SExpr, where: string): Formula {
  if (!isList(e) || e.length === 0) throw new PddlSyntaxError(`${where}: expected a formula`);
  const [head, ...rest] = e;
  if (typeof head !== "string") throw new PddlSyntaxError(`${where}: formula head must be a name`);
  switch (head) {
    case "and":
    case "or":
      return { kind: head, args: rest.map((r) => parseFormula(r, where)) };
    case "not":
      if (rest.length !== 1) throw new PddlSyntaxError(`${where}: 'not' takes one argument`);
      return { kind: "not", arg: parseFormula(rest[0]!, where) };
    case "exists":
    case "forall": {
      const [vars, body] = rest;
      if (!isList(vars) || body === undefined) throw new PddlSyntaxError(`${where}: malformed '${head}'`);
      return { kind: head, vars: parseTypedList(vars, where), body: parseFormula(body, where) };
    }
    case "=": {
      const [left, right] = rest;
      if (typeof left !== "string" || typeof right !== "string")
        throw new PddlSyntaxError(`${where}: '=' takes two names`);
      return { kind: "eq", left, right };
    }
    default:
      if (!rest.every((r): r is string => typeof r === "string"))
        throw new PddlSyntaxError(`${where}: atom '${head}' has a non-name argument`);
      return { kind: "atom", pred: head, args: rest };
  }
}

/** Parses a `(define (problem …) …)` text. Errors say which section is wrong. */
export function parseProblem(text: string): PddlProblem {
  const top = parseSExpr(text);
  const define = top.find((e): e is SExpr[] => isList(e) && e[0] === "define");
  if (!define) throw new PddlSyntaxError("no (define …) form");
  const section = (name: string): SExpr[] => {
    const s = define.find((e): e is SExpr[] => isList(e) && e[0] === name);
    if (!s) throw new PddlSyntaxError(`missing ${name} section`);
    return s.slice(1);
  };
  const objects = new Map<string, string>();
  for (const { name, type } of parseTypedList(section(":objects"), ":objects")) objects.set(name, type);
  const init: Atom[] = [];
  for (const fact of section(":init")) {
    if (!isList(fact) || typeof fact[0] !== "string")
      throw new PddlSyntaxError(":init: expected ground atoms");
    const [pred, ...args] = fact;
    // Numeric fluents (`(= (distance …) n)`) carry no state the text game reads.
    if (pred === "=") continue;
    if (!args.every((a): a is string => typeof a === "string"))
      throw new PddlSyntaxError(`:init: atom '${pred}' has a non-name argument`);
    init.push({ pred, args });
  }
  const goalBody = section(":goal");
  if (goalBody.length !== 1) throw new PddlSyntaxError(":goal: expected one formula");
  return { objects, init, goal: parseFormula(goalBody[0]!, ":goal") };
}
