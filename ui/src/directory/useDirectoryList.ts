import { useCommandQuery } from "../api/queries";
import type { Directory, DirectoryItem } from "../generated/bindings";

/** The directory's people (or spaces, resources) for a picker; empty until a sync fetched them, or when it cannot be read. */
export function useDirectoryList(kind: Directory | null): DirectoryItem[] | null {
  const { data, error } = useCommandQuery([kind ?? "users"], "list_directory", { kind: kind ?? "users" }, { enabled: !!kind });
  if (!kind) return null;
  if (error) return [];
  return data ?? null;
}
