import { render } from "@testing-library/react";
import { CallProvider } from "../api/context";
import type { Call } from "../api/transport";
import { DirectoryScreen } from "../directory/DirectoryScreen";
import { sectionHash, type Section } from "../directory/sections";
import { SessionProvider } from "../session/SessionContext";
import { SyncProvider } from "../sync/SyncContext";

/** The Directory as the app shows it (session and sync around it), opened on `section`. */
export function renderDirectory(call: Call, section: Section) {
  window.history.replaceState(null, "", `/${sectionHash(section)}`);
  return render(
    <CallProvider call={call}>
      <SessionProvider>
        <SyncProvider>
          <DirectoryScreen />
        </SyncProvider>
      </SessionProvider>
    </CallProvider>,
  );
}
