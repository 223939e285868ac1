import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { Directory } from "../generated/bindings";

/** A number, why it could not be had, or null while it is asked for. */
export type Count = number | CommandError | null;

export type CountKey = "contacts" | Directory;

const DIRECTORY: readonly Directory[] = ["users", "groups", "spaces", "resources"];

/**
 * How many contacts the replica holds (the list's total, one row asked for) and how many users,
 * groups, spaces and resources the last sync brought. Each count stands alone: one that fails
 * says why without hiding the others.
 */
export function useTenantCounts(revision: number): Record<CountKey, Count> {
  const call = useCall();
  const [counts, setCounts] = useState<Record<CountKey, Count>>({
    contacts: null,
    users: null,
    groups: null,
    spaces: null,
    resources: null,
  });

  useEffect(() => {
    let current = true;
    const take = (key: CountKey) => [
      (n: number) => current && setCounts((c) => ({ ...c, [key]: n })),
      (e: unknown) => current && setCounts((c) => ({ ...c, [key]: toCommandError(e) })),
    ] as const;
    call("list_contacts", { sort: "name", offset: 0, limit: 1 })
      .then((page) => page.total)
      .then(...take("contacts"));
    for (const kind of DIRECTORY) {
      call("list_directory", { kind })
        .then((items) => items.length)
        .then(...take(kind));
    }
    return () => {
      current = false;
    };
  }, [call, revision]);

  return counts;
}
