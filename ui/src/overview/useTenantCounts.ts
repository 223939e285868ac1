import { useCommandQuery } from "../api/queries";
import type { CommandError } from "../api/transport";
import type { Directory } from "../generated/bindings";

/** A number, why it could not be had, or null while it is asked for. */
export type Count = number | CommandError | null;

export type CountKey = "contacts" | Directory;

const KEYS: readonly CountKey[] = ["contacts", "users", "groups", "spaces", "resources"];

function all(value: Count): Record<CountKey, Count> {
  return Object.fromEntries(KEYS.map((k) => [k, value])) as Record<CountKey, Count>;
}

/**
 * How many contacts, users, groups, spaces and resources the replica holds for the active
 * tenant: one `tenant_counts` call, counted in SQL (a big directory is not listed to count it),
 * read again when any of them changes. When it fails, every count says why.
 */
export function useTenantCounts(): Record<CountKey, Count> {
  const { data: c, error } = useCommandQuery(
    ["contacts", "calendars", "users", "groups", "spaces", "resources"],
    "tenant_counts",
    {},
  );
  if (c) return { contacts: c.contacts, users: c.users, groups: c.groups, spaces: c.spaces, resources: c.resources };
  return all(error);
}
