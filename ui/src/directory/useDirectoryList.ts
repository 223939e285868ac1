import { useEffect, useState } from "react";
import { useCall } from "../api/context";
import type { Directory, DirectoryItem } from "../generated/bindings";

/** The directory's people (or spaces, resources) for a picker; empty until a sync fetched them, or when it cannot be read. */
export function useDirectoryList(kind: Directory | null): DirectoryItem[] | null {
  const call = useCall();
  const [items, setItems] = useState<{ kind: Directory; items: DirectoryItem[] } | null>(null);
  useEffect(() => {
    if (!kind) return;
    let current = true;
    call("list_directory", { kind }).then(
      (found) => current && setItems({ kind, items: found }),
      () => current && setItems({ kind, items: [] }),
    );
    return () => {
      current = false;
    };
  }, [call, kind]);
  return kind && items?.kind === kind ? items.items : null;
}
