// Runs a compiled TextWorld game (.z8) in ifvms, the oracle our native engine is compared with.
// The buffer window's text is collected per input; the status line comes from the grid window.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);

interface GlkLine {
  append?: boolean;
  content?: (string | { text: string })[];
}
interface GlkContent {
  id: number;
  text?: GlkLine[];
  lines?: { line: number; content?: (string | { text: string })[] }[];
}
interface GlkUpdate {
  type: string;
  gen: number;
  windows?: { id: number; type: string }[];
  content?: GlkContent[];
  input?: { id: number; type: string }[];
  message?: string;
}

function spanText(content: (string | { text: string })[] | undefined): string {
  if (!content) return "";
  let out = "";
  for (let i = 0; i < content.length; i++) {
    const c = content[i]!;
    if (typeof c === "string") out += content[++i] as string;
    else out += c.text;
  }
  return out;
}

/** One interpreter session: `start()` gives the opening text, `send(cmd)` the reply to one command. */
export class ZMachineGame {
  private buffer = "";
  private status = "";
  private bufferWin = -1;
  private gridWin = -1;
  private generation = 0;
  private inputWin: number | null = null;
  private ended = false;
  private iface: { accept(res: unknown): void } | null = null;

  constructor(private readonly storyPath: string) {}

  /** The text printed before the first prompt. */
  start(): string {
    // ifvms and glkapi keep their state in module scope: each game loads them afresh, so only the game
    // started last in a process is live.
    for (const key of Object.keys(require.cache))
      if (/[\\/]node_modules[\\/](ifvms|glkote-term)[\\/]/.test(key)) delete require.cache[key];
    const ZVM = require("ifvms/src/zvm.js") as new () => {
      prepare(data: Buffer, options: unknown): void;
    };
    const Glk = require("glkote-term/src/glkapi.js") as { init(options: unknown): void };
    const vm = new ZVM();
    const glkote = {
      init: (iface: { accept(res: unknown): void }) => {
        this.iface = iface;
        this.respond({ type: "init", metrics: metrics(), support: [] });
      },
      update: (data: GlkUpdate) => this.update(data),
      getinterface: () => this.iface,
      log: () => {},
      warning: () => {},
      error: (msg: string) => {
        throw new Error(`ifvms: ${msg}`);
      },
    };
    const options = { vm, Glk, GlkOte: glkote, Dialog: {} };
    vm.prepare(readFileSync(this.storyPath), options);
    Glk.init(options);
    return this.take();
  }

  /** The text printed in reply to `command`, up to the next prompt (the prompt included). */
  send(command: string): string {
    if (this.ended || this.inputWin === null) throw new Error("ifvms: the game is not waiting for a command");
    const win = this.inputWin;
    this.inputWin = null;
    this.respond({ type: "line", window: win, value: command });
    return this.take();
  }

  /** The status grid's text (room heading and score/turns), as last drawn. */
  statusLine(): string {
    return this.status;
  }

  get finished(): boolean {
    return this.ended || this.inputWin === null;
  }

  private take(): string {
    const out = this.buffer;
    this.buffer = "";
    return out;
  }

  private respond(res: Record<string, unknown>): void {
    this.iface!.accept({ ...res, gen: this.generation });
  }

  private update(data: GlkUpdate): void {
    if (data.type === "error") throw new Error(`ifvms: ${data.message ?? "error"}`);
    if (data.type === "exit") {
      this.ended = true;
      return;
    }
    if (data.type !== "update") return;
    this.generation = data.gen;
    for (const w of data.windows ?? []) {
      if (w.type === "buffer") this.bufferWin = w.id;
      if (w.type === "grid") this.gridWin = w.id;
    }
    for (const c of data.content ?? []) {
      if (c.id === this.bufferWin) {
        for (const line of c.text ?? []) {
          if (!line.append) this.buffer += "\n";
          this.buffer += spanText(line.content);
        }
      } else if (c.id === this.gridWin && c.lines) {
        const first = c.lines.find((l) => l.line === 0);
        if (first) this.status = spanText(first.content);
      }
    }
    const line = (data.input ?? []).find((i) => i.type === "line");
    this.inputWin = line ? line.id : null;
  }
}

function metrics(): Record<string, number> {
  return {
    buffercharheight: 1,
    buffercharwidth: 1,
    buffermarginx: 0,
    buffermarginy: 0,
    graphicsmarginx: 0,
    graphicsmarginy: 0,
    gridcharheight: 1,
    gridcharwidth: 1,
    gridmarginx: 0,
    gridmarginy: 0,
    height: 25,
    inspacingx: 0,
    inspacingy: 0,
    outspacingx: 0,
    outspacingy: 0,
    width: 80,
  };
}
