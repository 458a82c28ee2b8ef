/**
 * ALFWorld's display names ("apple 1", "sinkbasin 2", "loc 12") from mangled ALFRED ids, as upstream's
 * Demangler assigns them with domain randomisation off: ids sorted by code units, the class name is the
 * text before the first `_bar_` (plus "basin" when the id mentions one), and each id in sorted order takes
 * the largest remaining number of its class, so the first id of a class gets the highest number.
 */

const UNMANGLE: [RegExp, string][] = [
  [/_bar_/g, "|"],
  [/_minus_/g, "-"],
  [/_plus_/g, "+"],
  [/_dot_/g, "."],
  [/_comma_/g, ","],
];

function className(id: string, unmangled: string): string | undefined {
  const bar = unmangled.indexOf("|");
  if (bar < 0) return undefined;
  const name = unmangled.slice(0, bar);
  return id.includes("basin") ? name + "basin" : name;
}

/** Code-unit order, as Python compares `str`. */
export function codeUnitCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function displayNames(ids: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(ids)].sort(codeUnitCompare);
  const unmangled = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const id of sorted) {
    let text = id;
    for (const [re, s] of UNMANGLE) text = text.replace(re, s);
    unmangled.set(id, text);
    const cls = className(id, text);
    if (cls !== undefined) counts.set(cls, (counts.get(cls) ?? 0) + 1);
  }
  const names = new Map<string, string>();
  for (const id of sorted) {
    const text = unmangled.get(id)!;
    const cls = className(id, text);
    if (cls === undefined) {
      // Upstream formats such ids as "<name> " with id 0; they never appear in game text.
      names.set(id, `${text} `);
    } else {
      const n = counts.get(cls)!;
      counts.set(cls, n - 1);
      names.set(id, `${cls} ${n}`);
    }
  }
  return names;
}
