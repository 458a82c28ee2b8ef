/**
 * The command parser of a compiled TextWorld game, as far as its behaviour shows: the Z-machine's
 * tokenising (lower case, 9-letter dictionary words), Inform's grammar lines for TextWorld's verbs,
 * noun phrases resolved among the things in scope, and TextWorld's "does the player mean" preference.
 */
import { DIRECTIONS, type World } from "./world.js";
import { definite, vocabulary } from "./names.js";
import { NO_NOUN, ONE_NOUN, searchReply } from "./standard-verbs.js";

export type Verb =
  | "look"
  | "inventory"
  | "go"
  | "examine"
  | "open"
  | "close"
  | "lock"
  | "unlock"
  | "take"
  | "remove"
  | "drop"
  | "insert"
  | "put"
  | "eat"
  | "goal"
  | "help"
  | "score"
  | "wait"
  | "take-all"
  | "drop-all"
  | "take-many"
  | "restart"
  | "quit"
  | "canned"
  | "compass";

export type Parsed =
  | {
      kind: "action";
      verb: Verb;
      noun?: string;
      second?: string;
      /** A compass direction; only north/south/east/west can have exits. */
      direction?: string;
      /** A fixed reply (standard Inform verbs TextWorld keeps), or the out-of-world flag for "score"/"restart"/"quit". */
      reply?: string;
      /** Typed as "take X": TextWorld routes it through its removing rule, which adds a blank line. */
      viaTake?: boolean;
      /** "drop all": each thing in turn, as Inform's multiple-object list. */
      nouns?: string[];
      /** Inform's "(the box)" when it guessed which object was meant. */
      clarification?: string;
    }
  | { kind: "error"; message: string; /** What follows the message instead of a blank line. */ tail?: string }
  | { kind: "ask"; message: string; pending: Pending };

/** A command waiting for the player to say which object was meant. */
export interface Pending {
  /** The command that asked, and where its ambiguous noun phrase starts: the answer is read in there. */
  segment: string[];
  at: number;
}

export const PLAYER = "P";
const DICT_LEN = 9;
const word9 = (w: string) => w.slice(0, DICT_LEN);

const DIRECTION_WORDS: Record<string, string> = {
  north: "north",
  n: "north",
  south: "south",
  s: "south",
  east: "east",
  e: "east",
  west: "west",
  w: "west",
  northeast: "northeast",
  ne: "northeast",
  northwest: "northwest",
  nw: "northwest",
  southeast: "southeast",
  se: "southeast",
  southwest: "southwest",
  sw: "southwest",
  up: "up",
  u: "up",
  down: "down",
  d: "down",
  inside: "inside",
  in: "inside",
};
/** Compass directions are objects to Inform's parser: "examine north" names one. */
export const DIRECTION_PREFIX = "dir:";

/** Inform's (Z-machine) tokeniser: lower case, words split at spaces only; "." "," '"' are words of their own. */
export function tokenize(input: string): string[] {
  return tokenizeWithOffsets(input).map((t) => t.word);
}

/** The words with where each starts in the input (oops rewrites the input at a word). */
export function tokenizeWithOffsets(input: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  const re = /[.,"]|[^ .,"]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(input)))
    out.push({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Words that end one command and start the next on the same line. */
export const THEN_WORDS = new Set(["then", ".", ","]);

interface Line {
  words: string[];
  verb: Verb;
  /** Prepositions between noun slots: [] for one noun, [prep] for two. */
  slots: 0 | 1 | 2;
  preps?: string[];
  /** A standard verb's fixed reply. */
  reply?: (world: World, id: string) => string;
}

// Verb word(s) → grammar lines, in the order Inform tries them.
const LINES: Line[] = [
  { words: ["look"], verb: "look", slots: 0 },
  { words: ["l"], verb: "look", slots: 0 },
  { words: ["look", "at"], verb: "examine", slots: 1 },
  { words: ["l", "at"], verb: "examine", slots: 1 },
  { words: ["inventory"], verb: "inventory", slots: 0 },
  { words: ["inv"], verb: "inventory", slots: 0 },
  { words: ["i"], verb: "inventory", slots: 0 },
  { words: ["examine"], verb: "examine", slots: 1 },
  { words: ["x"], verb: "examine", slots: 1 },
  { words: ["check"], verb: "examine", slots: 1 },
  { words: ["describe"], verb: "examine", slots: 1 },
  { words: ["watch"], verb: "examine", slots: 1 },
  { words: ["open"], verb: "unlock", slots: 2, preps: ["with"] },
  { words: ["open"], verb: "open", slots: 1 },
  { words: ["uncover"], verb: "open", slots: 1 },
  { words: ["unwrap"], verb: "open", slots: 1 },
  { words: ["close"], verb: "close", slots: 1 },
  { words: ["shut"], verb: "close", slots: 1 },
  { words: ["cover"], verb: "close", slots: 1 },
  { words: ["lock"], verb: "lock", slots: 2, preps: ["with"] },
  { words: ["unlock"], verb: "unlock", slots: 2, preps: ["with"] },
  { words: ["take", "all"], verb: "take-all", slots: 0 },
  { words: ["take", "each"], verb: "take-all", slots: 0 },
  { words: ["take", "everything"], verb: "take-all", slots: 0 },
  { words: ["get", "all"], verb: "take-all", slots: 0 },
  { words: ["get", "each"], verb: "take-all", slots: 0 },
  { words: ["get", "everything"], verb: "take-all", slots: 0 },
  { words: ["pick", "up", "all"], verb: "take-all", slots: 0 },
  { words: ["pick", "up", "each"], verb: "take-all", slots: 0 },
  { words: ["pick", "up", "everything"], verb: "take-all", slots: 0 },
  { words: ["take"], verb: "remove", slots: 2, preps: ["from", "off"] },
  { words: ["get"], verb: "remove", slots: 2, preps: ["from", "off"] },
  { words: ["remove"], verb: "remove", slots: 2, preps: ["from"] },
  { words: ["take"], verb: "take", slots: 1 },
  { words: ["get"], verb: "take", slots: 1 },
  { words: ["pick", "up"], verb: "take", slots: 1 },
  { words: ["carry"], verb: "take", slots: 1 },
  { words: ["hold"], verb: "take", slots: 1 },
  { words: ["drop"], verb: "insert", slots: 2, preps: ["in", "into", "down"] },
  { words: ["drop"], verb: "put", slots: 2, preps: ["on", "onto"] },
  { words: ["drop"], verb: "drop", slots: 1 },
  { words: ["throw"], verb: "drop", slots: 1 },
  { words: ["discard"], verb: "drop", slots: 1 },
  { words: ["put", "down"], verb: "drop", slots: 1 },
  { words: ["put"], verb: "insert", slots: 2, preps: ["in", "inside", "into"] },
  { words: ["put"], verb: "put", slots: 2, preps: ["on", "onto"] },
  { words: ["insert"], verb: "insert", slots: 2, preps: ["in", "into"] },
  { words: ["eat"], verb: "eat", slots: 1 },
  { words: ["go"], verb: "go", slots: 0 },
  { words: ["walk"], verb: "go", slots: 0 },
  { words: ["run"], verb: "go", slots: 0 },
  { words: ["goal"], verb: "goal", slots: 0 },
  { words: ["help"], verb: "help", slots: 0 },
  { words: ["score"], verb: "score", slots: 0 },
  { words: ["wait"], verb: "wait", slots: 0 },
  { words: ["z"], verb: "wait", slots: 0 },
  { words: ["restart"], verb: "restart", slots: 0 },
  { words: ["quit"], verb: "quit", slots: 0 },
  { words: ["q"], verb: "quit", slots: 0 },
  { words: ["read"], verb: "examine", slots: 1 },
  { words: ["look", "in"], verb: "canned", slots: 1, reply: searchReply },
  { words: ["look", "inside"], verb: "canned", slots: 1, reply: searchReply },
  { words: ["look", "under"], verb: "canned", slots: 1, reply: () => "You find nothing of interest." },
  {
    words: ["sit", "on"],
    verb: "canned",
    slots: 1,
    reply: () => "That's not something you can sit down on.",
  },
  { words: ["look"], verb: "examine", slots: 1 },
  ...Object.entries(NO_NOUN).map(([w, r]): Line => ({
    words: [w],
    verb: "canned",
    slots: 0,
    reply: () => r,
  })),
  ...Object.entries(ONE_NOUN).map(([w, r]): Line => ({ words: [w], verb: "canned", slots: 1, reply: r })),
];

/** Lines whose first noun is a "[things inside]" token, which Inform reads after the second. */
const LOOKAHEAD = new Set<Verb>(["remove"]);

const VERB_WORDS = new Set([...LINES.map((l) => l.words[0]!), "kiss", "save", "restore"]);
const ALL_WORDS = new Set(["all", "each", "everything"]);

/** Inform prints the verb as typed, abbreviations spelt out. */
const VERB_ABBREVIATIONS: Record<string, string> = {
  x: "examine",
  l: "look",
  i: "inventory",
  z: "wait",
  q: "quit",
};

export class CommandParser {
  /** The command being parsed, as typed (the "does the player mean" rule reads it). */
  private command = "";

  constructor(private readonly world: World) {}

  isVerb(word: string): boolean {
    return VERB_WORDS.has(word) || word in DIRECTION_WORDS;
  }

  /** The object "it" refers to (Inform sets it from the nouns of each parsed command). */
  pronoun: string | null = null;
  /** The words of the command being parsed. */
  private segment: string[] = [];

  parse(words: string[], command = words.join(" ")): Parsed {
    this.command = command.toLowerCase();
    this.segment = words;
    if (words.length === 0) return { kind: "error", message: "I beg your pardon?" };
    const first = words[0]!;
    if (first in DIRECTION_WORDS) {
      if (words.length === 1) return { kind: "action", verb: "go", direction: DIRECTION_WORDS[first]! };
      return {
        kind: "error",
        message: `I only understood you as far as wanting to go ${DIRECTION_WORDS[first]!}.`,
      };
    }
    if (first === ",") return { kind: "error", message: "You can't begin with a comma." };
    if (!VERB_WORDS.has(first)) {
      if (words.includes(","))
        return { kind: "error", message: "You seem to want to talk to someone, but I can't see whom." };
      return { kind: "error", message: "That's not a verb I recognise." };
    }
    // Kissing wants a person, a parser-level refusal (no turn passes).
    if (first === "kiss" && words.length > 1) {
      const r = this.resolve(words.slice(1), {}, () => ({
        kind: "error",
        message: "You can only do that to something animate.",
      }));
      return r.kind === "ask" ? { kind: "error", message: "You can only do that to something animate." } : r;
    }
    const many = this.multiple(words);
    if (many) return many;
    if (
      (first === "enter" && words.length > 1) ||
      (first === "go" &&
        words.length > 1 &&
        !(words[1]! in DIRECTION_WORDS) &&
        !["out", "outside"].includes(words[1]!))
    )
      return this.goThrough(words.slice(1));
    // Inform's out-of-world verbs the interpreter cannot serve here (save files), understood only that far.
    if ((first === "save" || first === "restore") && words.length > 1)
      return { kind: "error", message: `I only understood you as far as wanting to ${first}.` };
    if (first === "pick" && words[1] !== "up")
      return { kind: "error", message: "I didn't understand that sentence." };
    if (first === "put" && words.length === 1)
      return { kind: "error", message: "What do you want to put on?" };
    if (first === "drop" && words.length === 2 && ALL_WORDS.has(words[1]!)) {
      const held = this.world.contents("I");
      if (held.length === 0) return { kind: "error", message: "What do you want to drop those things in?" };
      if (held.length === 1)
        return { kind: "action", verb: "drop", noun: held[0]!, clarification: this.the(held[0]!) };
      return { kind: "action", verb: "drop-all", nouns: [...held] };
    }
    let best: Parsed | null = null;
    for (const line of LINES) {
      if (!startsWith(words, line.words)) continue;
      const rest = words.slice(line.words.length);
      const r = this.tryLine(line, rest);
      if (r.kind !== "error") return r;
      best ??= r;
    }
    return best ?? { kind: "error", message: "That's not a verb I recognise." };
  }

  private tryLine(line: Line, rest: string[]): Parsed {
    if (line.verb === "go") {
      if (rest.length === 0) return { kind: "action", verb: "go" };
      const d =
        DIRECTION_WORDS[rest[0]!] ?? (rest[0] === "out" || rest[0] === "outside" ? "outside" : undefined);
      if (d && rest.length === 1) return { kind: "action", verb: "go", direction: d };
      if (d) return { kind: "error", message: `I only understood you as far as wanting to go ${d}.` };
      return { kind: "error", message: "You can't see any such thing." };
    }
    if (line.slots === 0) {
      if (rest.length === 0)
        return {
          kind: "action",
          verb: line.verb,
          ...(line.reply ? { reply: line.reply(this.world, PLAYER) } : {}),
        };
      // "look X" is the examine line that follows; "take all from X" the removing line.
      if (line.verb === "look" || line.verb === "take-all")
        return { kind: "error", message: "You can't see any such thing." };
      return {
        kind: "error",
        message: `I only understood you as far as wanting to ${understoodVerb(line)}.`,
      };
    }
    const verbName = line.words.map((w) => VERB_ABBREVIATIONS[w] ?? w).join(" ");
    const the = (id: string) => this.the(id);
    if (rest.length === 1 && ALL_WORDS.has(rest[0]!))
      return { kind: "error", message: "You can't use multiple objects with that verb." };
    if (rest.includes("and")) {
      // A list of objects: its first must be in sight before Inform objects to the list.
      const r = this.resolve(rest.slice(0, rest.indexOf("and")), {}, (id) => ({
        kind: "action",
        verb: "examine",
        noun: id,
      }));
      return r.kind === "error"
        ? r
        : { kind: "error", message: "You can't use multiple objects with that verb." };
    }
    if (line.slots === 1) {
      if (stripArticles(rest).length === 0) {
        // Taking prefers things not held, so Inform asks rather than guess.
        const guess = line.verb === "take" ? null : this.bestGuess(null);
        if (guess === null) return { kind: "error", message: `What do you want to ${verbName}?` };
        return this.withGuess(line, guess);
      }
      return this.resolve(
        rest,
        {},
        (id, guessed) =>
          withClarification(
            {
              kind: "action",
              verb: line.verb,
              noun: id,
              ...(line.reply ? { reply: line.reply(this.world, id) } : {}),
              ...(line.words[0] === "take" ? { viaTake: true } : {}),
            },
            guessed ? the(id) : null,
          ),
        verbName,
      );
    }
    if ((line.words[0] === "put" || line.words[0] === "insert") && line.preps!.includes(rest[0]!))
      return { kind: "error", message: "I didn't understand that sentence." };
    const at = rest.findIndex((w, i) => i > 0 && line.preps!.includes(w));
    if (at < 0) {
      const locking = line.words[0] === "lock" || line.words[0] === "unlock";
      const guess = rest.length === 0 && locking ? this.bestGuess(null) : null;
      if (guess !== null) return this.inferKey(line.verb, guess, true);
      if (rest.length === 0) return { kind: "error", message: `What do you want to ${verbName}?` };
      if (locking) {
        const r = this.resolve(
          rest,
          {},
          (noun, guessed) => this.inferKey(line.verb, noun, guessed),
          verbName,
        );
        return r.kind === "error" && r.message.startsWith("I only understood")
          ? { kind: "error", message: "I didn't understand that sentence." }
          : r;
      }
      // Inform names the missing preposition of the first line that fits so far.
      const r = this.resolve(rest, {}, (noun) => {
        const key = line.words[0] === "put" || line.words[0] === "insert" ? this.bestGuess(noun) : null;
        if (key === null)
          return {
            kind: "error",
            message: `What do you want to ${verbName} ${the(noun)} ${line.preps![0]}?`,
          };
        return {
          kind: "action",
          verb: line.verb,
          noun,
          second: key,
          clarification: `${line.preps![0]} ${the(key)}`,
        };
      });
      return r.kind === "ask" ? { kind: "error", message: "You can't see any such thing." } : r;
    }
    const first = rest.slice(0, at);
    const second = rest.slice(at + 1);
    const prep = rest[at]!;
    if (second.length === 0) {
      if (line.words[0] === "put" && prep === "on")
        // "put X on" is Inform's wearing line.
        return this.resolve(first, {}, (noun) => ({
          kind: "action",
          verb: "canned",
          noun,
          reply: this.wearReply(noun),
        }));
      if (["take", "get", "remove"].includes(line.words[0]!) && prep === "from")
        return this.resolve(first, {}, (noun) => {
          const from = this.bestGuess(noun, true);
          if (from === null)
            return { kind: "error", message: `What do you want to ${verbName} ${the(noun)} from?` };
          return { kind: "action", verb: line.verb, noun, second: from, clarification: the(from) };
        });
      if (!["put", "insert", "lock", "unlock"].includes(line.words[0]!))
        return { kind: "error", message: `What do you want to ${verbName} ${prep}?` };
      // The typed preposition with no noun: Inform infers the noun and says nothing.
      return this.resolve(first, {}, (noun) => {
        const key = this.bestGuess(noun);
        if (key === null)
          return { kind: "error", message: `What do you want to ${verbName} ${the(noun)} ${prep}?` };
        return { kind: "action", verb: line.verb, noun, second: key, clarification: the(key) };
      });
    }
    const done = (noun: string, id: string, guessedNoun: boolean, guessedSecond: boolean): Parsed => {
      // Inform prints its guess from the first guessed noun to the end of the command.
      const note = guessedNoun ? `${the(noun)} ${prep} ${the(id)}` : guessedSecond ? the(id) : null;
      return withClarification({ kind: "action", verb: line.verb, noun, second: id }, note);
    };
    if (LOOKAHEAD.has(line.verb)) {
      // Inform reads the second noun first for "[things inside]"/"[other things]" tokens.
      return this.resolve(second, {}, (id, guessedSecond) => {
        const inside = this.world.contents(id);
        if (first.length === 1 && ALL_WORDS.has(first[0]!)) {
          if (id !== PLAYER && this.world.isA(id, "c") && !this.world.isOpen(id))
            return { kind: "error", message: `${capitalFirst(the(id))} isn't open.` };
          if (inside.length === 1) return done(inside[0]!, id, false, guessedSecond);
        }
        return this.resolve(first, { second: id, prefer: inside }, (noun, guessedNoun) =>
          done(noun, id, guessedNoun, guessedSecond),
        );
      });
    }
    const r = this.resolve(
      first,
      {},
      (noun, guessedNoun) =>
        this.resolve(second, { noun }, (id, guessedSecond) => done(noun, id, guessedNoun, guessedSecond)),
      verbName,
    );
    // Words left over before the preposition: Inform gives up on the whole sentence.
    return r.kind === "error" && r.message.startsWith("I only understood")
      ? { kind: "error", message: "I didn't understand that sentence." }
      : r;
  }

  /** "take A and B", "drop A, B": Inform's multiple-object list for the verbs that allow one. */
  private multiple(words: string[]): Parsed | null {
    const verb =
      words[0] === "take" || words[0] === "get" ? "take-many" : words[0] === "drop" ? "drop-all" : null;
    const rest = words.slice(1);
    if (verb === null || !rest.some((w, i) => i > 0 && (w === "and" || w === ","))) return null;
    if (rest.some((w) => ["from", "in", "into", "on", "onto", "off"].includes(w))) return null;
    const phrases: string[][] = [[]];
    for (const w of rest)
      if (w === "and" || w === ",") phrases.push([]);
      else phrases[phrases.length - 1]!.push(w);
    const ids: string[] = [];
    for (const ph of phrases) {
      if (ph.length === 0) continue;
      const r = this.resolve(ph, {}, (id) => ({ kind: "action", verb: "take", noun: id }));
      if (r.kind !== "action") return r;
      if (!ids.includes(r.noun!)) ids.push(r.noun!);
    }
    return { kind: "action", verb, nouns: ids };
  }

  /** "go through the door", "enter the portal": going by way of a door here. */
  private goThrough(rest: string[]): Parsed {
    const words = ["through", "into", "to", "in"].includes(rest[0]!) ? rest.slice(1) : rest;
    return this.resolve(
      words,
      {},
      (id) => {
        const w = this.world;
        if (id !== PLAYER && w.isA(id, "d"))
          for (const [dir, exit] of w.exitsOf(w.playerRoom))
            if (exit.door === id) return { kind: "action", verb: "go", direction: dir };
        return { kind: "action", verb: "canned", noun: id, reply: "That's not something you can enter." };
      },
      rest[0] === "to" ? undefined : "enter",
    );
  }

  private the(id: string): string {
    if (id === PLAYER) return "yourself";
    if (id.startsWith(DIRECTION_PREFIX)) return id.slice(DIRECTION_PREFIX.length);
    return definite(this.world, id);
  }

  /**
   * "lock X" with no key: Inform infers the second noun. A single held thing is the only "good" choice;
   * otherwise its scores decide (held 60 vs here 40, TextWorld's "does the player mean" ×250, which makes
   * X itself very likely when the command names it), and a tie asks.
   */
  private inferKey(verb: Verb, noun: string, guessedNoun: boolean): Parsed {
    const w = this.world;
    const held = w.contents("I");
    const act = (key: string): Parsed =>
      withClarification(
        { kind: "action", verb, noun, second: key },
        guessedNoun ? `${this.the(noun)} with ${this.the(key)}` : `with ${this.the(key)}`,
      );
    if (held.length === 1) return act(held[0]!);
    const key = this.bestGuess(noun);
    if (key !== null) return act(key);
    return { kind: "error", message: `What do you want to ${verb} ${this.the(noun)} with?` };
  }

  /**
   * The object Inform infers for a noun the player left out, or null when its scores tie: held things
   * score over things here over things inside others, and TextWorld's "does the player mean" rule makes
   * a second noun very likely when the command names both it and the first noun (`noun`).
   */
  private bestGuess(noun: string | null, onlyIfNamed = false): string | null {
    const w = this.world;
    const said = (id: string) =>
      id !== PLAYER && !id.startsWith(DIRECTION_PREFIX) && this.command.includes(w.name(id));
    const score = (id: string): number => {
      const owner = id === PLAYER || w.isA(id, "d") ? w.playerRoom : w.holder.get(id);
      const place = owner === "I" ? 60 : owner === w.playerRoom ? 40 : 20;
      const likely = noun !== null && said(noun) && said(id) ? 4 : 2;
      return place + 250 * likely + (id === PLAYER ? 0 : 5);
    };
    const cands = [...this.scope(), PLAYER];
    const scores = cands.map(score);
    const top = Math.max(...scores);
    const winners = cands.filter((_, i) => scores[i] === top);
    if (winners.length !== 1 || (onlyIfNamed && top < 1000)) return null;
    return winners[0]!;
  }

  private wearReply(id: string): string {
    const w = this.world;
    if (id === PLAYER) return "You can't wear that!";
    if (w.isA(id, "c") || w.isA(id, "s") || w.isA(id, "d")) return `The ${w.name(id)} is fixed in place.`;
    return w.holder.get(id) === "I" ? "You can't wear that!" : `You need to take the ${w.name(id)} first.`;
  }

  /** A one-noun line with the noun Inform inferred, which it prints in parentheses. */
  private withGuess(line: Line, id: string): Parsed {
    return withClarification(
      {
        kind: "action",
        verb: line.verb,
        noun: id,
        ...(line.reply ? { reply: line.reply(this.world, id) } : {}),
        ...(line.words[0] === "take" ? { viaTake: true } : {}),
      },
      this.the(id),
    );
  }

  /**
   * Resolves a noun phrase among the things in scope: the objects matching the most words win; a tie is
   * broken by TextWorld's "does the player mean" rule (the lower-cased command contains the printed
   * name, compared as Inform does, case and all), which Inform reports as a guess; else it asks.
   */
  private resolve(
    phrase: string[],
    known: { noun?: string; second?: string; prefer?: readonly string[] },
    then: (id: string, guessed: boolean) => Parsed,
    verbName?: string,
  ): Parsed {
    const words = stripArticles(phrase);
    if (words.length === 0) return { kind: "error", message: "You can't see any such thing." };
    const understood = (id: string): Parsed => ({
      kind: "error",
      message: `I only understood you as far as wanting to ${verbName ?? "do that"} ${this.the(id)}.`,
    });
    if (["me", "myself", "self"].includes(words[0]!))
      return words.length === 1 ? then(PLAYER, false) : understood(PLAYER);
    const dir = words[0] === "in" ? undefined : DIRECTION_WORDS[words[0]!];
    if (dir !== undefined && !this.scope().some((id) => matchLength(this.world, id, words) === words.length))
      return words.length === 1 ? then(DIRECTION_PREFIX + dir, false) : understood(DIRECTION_PREFIX + dir);
    if (words[0] === "it" && this.pronoun !== null) {
      if (!this.scope().includes(this.pronoun))
        return { kind: "error", message: "You can't see any such thing." };
      return words.length === 1 ? then(this.pronoun, false) : understood(this.pronoun);
    }
    const scope = this.scope();
    let matches = scope.filter((id) => matchLength(this.world, id, words) === words.length);
    if (matches.length === 0) {
      const longest = Math.max(0, ...scope.map((id) => matchLength(this.world, id, words)));
      const partial = scope.filter((id) => matchLength(this.world, id, words) === longest);
      if (longest > 0 && partial.length === 1 && verbName !== undefined && !THEN_WORDS.has(words[longest]!))
        return understood(partial[0]!);
      return { kind: "error", message: "You can't see any such thing." };
    }
    if (known.prefer) {
      matches = matches.filter((id) => known.prefer!.includes(id));
      if (matches.length === 0) return { kind: "error", message: "You can't see any such thing." };
    }
    if (matches.length === 1) return then(matches[0]!, false);
    const said = (id: string | undefined) =>
      id !== undefined && id !== PLAYER && this.command.includes(this.world.name(id));
    const other = known.noun ?? known.second;
    const score = (id: string) =>
      other === undefined ? (said(id) ? 1 : 0) : said(id) && said(other) ? 2 : 0;
    const best = Math.max(...matches.map(score));
    const top = matches.filter((id) => score(id) === best);
    if (best > 0 && top.length === 1) return then(top[0]!, true);
    // Inform's scores then prefer what the player holds over what lies here over what is inside things.
    const w = this.world;
    const place = (id: string) =>
      w.holder.get(id) === "I" ? 2 : w.isA(id, "d") || w.holder.get(id) === w.playerRoom ? 1 : 0;
    const nearest = Math.max(...top.map(place));
    const near = top.filter((id) => place(id) === nearest);
    if (near.length === 1) return then(near[0]!, true);
    const names = matches.map((id) => definite(this.world, id));
    const question = `Which do you mean, ${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}?`;
    return {
      kind: "ask",
      message: question,
      pending: { segment: this.segment, at: findPhrase(this.segment, phrase) },
    };
  }

  /** Answers a pending question: the reply's words narrow the candidates, else it is a new command. */
  answer(pending: Pending, reply: string[], command: string): Parsed | null {
    if (reply.length === 0 || this.isVerb(reply[0]!)) return null;
    if (ALL_WORDS.has(reply[0]!) || reply[0] === "both")
      return { kind: "error", message: "Sorry, you can only have one item here. Which exactly?", tail: "\n" };
    const words = [
      ...pending.segment.slice(0, pending.at),
      ...stripArticles(reply),
      ...pending.segment.slice(pending.at),
    ];
    return this.parse(words, command);
  }

  /** What the player can see: the room's contents (through supporters and open containers), the inventory, doors here. */
  scope(): string[] {
    const w = this.world;
    const out: string[] = [];
    const visit = (holder: string) => {
      for (const id of w.contents(holder)) {
        out.push(id);
        if (w.isA(id, "s") || (w.isA(id, "c") && w.isOpen(id))) visit(id);
      }
    };
    visit(w.playerRoom);
    visit("I");
    // Doors come last, in the order the game declared them (as Inform meets them).
    const doors: string[] = [];
    for (const exit of w.exitsOf(w.playerRoom).values())
      if (exit.door && !doors.includes(exit.door)) doors.push(exit.door);
    doors.sort((a, b) => w.things.indexOf(a) - w.things.indexOf(b));
    return [...out, ...doors];
  }
}

function understoodVerb(line: Line): string {
  return line.verb === "inventory"
    ? "take inventory"
    : line.words.map((w) => VERB_ABBREVIATIONS[w] ?? w).join(" ");
}

function startsWith(words: string[], prefix: string[]): boolean {
  return prefix.every((p, i) => words[i] === p);
}

function stripArticles(words: string[]): string[] {
  let i = 0;
  while (i < words.length && ["the", "a", "an", "some"].includes(words[i]!)) i++;
  return words.slice(i);
}

/** How many leading words of the phrase name the entity (its full name counts as one phrase). */
export function matchLength(world: World, id: string, words: readonly string[]): number {
  const vocab = vocabulary(world, id);
  const single = new Set([...vocab.words].map(word9));
  let i = 0;
  outer: while (i < words.length) {
    for (const p of vocab.phrases)
      if (
        p.length > 1 &&
        p.every((w, k) => words[i + k] !== undefined && word9(words[i + k]!) === word9(w))
      ) {
        i += p.length;
        continue outer;
      }
    if (!single.has(word9(words[i]!))) break;
    i++;
  }
  return i;
}

function findPhrase(words: string[], phrase: string[]): number {
  for (let i = 0; i + phrase.length <= words.length; i++)
    if (phrase.every((w, k) => words[i + k] === w)) return i;
  return words.length;
}

function capitalFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function withClarification(p: Parsed, note: string | null): Parsed {
  return note === null || p.kind !== "action" ? p : { ...p, clarification: note };
}

export { DIRECTIONS };
