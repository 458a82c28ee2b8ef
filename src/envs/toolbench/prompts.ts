/**
 * What a zero-/few-shot world model is told about the API task (our wording, prefixed to the reference's
 * own system prompt, which already explains the JSON format).
 */
export const TOOLBENCH_WM_TASK =
  "You simulate a real web API (StableToolBench / RapidAPI). The user sends the API's documentation and one request; " +
  'reply with exactly the JSON object the real API server returns, {"error": "...", "response": "..."}, and nothing else. ' +
  'Failed calls put the error message in "error" and leave "response" empty.';
