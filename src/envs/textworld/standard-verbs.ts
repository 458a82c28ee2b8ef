/**
 * Standard Inform 7 verbs that TextWorld's games keep but never use: their library replies, so an agent
 * typing "jump" or "search the trunk" reads what the compiled game prints.
 */
import { definite } from "./names.js";
import type { World } from "./world.js";

/** A reply for a verb with one noun; `id` is "P" for the player. */
type NounReply = (world: World, id: string) => string;

const fixed = (w: World, id: string) => id !== "P" && (w.isA(id, "c") || w.isA(id, "s") || w.isA(id, "d"));

export const NO_NOUN: Record<string, string> = {
  jump: "You jump on the spot.",
  skip: "You jump on the spot.",
  hop: "You jump on the spot.",
  sleep: "You aren't feeling especially drowsy.",
  nap: "You aren't feeling especially drowsy.",
  listen: "You hear nothing unexpected.",
  hear: "You hear nothing unexpected.",
  smell: "You smell nothing unexpected.",
  sniff: "You smell nothing unexpected.",
  think: "What a good idea.",
  sorry: "Oh, don't apologise.",
  yes: "That was a rhetorical question.",
  y: "That was a rhetorical question.",
  no: "That was a rhetorical question.",
  wave: "You wave.",
  wake: "The dreadful truth is, this is not a dream.",
  awake: "The dreadful truth is, this is not a dream.",
  exit: "But you aren't in anything at the moment.",
  out: "But you aren't in anything at the moment.",
  outside: "But you aren't in anything at the moment.",
  stand: "But you aren't in anything at the moment.",
  leave: "But you aren't in anything at the moment.",
};

export const ONE_NOUN: Record<string, NounReply> = {
  touch: () => "You feel nothing unexpected.",
  feel: () => "You feel nothing unexpected.",
  attack: () => "Violence isn't the answer to this one.",
  break: () => "Violence isn't the answer to this one.",
  hit: () => "Violence isn't the answer to this one.",
  kick: () => "Violence isn't the answer to this one.",
  smash: () => "Violence isn't the answer to this one.",
  destroy: () => "Violence isn't the answer to this one.",
  burn: () => "This dangerous act would achieve little.",
  cut: () => "Cutting it up would achieve little.",
  squeeze: () => "You achieve nothing by this.",
  taste: () => "You taste nothing unexpected.",
  lick: () => "You taste nothing unexpected.",
  climb: () => "Little is to be achieved by that.",
  scale: () => "Little is to be achieved by that.",
  drink: () => "There's nothing suitable to drink here.",
  sip: () => "There's nothing suitable to drink here.",
  enter: () => "That's not something you can enter.",
  rub: (w, id) => `You rub ${id === "P" ? "yourself" : definite(w, id)}.`,
  push: (w, id) => (fixed(w, id) ? "It is fixed in place." : "Nothing obvious happens."),
  pull: (w, id) => (fixed(w, id) ? "It is fixed in place." : "Nothing obvious happens."),
  move: (w, id) => (fixed(w, id) ? "It is fixed in place." : "Nothing obvious happens."),
  drag: (w, id) => (fixed(w, id) ? "It is fixed in place." : "Nothing obvious happens."),
  turn: (w, id) => (fixed(w, id) ? "It is fixed in place." : "Nothing obvious happens."),
  rotate: (w, id) => (fixed(w, id) ? "It is fixed in place." : "Nothing obvious happens."),
  search: (w, id) => searchReply(w, id),
};

/** "look in"/"search": Inform's searching action on a container, supporter or anything else. */
export function searchReply(w: World, id: string): string {
  if (id !== "P" && w.isA(id, "c") && !w.isOpen(id))
    return `You can't see inside, since ${definite(w, id)} is closed.`;
  if (id !== "P" && (w.isA(id, "c") || w.isA(id, "s")) && w.contents(id).length === 0)
    return w.isA(id, "c")
      ? `${capital(definite(w, id))} is empty.`
      : `There is nothing on ${definite(w, id)}.`;
  return "You find nothing of interest.";
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
