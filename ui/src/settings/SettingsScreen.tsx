import { useState } from "react";
import { useSession } from "../session/SessionContext";
import { SignOutDialog } from "../session/SignOutDialog";
import { SyncSettingsForm } from "./SyncSettingsForm";
import { ThemePicker } from "./ThemePicker";
import { WatchFolderForm } from "./WatchFolderForm";

/** Sync interval and entry window (per account), the watched folder, the theme (this computer), and signing out. */
export function SettingsScreen() {
  const { state } = useSession();
  const [signingOut, setSigningOut] = useState(false);
  const account = state?.activeAccount;
  return (
    <main className="content settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <SyncSettingsForm />
      <WatchFolderForm />
      <ThemePicker />
      <section className="card" aria-labelledby="account-title">
        <header className="card-header">
          <div>
            <h2 id="account-title">Account</h2>
            {account && (
              <p className="muted small">
                {account.email} on {new URL(account.serverUrl).host}
              </p>
            )}
          </div>
          <button type="button" className="secondary" onClick={() => setSigningOut(true)}>
            Sign out…
          </button>
        </header>
      </section>
      {signingOut && <SignOutDialog onClose={() => setSigningOut(false)} />}
    </main>
  );
}
