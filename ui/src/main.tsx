import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { CallProvider } from "./api/context";
import { eventsFor } from "./api/events";
import { defaultBridge, defaultTransport } from "./api/transport";
import { SessionProvider } from "./session/SessionContext";
import "./styles.css";

const root = createRoot(document.getElementById("root") as HTMLElement);
const bridge = defaultBridge();
const call = defaultTransport(bridge);
// Made once for the window: every screen is kept current from this one stream.
const events = eventsFor(bridge);

root.render(
  <StrictMode>
    {call ? (
      <CallProvider call={call} events={events}>
        <SessionProvider>
          <App />
        </SessionProvider>
      </CallProvider>
    ) : (
      <main className="content" role="alert">
        <h1>Outpost has no backend here</h1>
        <p>
          Open the desktop app, or start the bridge with <code>outpost bridge --demo --ui-dir ui/dist</code> and
          open the address it prints.
        </p>
      </main>
    )}
  </StrictMode>,
);
