// What this installation is (version, data folder, replica schema, server): it does not change
// while the app runs, so it is read once per window and shared by whoever shows it.

import { useQuery } from "@tanstack/react-query";
import type { AppInfo } from "../generated/bindings";
import { useCall } from "./context";
import { toCommandError, type CommandError } from "./transport";

export function useAppInfo(): { info: AppInfo | null; error: CommandError | null } {
  const call = useCall();
  const { data, error } = useQuery({ queryKey: ["appInfo"], queryFn: () => call("app_info", {}) });
  return { info: data ?? null, error: error ? toCommandError(error) : null };
}
