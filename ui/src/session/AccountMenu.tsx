import { useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import { useSession } from "./SessionContext";
import { SignOutDialog } from "./SignOutDialog";

/** The account and tenant switcher, always at hand in the sidebar. */
export function AccountMenu() {
  const call = useCall();
  const { state, update } = useSession();
  const [error, setError] = useState<CommandError | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  if (!state?.activeAccount) return null;
  const account = state.activeAccount;

  async function switchTenant(tenantId: string) {
    setError(null);
    try {
      update(await call("use_tenant", { tenantId }));
    } catch (e) {
      setError(toCommandError(e));
    }
  }

  async function switchAccount(accountId: string) {
    setError(null);
    try {
      update(await call("use_account", { accountId }));
    } catch (e) {
      setError(toCommandError(e));
    }
  }

  return (
    <section className="account-menu" aria-label="Account and tenant">
      <div className="account-id">
        <span className="account-email" data-testid="account-email">
          {account.displayName ?? account.email}
        </span>
        <span className="muted small">{new URL(account.serverUrl).host}</span>
      </div>
      {state.accounts.length > 1 && (
        <label className="small">
          Account
          <select value={account.id} onChange={(e) => void switchAccount(e.target.value)} aria-label="Account">
            {state.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.email} · {new URL(a.serverUrl).host}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="small">
        Tenant
        <select
          value={state.activeTenant?.id ?? ""}
          onChange={(e) => void switchTenant(e.target.value)}
          aria-label="Tenant"
          data-testid="tenant-select"
        >
          {!state.activeTenant && <option value="">Choose a tenant</option>}
          {state.tenants.map((t) => (
            <option key={t.id} value={t.id} disabled={t.status !== null && t.status !== "active"}>
              {t.name} · {t.role ?? "member"}
              {t.status && t.status !== "active" ? ` (${t.status})` : ""}
              {t.isDefault ? " · default" : ""}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
      <button type="button" className="link" onClick={() => setSigningOut(true)} data-testid="sign-out">
        Sign out…
      </button>
      {signingOut && <SignOutDialog onClose={() => setSigningOut(false)} />}
    </section>
  );
}
