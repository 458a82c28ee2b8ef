/**
 * The map: rooms on a square grid (edge ceil(sqrt(n+1))) joined by a random walk, exits north/south/
 * east/west only, and doors (open, closed or locked) on the edges between adjacent articulation points.
 */
import type { Rng } from "./rng.js";
import type { GenWorld } from "./world.js";

export const DIRECTIONS = ["north", "south", "east", "west"] as const;
export type Direction = (typeof DIRECTIONS)[number];

const STEP: Record<Direction, [number, number]> = {
  north: [0, -1],
  south: [0, 1],
  east: [1, 0],
  west: [-1, 0],
};
const OPPOSITE: Record<Direction, Direction> = { north: "south", south: "north", east: "west", west: "east" };

export interface Exit {
  dir: Direction;
  to: string;
  door?: string;
}

export interface GenMap {
  rooms: string[];
  /** Room id → its exits. */
  exits: Map<string, Exit[]>;
}

export function gridEdge(nbRooms: number): number {
  return Math.ceil(Math.sqrt(nbRooms + 1));
}

export function makeMap(world: GenWorld, nbRooms: number, rng: Rng): GenMap {
  const edge = gridEdge(nbRooms);
  const cell = new Map<string, string>();
  const pos = new Map<string, [number, number]>();
  const edges: [string, string, Direction][] = [];
  const seen = new Set<string>();
  const place = (x: number, y: number): string => {
    const id = world.create("r");
    cell.set(`${x},${y}`, id);
    pos.set(id, [x, y]);
    return id;
  };
  let [x, y] = [rng.int(edge), rng.int(edge)];
  let current = place(x, y);
  while (cell.size < nbRooms) {
    const moves = DIRECTIONS.filter((d) => {
      const [nx, ny] = [x + STEP[d][0], y + STEP[d][1]];
      return nx >= 0 && ny >= 0 && nx < edge && ny < edge;
    });
    const dir = rng.choice(moves);
    [x, y] = [x + STEP[dir][0], y + STEP[dir][1]];
    const next = cell.get(`${x},${y}`) ?? place(x, y);
    const key = [current, next].sort().join("|");
    if (!seen.has(key)) {
      seen.add(key);
      edges.push([current, next, dir]);
    }
    current = next;
  }

  const rooms = [...pos.keys()];
  const neighbours = new Map<string, string[]>(rooms.map((r) => [r, []]));
  for (const [a, b] of edges) {
    neighbours.get(a)!.push(b);
    neighbours.get(b)!.push(a);
  }
  const cut = articulationPoints(rooms, neighbours);
  const exits = new Map<string, Exit[]>(rooms.map((r) => [r, []]));
  for (const [a, b, dir] of edges) {
    let door: string | undefined;
    if (cut.has(a) && cut.has(b)) {
      door = world.create("d");
      world.add("link", a, door, b);
      world.add("link", b, door, a);
      const s = rng.choice(["open", "closed", "locked"] as const);
      world.add(s, door);
    }
    if (!door || world.has("open", door)) {
      world.add("free", a, b);
      world.add("free", b, a);
    }
    // `b` lies `dir` of `a`.
    world.add(`${dir}_of`, b, a);
    world.add(`${OPPOSITE[dir]}_of`, a, b);
    exits.get(a)!.push({ dir, to: b, ...(door ? { door } : {}) });
    exits.get(b)!.push({ dir: OPPOSITE[dir], to: a, ...(door ? { door } : {}) });
  }
  return { rooms, exits };
}

/** Rooms whose removal disconnects the map (iterative Tarjan, so big maps do not overflow the stack). */
export function articulationPoints(nodes: string[], adj: Map<string, string[]>): Set<string> {
  const disc = new Map<string, number>();
  const low = new Map<string, number>();
  const out = new Set<string>();
  let time = 0;
  for (const root of nodes) {
    if (disc.has(root)) continue;
    let rootChildren = 0;
    const stack: { node: string; parent: string | null; i: number }[] = [{ node: root, parent: null, i: 0 }];
    disc.set(root, time);
    low.set(root, time++);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = adj.get(top.node)!;
      if (top.i < list.length) {
        const next = list[top.i++]!;
        if (!disc.has(next)) {
          disc.set(next, time);
          low.set(next, time++);
          if (top.node === root) rootChildren++;
          stack.push({ node: next, parent: top.node, i: 0 });
        } else if (next !== top.parent) low.set(top.node, Math.min(low.get(top.node)!, disc.get(next)!));
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
          if (parent.node !== root && low.get(top.node)! >= disc.get(parent.node)!) out.add(parent.node);
        }
      }
    }
    if (rootChildren > 1) out.add(root);
  }
  return out;
}
