/**
 * The hidden initial-state description the reference gives ALFWorld's world model (Word2World's
 * `collect_wm_instruct_alfworld.py`, the paper's Figure 8): every receptacle that holds something or can
 * be opened, with its contents, then the on/off state of every toggleable object. Its quirks are kept:
 * lines sorted as strings ("cabinet 10" before "cabinet 2"), contents joined by ", a " without "and",
 * no final period on non-empty lines, and receptacles that are empty and not openable left out.
 */
import type { World } from "./world.js";

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function initialStateText(world: World): string {
  const s = world.initial;
  const name = (i: number) => world.names[i]!;
  const lines: string[] = [];
  const recepLines: { label: string; line: string }[] = [];
  for (const r of world.receptacles) {
    const contents = (s.contents.get(r) ?? []).map(name).sort(byString);
    const openable = world.openable[r] === 1;
    const opened = s.opened[r] === 1;
    if (contents.length === 0 && !openable && !opened) continue;
    const label = name(r);
    const seen = contents.length > 0 ? "a " + contents.join(", a ") : "";
    let line: string;
    if (opened) {
      line = seen
        ? `${label} is opened, on the ${label}, you see ${seen}`
        : `${label} is opened, in it, you see nothing.`;
    } else if (openable) {
      line = seen
        ? `${label} is closed, if opened, on the ${label}, you see ${seen}`
        : `${label} is closed, if opened, in it, you see nothing.`;
    } else {
      line = `On the ${label}, you see ${seen}`;
    }
    recepLines.push({ label, line });
  }
  recepLines.sort((a, b) => byString(a.label, b.label));
  const toggles = world.objects
    .filter((i) => world.toggleable[i] === 1)
    .map((i) => `${name(i)} is ${s.toggled[i] ? "on" : "off"}`)
    .sort(byString);
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    if (lines.length > 0) lines.push("");
    lines.push(title, ...items.map((l) => ` - ${l}`));
  };
  section(
    "=== Objects on Receptacles ===",
    recepLines.map((r) => r.line),
  );
  section("=== Toggle States ===", toggles);
  return lines.join("\n");
}
