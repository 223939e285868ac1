import { createContext, useContext, type ReactNode } from "react";
import type { Call } from "./transport";

const CallContext = createContext<Call | null>(null);

export function CallProvider({ call, children }: { call: Call; children: ReactNode }) {
  return <CallContext.Provider value={call}>{children}</CallContext.Provider>;
}

/** The backend call of the surrounding provider. */
export function useCall(): Call {
  const call = useContext(CallContext);
  if (!call) throw new Error("useCall outside of a CallProvider");
  return call;
}
