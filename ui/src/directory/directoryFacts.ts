// What a user's, space's or resource's detail pane shows of the record the server sent: its
// plain fields (text, numbers, yes/no, lists of text) with readable labels, dates as dates, and
// never ids, secrets or nested objects.

import { when } from "../sync/words";

const HIDDEN = /(^id$|Id$|_id$|Ids$|_ids$|password|token|secret|hash|^name$|^email$|^status$)/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "lastLoginAt" or "last_login_at" as "Last login at". */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return ISO_TIME.test(value) ? when(value) : value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.length ? value.join(", ") : null;
  return null;
}

/** The facts to show, in the server's order: [label, value]. */
export function directoryFacts(raw: Record<string, unknown>): [string, string][] {
  const facts: [string, string][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (HIDDEN.test(key)) continue;
    const text = shown(value);
    if (text !== null) facts.push([labelOf(key), text]);
  }
  return facts;
}
