/**
 * The 100 GPT-4 transcripts recorded under Jericho (agentic-lm/gpt4_transcripts.jsonl), replayed:
 * - through ifvms, proving that the one normalisation (src/envs/textworld/normalise.ts) maps ifvms's
 *   replies and Jericho's recorded observations to the same text;
 * - through the native engine, which must give the recorded observations under that normalisation.
 *
 * A record is `{world, moves, score, history: [system, user (opening), assistant, user, ..., assistant]}`.
 * The recorder (GPT4_agent.py in juliantcchu/Agentic_LM) sent the text between the first two
 * `[command]` markers of each assistant turn and appended a question to every observation. 23 assistant
 * turns have no markers; each got "That's not a verb I recognise." (whatever was sent had no comma, or
 * Inform would have said "You seem to want to talk to someone…"), so their first word is replayed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hasShared, sharedPath } from "../../shared-data.js";
import { openOracle } from "../../../src/envs/textworld/compare.js";
import { loadTextWorldGame } from "../../../src/envs/textworld/game-file.js";
import { TextWorldSession } from "../../../src/envs/textworld/session.js";
import {
  normaliseObservation,
  normaliseOracleReply,
  parseStatusLine,
  rawOracleText,
  stripEcho,
} from "../../../src/envs/textworld/normalise.js";

interface Turn {
  role: "system" | "user" | "assistant";
  content: string;
}
interface Transcript {
  world: string;
  moves: number;
  score: number;
  history: Turn[];
}

const DIR = ["textworld", "games", "agentic-lm"];
const APPENDED = "\n\n What will you do next? Give me the next command. ";
const PAD = " ".repeat(128);

/** The command the recorder sent for an assistant turn. */
function transcriptCommand(content: string): string {
  const m = /\[command\]([\s\S]*?)\[command\]/.exec(content);
  return m ? m[1]! : (content.trim().split(/\s+/)[0] ?? "");
}

function loadTranscripts(): Transcript[] {
  return readFileSync(sharedPath(...DIR, "gpt4_transcripts.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Transcript);
}

function gameBase(t: Transcript): string {
  const m = /world_with_seed_(\d+)\.z8$/.exec(t.world);
  if (!m) throw new Error(`unexpected world ${t.world}`);
  return sharedPath(...DIR, `world_with_seed_${m[1]}`);
}

/** (command or null for the opening, recorded observation) pairs, in order. */
function steps(t: Transcript): { command: string | null; observation: string }[] {
  const out: { command: string | null; observation: string }[] = [];
  let command: string | null = null;
  for (const turn of t.history) {
    if (turn.role === "assistant") command = transcriptCommand(turn.content);
    else if (turn.role === "user") out.push({ command, observation: turn.content });
  }
  return out;
}

describe("normalise", () => {
  it("maps an ifvms reply and the Jericho observation of the same step to the same text", () => {
    const ifvms = "take key\nYou pick up the key from the ground.\n\n\n>";
    const jericho = `\nYou pick up the key from the ground.\n\n\n\n>${PAD}-= Cellar =-0/2${APPENDED}`;
    expect(normaliseOracleReply(ifvms, "take key")).toBe("You pick up the key from the ground.");
    expect(normaliseObservation(jericho)).toBe("You pick up the key from the ground.");
    expect(normaliseObservation("You pick up the key from the ground.\n\n\n")).toBe(
      "You pick up the key from the ground.",
    );
  });

  it("keeps single blank lines, drops trailing spaces and the end-of-game prompt", () => {
    const ifvms = "x\nA  \n\n\n\nB\n\nC?\n> ";
    expect(normaliseOracleReply(ifvms, "x")).toBe("A\n\nB\n\nC?");
  });

  it("strips the echo only when it is the command (or a truncated prefix of it)", () => {
    expect(stripEcho("look\n-= Bedroom =-\n", "look")).toBe("-= Bedroom =-\n");
    expect(stripEcho("take very ve\nYou can't see any such thing.\n\n>", "take very very old key")).toBe(
      "You can't see any such thing.\n\n>",
    );
    // Empty command: the echo is an empty line.
    expect(stripEcho("\nI beg your pardon?\n\n>", "")).toBe("I beg your pardon?\n\n>");
    // After a confirmed restart the window is cleared: no echo, the opening starts with empty lines.
    expect(normaliseOracleReply("\n\n\n\nBANNER\n\n>", "y")).toBe("BANNER");
    expect(rawOracleText("look\nYou can't go that way.\n\n>", "look")).toBe("You can't go that way.\n\n");
    expect(rawOracleText("put x\nWould you like to RESTART?\n> ", "put x")).toBe(
      "Would you like to RESTART?\n",
    );
  });

  it("parses Jericho's status suffix and ifvms's status grid", () => {
    expect(parseStatusLine(`\nYou can't see any such thing.\n\n>${PAD}-= Cellar =-0/1${APPENDED}`)).toEqual({
      room: "-= Cellar =-",
      score: 0,
      moves: 1,
    });
    expect(parseStatusLine(" -= Living Room =-                      3/12         ")).toEqual({
      room: "-= Living Room =-",
      score: 3,
      moves: 12,
    });
    expect(parseStatusLine("You can't go that way.\n\n>")).toBeNull();
  });
});

describe.runIf(hasShared(...DIR, "gpt4_transcripts.jsonl"))("GPT-4 transcripts (Jericho)", () => {
  it("replayed through ifvms give the recorded observations under the normalisation", () => {
    const transcripts = loadTranscripts();
    expect(transcripts).toHaveLength(100);
    let total = 0;
    const bad: string[] = [];
    for (const [i, t] of transcripts.entries()) {
      const { game, opening } = openOracle(`${gameBase(t)}.z8`);
      let prevMoves = 1;
      for (const s of steps(t)) {
        const reply = s.command === null ? opening : game.send(s.command);
        total++;
        const want = normaliseObservation(s.observation);
        const got = normaliseOracleReply(reply, s.command);
        if (got !== want && bad.length < 5)
          bad.push(
            `#${i} ${JSON.stringify(s.command)}\n ifvms: ${JSON.stringify(got)}\n jericho: ${JSON.stringify(want)}`,
          );
        // The recorded status suffix agrees with ifvms's status line.
        const rec = parseStatusLine(s.observation);
        const ora = parseStatusLine(game.statusLine());
        expect(rec, `#${i} status`).toEqual(ora);
        // Jericho's raw text: "\n" + ifvms's (no echo), plus one "\n" after the output iff the turn advanced.
        if (s.command !== null) {
          const jb = s.observation.slice(0, s.observation.lastIndexOf("\n>"));
          const ib = `\n${rawOracleText(reply, s.command).replace(/\n$/, "")}`;
          const advanced = rec!.moves > prevMoves;
          if (advanced) expect(jb.replace(/\n(?=\nYour score)|\n$/, ""), `#${i} ${s.command}`).toBe(ib);
          else expect(jb, `#${i} ${s.command}`).toBe(ib);
        }
        prevMoves = rec!.moves;
      }
    }
    expect(bad, bad.join("\n")).toEqual([]);
    expect(total).toBe(893);
  });
});

const HAVE = hasShared(...DIR, "gpt4_transcripts.jsonl");

describe.runIf(HAVE)("GPT-4 transcripts (Jericho) replayed natively", () => {
  const transcripts = HAVE ? loadTranscripts() : [];
  let matched = 0;
  let total = 0;

  for (const [i, t] of transcripts.entries()) {
    it(`#${i} ${t.world}`, () => {
      const session = new TextWorldSession(loadTextWorldGame(`${gameBase(t)}.json`));
      const bad: string[] = [];
      for (const s of steps(t)) {
        const text = s.command === null ? session.start() : session.step(s.command);
        total++;
        const got = normaliseObservation(text);
        const want = normaliseObservation(s.observation);
        const rec = parseStatusLine(s.observation)!;
        const status = `${session.location} ${session.score}/${session.moves}`;
        if (got === want && status === `${rec.room} ${rec.score}/${rec.moves}`) matched++;
        else if (bad.length === 0)
          bad.push(
            `${JSON.stringify(s.command)}\n native: ${JSON.stringify(got)} [${status}]` +
              `\n jericho: ${JSON.stringify(want)} [${rec.room} ${rec.score}/${rec.moves}]`,
          );
      }
      expect(bad, bad.join("\n")).toEqual([]);
    });
  }

  it("summary", () => {
    console.log(`native vs Jericho transcripts: ${matched}/${total} observations match`);
    expect(total).toBeGreaterThan(0);
  });
});
