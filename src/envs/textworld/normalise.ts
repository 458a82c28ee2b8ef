/**
 * The one normalisation under which TextWorld observations from different interpreters are compared.
 *
 * Three sources print the same game differently:
 * - ifvms (`zmachine.ts`, our oracle): the reply starts with the echoed command line and ends with the
 *   prompt `"\n>"` (`"\n> "` at the end-of-game question).
 * - Jericho (frotz), as recorded in `gpt4_transcripts.jsonl`: no echo, a leading `"\n"`, one extra `"\n"`
 *   after the output of every command that took a turn, then `">"`, 128 spaces and the status line
 *   `-= Room =-score/moves`, then whatever the recording agent appended.
 * - the native engine (`session.ts`): ifvms's text without the echo (and without the prompt).
 *
 * `normaliseObservation` maps all three to the same text:
 *   1. cut at the last `"\n>"`: the prompt and everything after it (Jericho's status suffix, appended text);
 *   2. strip trailing whitespace from every line;
 *   3. drop leading and trailing empty lines;
 *   4. collapse each run of empty lines to one empty line.
 * `stripEcho` (ifvms only, applied before) drops the first line when it is the echo of the command sent:
 * the echo is a prefix of the command (ifvms truncates long input). After a confirmed restart ifvms clears
 * the window and prints no echo; that reply starts with empty lines, which step 3 drops anyway.
 *
 * Step 4 hides real differences in blank lines (Jericho's extra newline, TextWorld's extra blank line after
 * "You pick up the X from the ground."), so byte-faithfulness to ifvms is measured separately on
 * `rawOracleText`: the echo-stripped reply with only the final prompt removed.
 */

/** Drops the echoed command line from an ifvms reply, when the first line is that echo. */
export function stripEcho(reply: string, command: string): string {
  const nl = reply.indexOf("\n");
  if (nl < 0) return command.startsWith(reply) ? "" : reply;
  const first = reply.slice(0, nl);
  return command.startsWith(first) ? reply.slice(nl + 1) : reply;
}

/** Removes the final prompt (`">"` or `"> "` at the very end) and nothing else. */
export function stripPrompt(text: string): string {
  return text.replace(/> ?$/, "");
}

/** The ifvms reply as the native engine is meant to print it byte for byte: no echo, no final prompt. */
export function rawOracleText(reply: string, command: string | null): string {
  return stripPrompt(command === null ? reply : stripEcho(reply, command));
}

/** The documented normalisation (steps 1-4 above), applied to any side. */
export function normaliseObservation(text: string): string {
  const cut = text.lastIndexOf("\n>");
  const body = cut >= 0 ? text.slice(0, cut) : text;
  const lines = body.split("\n").map((l) => l.replace(/\s+$/, ""));
  let a = 0;
  let b = lines.length;
  while (a < b && lines[a] === "") a++;
  while (b > a && lines[b - 1] === "") b--;
  const out: string[] = [];
  for (let i = a; i < b; i++) {
    const line = lines[i]!;
    if (line === "" && out[out.length - 1] === "") continue;
    out.push(line);
  }
  return out.join("\n");
}

/** An ifvms reply normalised: echo dropped (when `command` is given), then `normaliseObservation`. */
export function normaliseOracleReply(reply: string, command: string | null): string {
  return normaliseObservation(command === null ? reply : stripEcho(reply, command));
}

export interface StatusLine {
  /** The room heading, e.g. "-= Cellar =-". */
  room: string;
  score: number;
  moves: number;
}

/**
 * Parses a status line: Jericho's suffix after the last prompt (`">" + spaces + "-= Cellar =-0/2"`, possibly
 * followed by text the recorder appended) or ifvms's grid line (`" -= Cellar =-   0/2   "`). Null if absent.
 */
export function parseStatusLine(text: string): StatusLine | null {
  const cut = text.lastIndexOf("\n>");
  const tail = cut >= 0 ? text.slice(cut + 2) : text;
  const m = /^\s*(-= .*? =-)\s*(-?\d+)\/(\d+)/.exec(tail);
  if (!m) return null;
  return { room: m[1]!, score: Number(m[2]), moves: Number(m[3]) };
}
