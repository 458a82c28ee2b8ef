/**
 * A TextWorld game played natively: what the compiled game prints for each command, its score and
 * turn count, won/lost, and TextWorld's admissible commands (from the logic rules over the current facts).
 */
import type { TextWorldGame } from "./game-file.js";
import { parseInformText, renderInformText, type InformText } from "./inform-text.js";
import { commandOf, State, type Fact } from "./logic/state.js";
import { definite, listWithIndefinites } from "./names.js";
import {
  CommandParser,
  DIRECTION_PREFIX,
  PLAYER,
  THEN_WORDS,
  tokenize,
  tokenizeWithOffsets,
  type Parsed,
  type Pending,
} from "./parser.js";
import { restoreWorld, snapshotWorld, type WorldSnapshot } from "./snapshot.js";
import { pythonTitle } from "./title.js";
import { World, type Direction } from "./world.js";

const BANNER = [
  "                    ________  ________  __    __  ________        ",
  "                   |        \\|        \\|  \\  |  \\|        \\       ",
  "                    \\$$$$$$$$| $$$$$$$$| $$  | $$ \\$$$$$$$$       ",
  "                      | $$   | $$__     \\$$\\/  $$   | $$          ",
  "                      | $$   | $$  \\     >$$  $$    | $$          ",
  "                      | $$   | $$$$$    /  $$$$\\    | $$          ",
  "                      | $$   | $$_____ |  $$ \\$$\\   | $$          ",
  "                      | $$   | $$     \\| $$  | $$   | $$          ",
  "                       \\$$    \\$$$$$$$$ \\$$   \\$$    \\$$          ",
  "              __       __   ______   _______   __        _______  ",
  "             |  \\  _  |  \\ /      \\ |       \\ |  \\      |       \\ ",
  "             | $$ / \\ | $$|  $$$$$$\\| $$$$$$$\\| $$      | $$$$$$$\\",
  "             | $$/  $\\| $$| $$  | $$| $$__| $$| $$      | $$  | $$",
  "             | $$  $$$\\ $$| $$  | $$| $$    $$| $$      | $$  | $$",
  "             | $$ $$\\$$\\$$| $$  | $$| $$$$$$$\\| $$      | $$  | $$",
  "             | $$$$  \\$$$$| $$__/ $$| $$  | $$| $$_____ | $$__/ $$",
  "             | $$$    \\$$$ \\$$    $$| $$  | $$| $$     \\| $$    $$",
  "              \\$$      \\$$  \\$$$$$$  \\$$   \\$$ \\$$$$$$$$ \\$$$$$$$ ",
];

const HELP = [
  "Available commands:",
  "  look:                describe the current room",
  "  goal:                print the goal of this game",
  "  inventory:           print player's inventory",
  "  go <dir>:            move the player north, east, south or west",
  "  examine ...:         examine something more closely",
  "  eat ...:             eat edible food",
  "  open ...:            open a door or a container",
  "  close ...:           close a door or a container",
  "  drop ...:            drop an object on the floor",
  "  take ...:            take an object that is on the floor",
  "  put ... on ...:      place an object on a supporter",
  "  take ... from ...:   take an object from a container or a supporter",
  "  insert ... into ...: place an object into a container",
  "  lock ... with ...:   lock a door or a container with a key",
  "  unlock ... with ...: unlock a door or a container with a key",
];

/** The Z-machine's input buffer: ifvms keeps the first 120 characters of a line. */
const INPUT_LIMIT = 120;
const AGAIN_WORDS = new Set(["again", "g"]);
const OOPS_WORDS = new Set(["oops", "o"]);
const FINAL_QUESTION = "Would you like to RESTART, RESTORE a saved game, QUIT or UNDO the last command?\n";

/** Everything Inform's undo brings back (the Z-machine restores all of dynamic memory). */
export interface SessionSnapshot {
  world: WorldSnapshot;
  score: number;
  moves: number;
  completed: boolean[];
  lastNotified: number;
  ended: "won" | "lost" | null;
  pending: Pending | null;
  againLine: string;
  line: string;
  pronoun: string | null;
  oopsFrom: number;
  turnSequences: number;
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

const ADMISSIBLE_TABLE_SIZE = 50_000;
const UNDO_DEPTH = 27;
const admissibleByState = new WeakMap<TextWorldGame, Map<string, string[]>>();

export class TextWorldSession {
  private world!: World;
  private parser!: CommandParser;
  private readonly texts = new Map<string, InformText>();
  private pending: Pending | null = null;
  private completed: boolean[] = [];
  private lastNotified = 0;
  private ended: "won" | "lost" | null = null;
  private admissibleCache: string[] | null = null;
  /** Which question the next input answers: none ("play"), restart/quit yes-or-no, the end of the story; "quit" once quit. */
  private mode: "play" | "restart?" | "quit?" | "ended" | "quit" = "play";
  private undoStack: SessionSnapshot[] = [];
  /** Inform's "again" buffer: the command text last parsed. */
  private againLine = "";
  /** The previous input line, which "oops" corrects at word `oopsFrom` (1-based; 0: nothing to correct). */
  private prevLine = "";
  private oopsFrom = 0;
  /** How many commands reached the turn sequence; undo refuses while it is 0. */
  private turnSequences = 0;
  /** Exceptions step() caught (an engine bug each): it answers as for an unknown verb instead. */
  readonly internalErrors: Error[] = [];
  score = 0;
  /** Inform's turn count: 1 at the start, +1 for every command that is an action. */
  moves = 1;

  constructor(readonly game: TextWorldGame) {
    for (const [id, info] of game.infos)
      if (info.type !== "P" && info.type !== "I") this.texts.set(id, parseInformText(info.desc));
    this.texts.set("objective", parseInformText(game.objective.replace(/\n/g, "[line break]")));
  }

  get maxScore(): number {
    return this.game.quests.reduce((s, q) => s + (q.optional ? 0 : q.reward), 0);
  }
  get done(): boolean {
    return this.ended !== null || this.mode === "quit";
  }
  get won(): boolean {
    return this.ended === "won";
  }
  get lost(): boolean {
    return this.ended === "lost";
  }
  /** The room heading as the status line shows it, e.g. "-= Cellar =-". */
  get location(): string {
    return this.heading(this.world.playerRoom);
  }

  /** Starts the game and returns the opening text (banner, objective, first room). */
  start(): string {
    this.world = new World(this.game);
    this.parser = new CommandParser(this.world);
    this.pending = null;
    this.completed = this.game.quests.map(() => false);
    this.lastNotified = 0;
    this.score = 0;
    this.moves = 1;
    this.ended = null;
    this.admissibleCache = null;
    this.mode = "play";
    this.undoStack = [];
    this.againLine = "";
    this.prevLine = "";
    this.oopsFrom = 0;
    this.turnSequences = 0;
    const objective = this.render("objective");
    return `\n\n\n\n${BANNER.join("\n")}\n\n${objective}\n\n${this.looking()}`;
  }

  /**
   * Plays one input line and returns what the game prints in reply (without the echo and the prompt).
   * It never throws: whatever the input, the reply is what the compiled game would print, as far as known.
   */
  step(command: string): string {
    this.admissibleCache = null;
    try {
      return this.input(command.slice(0, INPUT_LIMIT));
    } catch (e) {
      // A bug of the engine must not end an episode; it is counted for the tests.
      this.internalErrors.push(e instanceof Error ? e : new Error(String(e)));
      this.pending = null;
      return "That's not a verb I recognise.\n\n";
    }
  }

  /** The current state as TextWorld's logic facts. */
  facts(): Fact[] {
    return this.world.facts();
  }

  /** Which quests are done, in the game's order. */
  completedQuests(): boolean[] {
    return [...this.completed];
  }

  /** The state Inform's undo would restore to, as a value (for the caller's own undo). */
  snapshot(): SessionSnapshot {
    return {
      world: snapshotWorld(this.world),
      score: this.score,
      moves: this.moves,
      completed: [...this.completed],
      lastNotified: this.lastNotified,
      ended: this.ended,
      pending: this.pending,
      againLine: this.againLine,
      line: this.prevLine,
      pronoun: this.parser.pronoun,
      oopsFrom: this.oopsFrom,
      turnSequences: this.turnSequences,
    };
  }

  restore(s: SessionSnapshot): void {
    restoreWorld(this.world, s.world);
    this.score = s.score;
    this.moves = s.moves;
    this.completed = [...s.completed];
    this.lastNotified = s.lastNotified;
    this.ended = s.ended;
    this.pending = s.pending;
    this.againLine = s.againLine;
    this.prevLine = s.line;
    this.parser.pronoun = s.pronoun;
    this.oopsFrom = s.oopsFrom;
    this.turnSequences = s.turnSequences;
    this.mode = s.ended ? "ended" : "play";
    this.admissibleCache = null;
  }

  private input(line: string): string {
    switch (this.mode) {
      case "quit":
        return "";
      case "restart?":
      case "quit?":
        return this.yesOrNo(line);
      case "ended":
        return this.finalAnswer(line);
      case "play":
        return this.keyboard(line);
    }
  }

  private yesOrNo(line: string): string {
    const w = tokenize(line)[0];
    if (w === "y" || w === "yes") {
      if (this.mode === "restart?") return this.start();
      this.mode = "quit";
      return "";
    }
    if (w === "n" || w === "no") {
      this.mode = "play";
      return "\n";
    }
    return "Please answer yes or no.";
  }

  /** The question after the end of the story reads only the first word. */
  private finalAnswer(line: string): string {
    const w = tokenize(line)[0];
    if (w === "restart") return this.start();
    if (w === "quit" || w === "q") {
      this.mode = "quit";
      return "";
    }
    if (w === "undo") {
      const s = this.undoStack.pop();
      if (s) return this.undone(s);
    }
    return `Please give one of the answers above.\n\n${FINAL_QUESTION}`;
  }

  /** Inform's Keyboard routine: blank lines, "oops" and "undo" are handled before any parsing. */
  private keyboard(line: string): string {
    const workspace = this.prevLine;
    this.prevLine = line;
    const toks = tokenizeWithOffsets(line);
    if (toks.length === 0) return "I beg your pardon?\n\n";
    const w0 = toks[0]!.word;
    if (OOPS_WORDS.has(w0)) {
      if (this.oopsFrom === 0) return "Sorry, that can't be corrected.\n\n";
      if (toks.length === 1) return "Think nothing of it.\n\n";
      if (toks.length > 2) return '"Oops" can only correct a single word.\n\n';
      const old = tokenizeWithOffsets(workspace)[this.oopsFrom - 1];
      const word = line.slice(toks[1]!.start, toks[1]!.end);
      const fixed = old
        ? workspace.slice(0, old.start) + word + workspace.slice(old.end)
        : `${workspace} ${word}`;
      this.prevLine = fixed;
      return this.parseLine(fixed);
    }
    if (w0 === "undo" && toks.length === 1) {
      if (this.turnSequences === 0) return "You can't \"undo\" what hasn't been done!\n\n";
      const s = this.undoStack.pop();
      if (!s) return '"Undo" failed.\n\n';
      return this.undone(s);
    }
    this.undoStack.push(this.snapshot());
    // ifvms keeps undo states up to 1 MB: 27 of these games' 36 KB of dynamic memory (and the memory stays bounded).
    if (this.undoStack.length > UNDO_DEPTH) this.undoStack.shift();
    // The snapshot holds the line just read, as the Z-machine's buffer does when it saves.
    this.undoStack[this.undoStack.length - 1]!.line = line;
    return this.parseLine(line);
  }

  private undone(s: SessionSnapshot): string {
    this.restore(s);
    this.mode = "play";
    return `${this.location}\n[Previous turn undone.]\n\n`;
  }

  /** Parses and runs one line: commands separated by "then", "." or "," each take a turn of their own. */
  private parseLine(line: string): string {
    let text = line;
    let out = "";
    for (;;) {
      let toks = tokenizeWithOffsets(text);
      if (toks.length && AGAIN_WORDS.has(toks[0]!.word)) {
        if (!tokenize(this.againLine).length) return `${out}You can hardly repeat that.\n\n`;
        text = this.againLine;
        toks = tokenizeWithOffsets(text);
      }
      this.againLine = text;
      const words = toks.map((t) => t.word);
      let parsed: Parsed | null = null;
      let end = -1;
      let sepEnd = -1;
      if (this.pending) {
        parsed = this.parser.answer(this.pending, words, text);
        this.pending = null;
      }
      if (parsed === null) {
        end = words.findIndex((w, i) => i > 0 && THEN_WORDS.has(w));
        // After "take"/"drop" a comma separates the objects of a list, not commands.
        // ", then" is one separator.
        if (end > 0 && words[end] === "," && words[end + 1] === "then") sepEnd = end + 1;
        else if (end > 0 && words[end] === "," && ["take", "get", "drop"].includes(words[0]!))
          end = words.findIndex((w, i) => i > end && (w === "then" || w === "."));
        const seg = end < 0 ? words : words.slice(0, end);
        if (!this.parser.isVerb(words[0]!) && words.includes(",") && words[0] !== ",")
          parsed = { kind: "error", message: "You seem to want to talk to someone, but I can't see whom." };
        else parsed = this.parser.parse(seg, text);
        if (sepEnd < 0) sepEnd = end;
        if (
          parsed.kind === "action" &&
          end >= 0 &&
          sepEnd === end &&
          words[end] === "," &&
          (parsed.noun !== undefined || (parsed.verb === "go" && seg.length > 1))
        )
          parsed = { kind: "error", message: "You can't use multiple objects with that verb." };
      }
      if (parsed.kind === "error") {
        if (parsed.message === "You can't see any such thing.")
          this.oopsFrom = this.unknownWord(words, end) || this.oopsFrom;
        return `${out}${parsed.message}${parsed.tail ?? "\n\n"}`;
      }
      if (parsed.kind === "ask") {
        this.pending = parsed.pending;
        return `${out}${parsed.message}\n\n`;
      }
      this.turnSequences++;
      this.oopsFrom = 0;
      if (parsed.verb === "restart" || parsed.verb === "quit") {
        this.mode = parsed.verb === "restart" ? "restart?" : "quit?";
        return `${out}Are you sure you want to ${parsed.verb}? `;
      }
      if (parsed.noun !== undefined && !parsed.noun.startsWith(DIRECTION_PREFIX) && parsed.noun !== PLAYER)
        this.parser.pronoun = parsed.noun;
      if (parsed.clarification !== undefined) out += `(${parsed.clarification})\n`;
      const piece = this.perform(parsed);
      // Entering a room starts a paragraph; after an earlier command's reply one is already open.
      out += out && parsed.verb === "go" && piece.startsWith("\n") ? piece.slice(1) : piece;
      if (parsed.verb !== "score") out += this.endOfTurn();
      if (this.ended) {
        this.mode = "ended";
        return out;
      }
      if (end < 0) return out;
      const rest = text.slice(toks[sepEnd]!.end);
      const next = tokenizeWithOffsets(rest);
      if (next.length === 0) return out;
      // "look. again": the again buffer loses the "then again" (no endless repeating).
      if (AGAIN_WORDS.has(next[0]!.word)) this.againLine = text.slice(0, toks[end]!.start);
      text = rest;
    }
  }

  /** The word "oops" would correct: the first of the command not in the game's dictionary (1-based). */
  private unknownWord(words: string[], end: number): number {
    const known = new Set<string>();
    for (const id of this.world.things)
      for (const w of tokenize(`${this.world.name(id)} ${this.world.info(id).synonyms.join(" ")}`))
        known.add(w.slice(0, 9));
    const seg = end < 0 ? words : words.slice(0, end);
    const i = seg.findIndex(
      (w, k) =>
        k > 0 &&
        !known.has(w.slice(0, 9)) &&
        !["the", "a", "an", "from", "with", "in", "on", "into"].includes(w),
    );
    return i < 0 ? 0 : i + 1;
  }

  /** TextWorld's admissible commands: the logic rules applied to the current facts, sorted, duplicates removed. */
  admissibleCommands(): string[] {
    if (this.admissibleCache) return this.admissibleCache.slice();
    // The commands depend on the facts only: states seen before (examine, look and failed actions change
    // nothing) are answered from a per-game table.
    const signature = this.world.signature();
    let commands = admissibleByState.get(this.game)?.get(signature);
    if (!commands) {
      const state = new State(this.game.logic, this.game.types, this.world.facts());
      const all = new Set(
        state
          .applicableActions(this.game.logic.commandRules)
          .map((a) => commandOf(a, (id) => this.game.infos.get(id)?.name ?? id)),
      );
      commands = [...all].sort();
      let table = admissibleByState.get(this.game);
      if (!table || table.size >= ADMISSIBLE_TABLE_SIZE)
        admissibleByState.set(this.game, (table = new Map()));
      table.set(signature, commands);
    }
    this.admissibleCache = commands;
    return commands.slice();
  }

  private render(id: string, self?: string): string {
    return renderInformText(this.texts.get(id)!, this.world, self, (ids) =>
      listWithIndefinites(this.world, ids),
    );
  }

  private heading(room: string): string {
    return `-= ${pythonTitle(this.world.name(room))} =-`;
  }

  private looking(): string {
    const w = this.world;
    const room = w.playerRoom;
    let out = `${this.heading(room)}\n${this.render(room)}\n\n`;
    const floor = w.contents(room).filter((id) => !w.isA(id, "c") && !w.isA(id, "s") && !w.isA(id, "d"));
    if (floor.length) out += `There is ${listWithIndefinites(w, floor)} on the floor.\n\n`;
    this.parser.pronoun = floor[floor.length - 1] ?? lastTested(w.info(room).desc) ?? this.parser.pronoun;
    return out;
  }

  private perform(p: Extract<Parsed, { kind: "action" }>): string {
    const w = this.world;
    const the = (id: string) => (id === PLAYER ? "yourself" : definite(w, id));
    const noun = p.noun!;
    const second = p.second!;
    if (noun?.startsWith(DIRECTION_PREFIX) || second?.startsWith(DIRECTION_PREFIX)) {
      if (p.verb === "examine" && noun.startsWith(DIRECTION_PREFIX))
        return "You see nothing unexpected in that direction.\n\n";
      // TextWorld's "take" goes through its missing-second-noun rule, which adds a paragraph break.
      return `You must name something more substantial.\n\n${p.verb === "take" ? "\n" : ""}`;
    }
    if (p.reply !== undefined) return `${p.reply}\n\n`;
    switch (p.verb) {
      case "look":
        return this.looking();
      case "inventory":
        // Inform's "print empty inventory" rule runs before TextWorld's own listing.
        if (w.contents("I").length === 0) return "You are carrying nothing.\n\n";
        return `You are carrying: ${listWithIndefinites(w, w.contents("I"))}.\n\n`;
      case "goal":
        // The objective is said without a full stop, so no paragraph break follows.
        return `${this.render("objective")}\n`;
      case "help":
        return `${HELP.join("\n")}\n\n`;
      case "score":
        return `You have so far scored ${this.score} out of a possible ${this.maxScore}, in ${this.moves} ${this.moves === 1 ? "turn" : "turns"}.\n\n`;
      case "wait":
        return "Time passes.\n\n";
      case "take-all":
        return "You have to be more specific!\n\n";
      case "go":
        if (p.direction === undefined) return "You'll have to say which compass direction to go in.\n\n";
        return this.go(p.direction as Direction);
      case "canned":
      case "restart":
      case "quit":
      case "compass":
        return "";
      case "take-many":
        return `${p.nouns!.map((id) => `${w.name(id)}: ${this.perform({ kind: "action", verb: "take", noun: id }).trimEnd()}`).join("\n")}\n\n`;
      case "drop-all":
        return `${p.nouns!.map((id) => `${w.name(id)}: ${this.perform({ kind: "action", verb: "drop", noun: id }).trimEnd()}`).join("\n")}\n\n`;
      case "examine":
        return this.examine(noun);
      case "open": {
        if (noun === PLAYER || !(w.isA(noun, "c") || w.isA(noun, "d")))
          return "It isn't something you can open.\n\n";
        const state = w.openness.get(noun);
        if (state === "locked") return this.lockedMessage(noun);
        if (state === "open") return "That's already open.\n\n";
        w.openness.set(noun, "open");
        const inside = w.contents(noun);
        if (w.isA(noun, "c") && inside.length)
          return `You open ${the(noun)}, revealing ${listWithIndefinites(w, inside)}.\n\n`;
        return `You open ${the(noun)}.\n\n`;
      }
      case "close": {
        if (noun === PLAYER || !(w.isA(noun, "c") || w.isA(noun, "d")))
          return "It isn't something you can close.\n\n";
        if (w.openness.get(noun) !== "open") return "That's already closed.\n\n";
        w.openness.set(noun, "closed");
        return `You close ${the(noun)}.\n\n`;
      }
      case "lock":
      case "unlock":
        return this.lockOrUnlock(p.verb, noun, second);
      case "take":
        return this.take(noun, p.viaTake === true);
      case "remove": {
        if (noun === PLAYER) return "You are always self-possessed.\n\n";
        if (w.holder.get(noun) !== second) return "But it isn't there now.\n\n";
        return this.take(noun, false);
      }
      case "drop": {
        if (noun !== PLAYER && (w.holder.get(noun) === w.playerRoom || w.isA(noun, "d")))
          return `${w.isA(noun, "d") ? the(noun) : capitalise(the(noun))} is already here.\n\n`;
        if (noun === PLAYER || w.holder.get(noun) !== "I") return "You haven't got that.\n\n";
        w.move(noun, w.playerRoom);
        return `You drop ${the(noun)} on the ground.\n\n`;
      }
      case "insert":
      case "put":
        return this.putAway(p.verb, noun, second);
      case "eat": {
        if (noun === PLAYER || !w.isA(noun, "f")) return "That's plainly inedible.\n\n";
        if (w.holder.get(noun) !== "I") return this.implicitTake(noun);
        w.move(noun, null);
        w.eaten.add(noun);
        return `You eat ${the(noun)}. Not bad.\n\n`;
      }
    }
  }

  private go(dir: Direction): string {
    const w = this.world;
    const exit = w.exitsOf(w.playerRoom).get(dir);
    if (!exit) return "You can't go that way.\n\n";
    if (exit.door && !w.isOpen(exit.door)) return `You have to open the ${w.name(exit.door)} first.\n\n`;
    w.playerRoom = exit.to;
    return `\n${this.looking()}`;
  }

  private examine(id: string): string {
    const w = this.world;
    if (id === PLAYER) return "As good-looking as ever.\n\n";
    const desc = this.render(id, id);
    let out = desc ? `${desc}\n\n` : `You see nothing special about ${definite(w, id)}.\n\n`;
    if (w.isA(id, "s")) {
      const on = w.contents(id);
      if (on.length)
        out += `On ${definite(w, id)} ${on.length === 1 ? "is" : "are"} ${listWithIndefinites(w, on)}.\n\n`;
    } else if (w.isA(id, "c") && w.isOpen(id)) {
      const inside = w.contents(id);
      if (inside.length)
        out += `In ${definite(w, id)} ${inside.length === 1 ? "is" : "are"} ${listWithIndefinites(w, inside)}.\n\n`;
      else if (!desc) out += `${capitalise(definite(w, id))} is empty.\n\n`;
    }
    return out;
  }

  private lockedMessage(id: string): string {
    const key = this.world.matchingKey.get(id);
    if (key === undefined) return `The ${this.world.name(id)} is welded shut.\n\n`;
    return `You have to unlock the ${this.world.name(id)} with the ${this.world.name(key)} first.\n\n`;
  }

  private lockOrUnlock(verb: "lock" | "unlock", noun: string, key: string): string {
    const w = this.world;
    // The key must be held first (TextWorld's implicit-take rule runs before the lockable check).
    if (key !== PLAYER && w.holder.get(key) !== "I") return this.implicitTake(key);
    if (noun === PLAYER || !(w.isA(noun, "c") || w.isA(noun, "d")))
      return verb === "lock"
        ? "That doesn't seem to be something you can lock.\n\n"
        : "That doesn't seem to be something you can unlock.\n\n";
    const state = w.openness.get(noun);
    if (verb === "lock") {
      if (state === "locked") return "That's locked at the moment.\n\n";
      if (state === "open") return `First you would have to close ${definite(w, noun)}.\n\n`;
    } else if (state !== "locked") return "That's unlocked at the moment.\n\n";
    if (w.matchingKey.get(noun) !== key) return "That doesn't seem to fit the lock.\n\n";
    w.openness.set(noun, verb === "lock" ? "locked" : "closed");
    return `You ${verb} ${definite(w, noun)}.\n\n`;
  }

  /** TextWorld's "implicitly taking" rule: no implicit take, just a hint. */
  private implicitTake(id: string): string {
    if (this.world.isA(id, "c") || this.world.isA(id, "s") || this.world.isA(id, "d"))
      return `The ${this.world.name(id)} is fixed in place.\n\n`;
    return `You need to take the ${this.world.name(id)} first.\n\n`;
  }

  private take(id: string, bare: boolean): string {
    const w = this.world;
    if (id === PLAYER) return "You are always self-possessed.\n\n";
    const extra = bare ? "\n" : "";
    if (w.isA(id, "c") || w.isA(id, "s") || w.isA(id, "d")) return `That's fixed in place.\n\n${extra}`;
    const from = w.holder.get(id)!;
    if (from === "I") return `You already have that.\n\n${extra}`;
    w.move(id, "I");
    if (from === w.playerRoom)
      return `You pick up ${definite(w, id)} from the ground.\n\n${bare ? "\n" : ""}`;
    return `You take ${definite(w, id)} from ${definite(w, from)}.\n\n`;
  }

  private putAway(verb: "insert" | "put", noun: string, target: string): string {
    const w = this.world;
    if (noun === PLAYER) return "You can't put yourself anywhere.\n\n";
    if (w.holder.get(noun) !== "I") return this.implicitTake(noun);
    if (target === noun)
      return verb === "insert"
        ? "You can't put something inside itself.\n\n"
        : "You can't put something on top of itself.\n\n";
    if (verb === "insert") {
      if (target === PLAYER || !w.isA(target, "c")) return "That can't contain things.\n\n";
      if (!w.isOpen(target)) return `${capitalise(definite(w, target))} is closed.\n\n`;
      w.move(noun, target);
      return `You put ${definite(w, noun)} into ${definite(w, target)}.\n\n`;
    }
    if (target === PLAYER || !w.isA(target, "s"))
      return `Putting things on ${target === PLAYER ? "yourself" : definite(w, target)} would achieve nothing.\n\n`;
    w.move(noun, target);
    return `You put ${definite(w, noun)} on ${definite(w, target)}.\n\n`;
  }

  /** Every-turn rules (quests), the turn count, then the score notification and the end of the story. */
  private endOfTurn(): string {
    const w = this.world;
    let lost = false;
    this.game.quests.forEach((q, i) => {
      if (this.completed[i]) return;
      if (q.failEvents.some((e) => e.condition.every((f) => w.holds(f)))) lost = true;
      else if (q.winEvents.some((e) => e.condition.every((f) => w.holds(f)))) {
        this.score += q.reward;
        this.completed[i] = true;
      }
    });
    // A loss ends the story in the every-turn rules, before time advances; a win comes after.
    if (!lost) this.moves++;
    let out = "";
    if (this.score !== this.lastNotified) {
      const v = this.score - this.lastNotified;
      const word = NUMBER_WORDS[Math.abs(v)] ?? String(Math.abs(v));
      out += v > 0 ? `Your score has just gone up by ${word} ` : `Your score changed by ${word} `;
      out += Math.abs(v) <= 1 ? "point.\n\n" : "points.\n\n";
      this.lastNotified = this.score;
    }
    const allDone = this.game.quests.every((q, i) => q.optional || this.completed[i]);
    if (lost) this.ended = "lost";
    else if (this.game.quests.length > 0 && (this.game.legacy ? this.score >= this.maxScore : allDone))
      this.ended = "won";
    if (this.ended) out += this.obituary();
    return out;
  }

  private obituary(): string {
    const banner = this.ended === "won" ? "*** The End ***" : "*** You lost! ***";
    const turns = this.moves;
    return (
      // Basic Screen Effects centres on the 80-column screen ifvms reports.
      `\n${" ".repeat(Math.floor((80 - banner.length) / 2) - 1)}${banner}\n\n` +
      `You scored ${this.score} out of a possible ${this.maxScore}, in ${turns} ${this.turnsWord(turns)}.\n\n\n` +
      "Would you like to RESTART, RESTORE a saved game, QUIT or UNDO the last command?\n"
    );
  }

  private turnsWord(n: number): string {
    return this.game.legacy ? "turn(s)" : n === 1 ? "turn" : "turns";
  }
}

/**
 * The thing "it" means after a room description, as observed in ifvms: the last one whose contents the
 * description's conditions test ("there is something on the s_0", "the c_1 contains nothing").
 */
function lastTested(source: string): string | null {
  const re =
    /there is (?:something|nothing) (?:in|on) the ([a-zA-Z]+_\d+)|the ([a-zA-Z]+_\d+) contains nothing/g;
  let last: string | null = null;
  for (const m of source.matchAll(re)) last = m[1] ?? m[2] ?? last;
  return last;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
