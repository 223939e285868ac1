import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, type ReactNode } from "react";
import { useCall } from "../api/context";
import { SESSION_KEY } from "../api/live";
import { toCommandError, type CommandError } from "../api/transport";
import type { SessionState } from "../generated/bindings";

interface SessionValue {
  /** null until the first answer. */
  state: SessionState | null;
  error: CommandError | null;
  /** Replaces the state with one a command returned. */
  update: (state: SessionState) => void;
  reload: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Who is signed in, to which server, in which tenant: read once, replaced by every command that
 * changes it, and read again when the backend says it changed (a `session` event: a sign-in or a
 * switch made elsewhere, such as another window on the same bridge).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const call = useCall();
  const client = useQueryClient();
  const query = useQuery({ queryKey: SESSION_KEY, queryFn: () => call("session_state", {}) });
  const update = useCallback((state: SessionState) => client.setQueryData(SESSION_KEY, state), [client]);
  const reload = useCallback(() => client.invalidateQueries({ queryKey: SESSION_KEY }), [client]);
  const value: SessionValue = {
    state: query.data ?? null,
    // A failed re-read keeps the state shown; the error matters only before there is one.
    error: query.error ? toCommandError(query.error) : null,
    update,
    reload,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside of a SessionProvider");
  return value;
}
