// The backend as the screens reach it: the call transport, the query cache, and the events that
// keep the cache current (no screen asks again on a timer).

import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { BackendEvents } from "./events";
import { useLiveUpdates } from "./live";
import { newQueryClient } from "./queries";
import type { Call } from "./transport";

const CallContext = createContext<Call | null>(null);

interface Props {
  call: Call;
  /** What the backend pushes; null where nothing is pushed (component tests that do not need it). */
  events?: BackendEvents | null;
  /** One cache for the whole window; tests get a fresh one each. */
  client?: QueryClient;
  children: ReactNode;
}

export function CallProvider({ call, events, client, children }: Props) {
  const [own] = useState(() => client ?? newQueryClient());
  // A test backend (testing/fakeCall.ts) carries its own events.
  const pushed = events !== undefined ? events : ((call as { events?: BackendEvents }).events ?? null);
  return (
    <CallContext.Provider value={call}>
      <QueryClientProvider client={own}>
        <LiveUpdates events={pushed} />
        {children}
      </QueryClientProvider>
    </CallContext.Provider>
  );
}

function LiveUpdates({ events }: { events: BackendEvents | null }) {
  useLiveUpdates(events);
  return null;
}

/** The backend call of the surrounding provider. */
export function useCall(): Call {
  const call = useContext(CallContext);
  if (!call) throw new Error("useCall outside of a CallProvider");
  return call;
}
