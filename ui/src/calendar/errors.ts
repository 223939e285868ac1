// The backend's `invalid` errors name a field (`details.field`): the editors show them there.

import { CommandError } from "../api/transport";

/** The field an `invalid` error is about (mapped to the form's own name), and its message without the field's name in front. */
export function fieldError(
  error: CommandError | null,
  known: Record<string, string>,
  rename: Record<string, string> = {},
): { field: string; message: string } | null {
  if (!error || error.code !== "invalid") return null;
  const raw = error.details?.field;
  if (typeof raw !== "string") return null;
  const field = rename[raw] ?? raw;
  if (!(field in known)) return null;
  const prefix = `${raw}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { field, message };
}

/** A mistake found before asking the backend, shaped like the backend's own. */
export function invalid(field: string, message: string): CommandError {
  return new CommandError({ code: "invalid", message: `${field}: ${message}`, details: { field } });
}
