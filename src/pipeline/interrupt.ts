/** Ctrl-C stops taking new work and aborts requests in flight; what was written stays, so a re-run resumes. */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void; interrupted: () => boolean } {
  const ctl = new AbortController();
  const onSigint = () => {
    if (ctl.signal.aborted) process.exit(130);
    process.stderr.write(
      "\ninterrupted: finishing what was written; re-run the same command to resume (Ctrl-C again to quit now)\n",
    );
    ctl.abort();
  };
  process.on("SIGINT", onSigint);
  return {
    signal: ctl.signal,
    dispose: () => process.off("SIGINT", onSigint),
    interrupted: () => ctl.signal.aborted,
  };
}
