/**
 * Single-step exact match, the paper's fidelity metric: a prediction is correct iff
 * `pred.strip() == gt.strip()` in Python. Stripping uses Python's whitespace set (see util/pystr.ts), not
 * JavaScript's trim(), so every input is judged as the reference judges it. Nothing else is normalised:
 * case, inner whitespace and the success marker " [SUCCESS]" (part of the observation text) all count.
 */
import { pyStrip } from "../util/pystr.js";

export function exactMatch(pred: string, truth: string): boolean {
  return pyStrip(pred) === pyStrip(truth);
}
