/**
 * The Inform 7 text that TextWorld stores in game files: compile-time whitespace folding, and the
 * bracketed substitutions its descriptions use ([if c_1 is open]…[else if …]…[otherwise]…[end if],
 * [a list of things in the c_1], [line break]), evaluated against the world.
 */
import type { World } from "./world.js";

type Node =
  | { kind: "text"; text: string }
  | { kind: "list"; relation: "in" | "on"; holder: string }
  | { kind: "if"; branches: { cond: Condition | null; body: Node[] }[] };

type Condition = (world: World, self: string | undefined) => boolean;

export class InformTextError extends Error {}

/** Inform folds a source text's whitespace: a run holding blank lines keeps its line breaks, one line break is a space. */
export function foldWhitespace(text: string): string {
  return text.replace(/[ \t]*\n\s*/g, (run) => {
    const breaks = run.match(/\n/g)!.length;
    return breaks >= 2 ? "\n".repeat(breaks) : " ";
  });
}

const ID = "([a-zA-Z]_\\d+|[a-zA-Z]+_\\d+)";

/** Inform's openness: "closed" is "not open", so a locked thing is closed too. */
function isState(w: World, id: string, state: string): boolean {
  const o = w.openness.get(id);
  return state === "closed" ? o !== "open" : o === state;
}

function parseCondition(src: string): Condition {
  const s = src.trim();
  let m: RegExpExecArray | null;
  const parts = s.split(/ and /);
  if (parts.length > 1) {
    const conds = parts.map(parseCondition);
    return (w, self) => conds.every((c) => c(w, self));
  }
  if ((m = new RegExp(`^${ID} is (open|closed|locked)$`).exec(s))) {
    const [, id, state] = m as unknown as [string, string, string];
    return (w) => isState(w, id, state);
  }
  if ((m = /^(open|closed|locked)$/.exec(s))) {
    const state = m[1]!;
    return (w, self) => self !== undefined && isState(w, self, state);
  }
  if ((m = new RegExp(`^there is (something|nothing) (in|on) the ${ID}$`).exec(s))) {
    const [, what, , id] = m as unknown as [string, string, string, string];
    return (w) => w.contents(id).length > 0 === (what === "something");
  }
  if ((m = new RegExp(`^the ${ID} contains nothing$`).exec(s))) {
    const id = m[1]!;
    return (w) => w.contents(id).length === 0;
  }
  throw new InformTextError(`unsupported Inform condition '[if ${s}]'`);
}

/** Inform prints a single quote as a double quote unless it stands between two letters (an apostrophe). */
export function informQuotes(text: string): string {
  return text.replace(/'/g, (q, i: number) =>
    /\p{L}/u.test(text[i - 1] ?? "") && /\p{L}/u.test(text[i + 1] ?? "") ? q : '"',
  );
}

/** Parses a stored text into a tree; unknown substitutions are errors, so no game prints them raw. */
export function parseInformText(source: string): Node[] {
  const text = informQuotes(foldWhitespace(source));
  const root: Node[] = [];
  const stack: { node: Extract<Node, { kind: "if" }>; body: Node[] }[] = [];
  const current = () => (stack.length ? stack[stack.length - 1]!.body : root);
  const re = /\[([^\]]*)\]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index > last) current().push({ kind: "text", text: text.slice(last, m.index) });
    last = re.lastIndex;
    const sub = m[1]!.trim();
    let lm: RegExpExecArray | null;
    if (sub.startsWith("if ")) {
      const node: Extract<Node, { kind: "if" }> = { kind: "if", branches: [] };
      const body: Node[] = [];
      node.branches.push({ cond: parseCondition(sub.slice(3)), body });
      current().push(node);
      stack.push({ node, body });
    } else if (sub.startsWith("else if ") || sub === "otherwise" || sub === "else") {
      const top = stack.pop();
      if (!top) throw new InformTextError(`'[${sub}]' outside an [if]`);
      const body: Node[] = [];
      top.node.branches.push({
        cond: sub.startsWith("else if ") ? parseCondition(sub.slice(8)) : null,
        body,
      });
      stack.push({ node: top.node, body });
    } else if (sub === "end if") {
      if (!stack.pop()) throw new InformTextError("'[end if]' without an [if]");
    } else if ((lm = new RegExp(`^a list of things (in|on) the ${ID}$`).exec(sub))) {
      current().push({ kind: "list", relation: lm[1] as "in" | "on", holder: lm[2]! });
    } else if (sub === "line break") {
      current().push({ kind: "text", text: "\n" });
    } else throw new InformTextError(`unsupported Inform substitution '[${sub}]'`);
  }
  if (stack.length) throw new InformTextError("[if] without [end if]");
  if (last < text.length) current().push({ kind: "text", text: text.slice(last) });
  return root;
}

export function renderInformText(
  nodes: readonly Node[],
  world: World,
  self: string | undefined,
  list: (ids: readonly string[]) => string,
): string {
  let out = "";
  for (const n of nodes) {
    if (n.kind === "text") out += n.text;
    else if (n.kind === "list") out += list(world.contents(n.holder));
    else {
      const branch = n.branches.find((b) => b.cond === null || b.cond(world, self));
      if (branch) out += renderInformText(branch.body, world, self, list);
    }
  }
  return out;
}

export type InformText = Node[];
