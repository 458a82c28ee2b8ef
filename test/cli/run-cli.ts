/** Runs the CLI in-process (as the binary does), capturing what it prints. */
import { vi } from "vitest";
import { runCli } from "../../src/cli/program.js";

export interface CliRun {
  status: number;
  /** console.log lines. */
  stdout: string[];
  stderr: string;
}

export async function cli(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    return { status: await runCli(args), stdout: out, stderr: err.join("") };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
}
