import { fireEvent, render, screen } from "@testing-library/react";
import { CallProvider } from "../api/context";
import type { Call } from "../api/transport";
import { DirectoryScreen } from "../directory/DirectoryScreen";
import { SessionProvider } from "../session/SessionContext";
import { SyncProvider } from "../sync/SyncContext";

/** The Directory as the app shows it (session and sync around it), on its Groups tab. */
export function renderGroups(call: Call) {
  const view = render(
    <CallProvider call={call}>
      <SessionProvider>
        <SyncProvider>
          <DirectoryScreen />
        </SyncProvider>
      </SessionProvider>
    </CallProvider>,
  );
  fireEvent.click(screen.getByRole("tab", { name: "Groups" }));
  return view;
}
