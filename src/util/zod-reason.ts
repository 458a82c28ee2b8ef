import type { z } from "zod";

/** The first issue of a failed parse as "field: message". */
export function zodReason(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.length ? i.path.map(String).join(".") : "(root)"}: ${i.message}`;
}
