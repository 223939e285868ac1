import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { useCall } from "../api/context";
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

/** Who is signed in, to which server, in which tenant: loaded once, updated by every command that changes it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const call = useCall();
  const [state, setState] = useState<SessionState | null>(null);
  const [error, setError] = useState<CommandError | null>(null);

  const reload = useCallback(async () => {
    try {
      setState(await call("session_state", {}));
      setError(null);
    } catch (e) {
      setError(toCommandError(e));
    }
  }, [call]);

  useEffect(() => {
    let current = true;
    call("session_state", {}).then(
      (s) => current && setState(s),
      (e: unknown) => current && setError(toCommandError(e)),
    );
    return () => {
      current = false;
    };
  }, [call]);

  return (
    <SessionContext.Provider value={{ state, error, update: setState, reload }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside of a SessionProvider");
  return value;
}
