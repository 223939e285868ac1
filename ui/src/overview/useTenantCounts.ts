import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
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
 * tenant: one `tenant_counts` call, counted in SQL (a big directory is not listed to count it).
 * When it fails, every count says why.
 */
export function useTenantCounts(revision: number): Record<CountKey, Count> {
  const call = useCall();
  const [counts, setCounts] = useState<Record<CountKey, Count>>(() => all(null));

  useEffect(() => {
    let current = true;
    call("tenant_counts", {})
      .then((c) => {
        if (current) setCounts({ contacts: c.contacts, users: c.users, groups: c.groups, spaces: c.spaces, resources: c.resources });
      })
      .catch((e: unknown) => {
        if (current) setCounts(all(toCommandError(e)));
      });
    return () => {
      current = false;
    };
  }, [call, revision]);

  return counts;
}
