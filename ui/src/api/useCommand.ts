import { useCallback, useState } from "react";
import type { CommandName, Commands } from "../generated/bindings";
import { useCall } from "./context";
import { toCommandError, type CommandError } from "./transport";

export type CommandState<T> =
  | { status: "idle" }
  | { status: "running" }
  | { status: "done"; value: T }
  | { status: "failed"; error: CommandError };

/** Runs a command on demand and tracks its state for the screen. */
export function useCommand<K extends CommandName>(name: K) {
  const call = useCall();
  const [state, setState] = useState<CommandState<Commands[K]["result"]>>({ status: "idle" });
  const run = useCallback(
    async (args: Commands[K]["args"]) => {
      setState({ status: "running" });
      try {
        const value = await call(name, args);
        setState({ status: "done", value });
        return value;
      } catch (e) {
        setState({ status: "failed", error: toCommandError(e) });
        return undefined;
      }
    },
    [call, name],
  );
  return [state, run] as const;
}
