/**
 * Progress of a run: items done, success so far, errors, rate and ETA. A redrawn bar on a TTY, plain
 * periodic lines otherwise (logs, CI).
 */
export class Progress {
  private done = 0;
  private successes = 0;
  private errors = 0;
  private readonly start = Date.now();
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = 5000,
  ) {}

  update(success: boolean, error: boolean): void {
    this.done++;
    if (success) this.successes++;
    if (error) this.errors++;
    const now = Date.now();
    if (this.out.isTTY) this.out.write(`\r${this.line()}\x1b[K`);
    else if (now - this.lastLine >= this.intervalMs || this.done === this.total) {
      this.lastLine = now;
      this.out.write(`${this.line()}\n`);
    }
  }

  finish(): void {
    if (this.out.isTTY) this.out.write("\n");
  }

  line(): string {
    const secs = (Date.now() - this.start) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const left = this.total - this.done;
    const eta = rate > 0 ? left / rate : NaN;
    const width = 24;
    const filled = this.total ? Math.round((width * this.done) / this.total) : width;
    const bar = "#".repeat(filled) + ".".repeat(width - filled);
    const pct = this.done ? ((100 * this.successes) / this.done).toFixed(1) : "0.0";
    return `${this.label} [${bar}] ${this.done}/${this.total} success ${pct}% errors ${this.errors} ${rate.toFixed(2)}/s ETA ${fmt(eta)}`;
  }
}

function fmt(s: number): string {
  if (!Number.isFinite(s)) return "--:--";
  const m = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return `${m}:${String(sec).padStart(2, "0")}`;
}
