/** How Inform prints and understands a TextWorld entity: articles, list writing, and the words that name it. */
import type { World } from "./world.js";

/** Inform's indefinite article: "an" before a vowel, unless the game file gives one. */
export function indefinite(world: World, id: string): string {
  const info = world.info(id);
  if (info.indefinite) return `${info.indefinite} ${info.name}`;
  return `${/^[aeiou]/i.test(info.name) ? "an" : "a"} ${info.name}`;
}

/** "[the X]": doors are declared "a door called d_0", which Inform makes proper-named, so they take no article. */
export function definite(world: World, id: string): string {
  const info = world.info(id);
  if (info.definite) return `${info.definite} ${info.name}`;
  return world.isA(id, "d") ? info.name : `the ${info.name}`;
}

/** Inform's list writer as a sentence: "a key, a passkey and a poem" (no serial comma); "nothing" if empty. */
export function listWithIndefinites(world: World, ids: readonly string[]): string {
  if (ids.length === 0) return "nothing";
  const items = ids.map((id) => indefinite(world, id));
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export interface Vocabulary {
  phrases: string[][];
  words: Set<string>;
}

const vocabularies = new WeakMap<object, Vocabulary>();

/** The words Inform understands as an entity: its full name, each word of it but "the"/"of", its synonyms. */
export function vocabulary(world: World, id: string): Vocabulary {
  const info = world.info(id);
  const cached = vocabularies.get(info);
  if (cached) return cached;
  const phrases = [info.name, ...info.synonyms].map((p) => p.toLowerCase().split(/\s+/).filter(Boolean));
  const words = new Set<string>();
  for (const p of phrases) if (p.length === 1) words.add(p[0]!);
  const nameWords = info.name.toLowerCase().split(/\s+/).filter(Boolean);
  if (nameWords.length > 1) for (const w of nameWords) if (w !== "the" && w !== "of") words.add(w);
  const v = { phrases, words };
  vocabularies.set(info, v);
  return v;
}
