import { useEffect, useRef } from "react";
import { actionFor, type Action } from "./keys";

/** Runs `handlers[action]` when its shortcut is pressed anywhere in the window. */
export function useShortcuts(handlers: Partial<Record<Action, () => void>>) {
  const current = useRef(handlers);
  useEffect(() => {
    current.current = handlers;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const enabled = Object.keys(current.current) as Action[];
      const action = actionFor(event, enabled);
      if (!action) return;
      event.preventDefault();
      current.current[action]?.();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
