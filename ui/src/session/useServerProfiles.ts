import { useCallback, useEffect, useRef, useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { SaveServerArgs, ServerProfile } from "../generated/bindings";

export interface ServerProfiles {
  /** null until the first answer. */
  profiles: ServerProfile[] | null;
  /** Why the list could not be read. */
  error: CommandError | null;
  /** Adds or changes a profile; resolves to the backend's objection, or null once saved. */
  save: (args: SaveServerArgs) => Promise<CommandError | null>;
  /** Forgets a profile; resolves to the backend's objection, or null once removed. */
  remove: (name: string) => Promise<CommandError | null>;
}

/**
 * The known servers, kept as each command answers them (every one answers the whole list).
 * `onFirstList` sees the list read on first show, to preselect from it.
 */
export function useServerProfiles(onFirstList?: (profiles: ServerProfile[]) => void): ServerProfiles {
  const call = useCall();
  const first = useRef(onFirstList);
  const [profiles, setProfiles] = useState<ServerProfile[] | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  useEffect(() => {
    let current = true;
    call("list_servers", {}).then(
      (list) => {
        if (!current) return;
        setProfiles(list);
        first.current?.(list);
      },
      (e: unknown) => current && setError(toCommandError(e)),
    );
    return () => {
      current = false;
    };
  }, [call]);

  const change = useCallback(async (run: () => Promise<ServerProfile[]>) => {
    try {
      setProfiles(await run());
      setError(null);
      return null;
    } catch (e) {
      return toCommandError(e);
    }
  }, []);

  const save = useCallback((args: SaveServerArgs) => change(() => call("save_server", args)), [call, change]);
  const remove = useCallback((name: string) => change(() => call("remove_server", { name })), [call, change]);

  return { profiles, error, save, remove };
}
