/** Copies of the mutable part of a World, for Inform's undo (the Z-machine saves all of dynamic memory). */
import type { Holder, Openness, World } from "./world.js";

export interface WorldSnapshot {
  playerRoom: string;
  holder: [string, Holder][];
  children: [string, string[]][];
  openness: [string, Openness][];
  eaten: string[];
}

export function snapshotWorld(w: World): WorldSnapshot {
  return {
    playerRoom: w.playerRoom,
    holder: [...w.holder],
    children: [...w.children].map(([k, v]) => [k, [...v]]),
    openness: [...w.openness],
    eaten: [...w.eaten],
  };
}

export function restoreWorld(w: World, s: WorldSnapshot): void {
  w.playerRoom = s.playerRoom;
  w.holder.clear();
  for (const [k, v] of s.holder) w.holder.set(k, v);
  w.children.clear();
  for (const [k, v] of s.children) w.children.set(k, [...v]);
  w.openness.clear();
  for (const [k, v] of s.openness) w.openness.set(k, v);
  w.eaten.clear();
  for (const id of s.eaten) w.eaten.add(id);
}
