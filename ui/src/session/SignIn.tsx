import { useEffect, useState, type FormEvent } from "react";
import { useCommandMutation } from "../api/queries";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import type { SecondFactorMethod } from "../generated/bindings";
import { landOnOverview } from "../nav/routes";
import { ServerField } from "./ServerField";
import { ServerManager } from "./ServerManager";
import { sameAddress } from "./servers";
import { useSession } from "./SessionContext";
import { useServerProfiles } from "./useServerProfiles";

/** Sign-in: server, email, password, then the second factor when the account has one. */
export function SignIn() {
  const call = useCall();
  const { state, update } = useSession();
  const last = state?.activeAccount;
  const [serverUrl, setServerUrl] = useState(last?.serverUrl ?? "");
  const [email, setEmail] = useState(last?.email ?? "");
  const [password, setPassword] = useState("");
  const [rememberMe, setRememberMe] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  const pending = state?.pendingSecondFactor ?? null;
  const [health, checkHealth] = useCommandMutation("server_health");
  // With no server used before (nor one this app was started with), offer the first saved one.
  const servers = useServerProfiles((list) => {
    const first = list[0]?.url;
    if (first) setServerUrl((current) => current || first);
  });
  const [managing, setManaging] = useState(false);

  // Offer the server this app was started with (the demo's devserver, or --server).
  useEffect(() => {
    if (serverUrl) return;
    let current = true;
    call("app_info", {}).then(
      (info) => {
        if (current && info.serverUrl) {
          setServerUrl(info.serverUrl);
          void checkHealth({ serverUrl: info.serverUrl });
        }
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
    // Only once, on first show.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const outcome = await call("sign_in", { serverUrl, email, password, rememberMe });
      setPassword("");
      if (outcome.session.signedIn) landOnOverview();
      update(outcome.session);
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  }

  if (pending) return <SecondFactor email={pending.email} serverUrl={pending.serverUrl} />;

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <div className="brand">
          <img src="/icon.png" alt="" width={32} height={32} />
          <span>Outpost</span>
        </div>
        <h1 id="signin-title">Sign in</h1>
        <ServerField
          profiles={servers.profiles ?? []}
          value={serverUrl}
          onChange={setServerUrl}
          onSettle={(url) => void checkHealth({ serverUrl: url })}
          autoFocus={!serverUrl}
        />
        <div className="server-check">
          <p data-testid="server-status" role="status" className={`small status status-${health.status}`}>
            {health.status === "idle" && "Outpost checks the server when you leave the field."}
            {health.status === "running" && "Checking the server…"}
            {health.status === "done" &&
              `${health.value.serverUrl} is ${health.value.status} · version ${health.value.version ?? "unknown"} · ${health.value.latencyMs} ms`}
            {health.status === "failed" && health.error.message}
          </p>
          <span className="server-actions">
            <button
              type="button"
              className="secondary small"
              data-testid="server-check"
              disabled={!serverUrl || health.status === "running"}
              onClick={() => void checkHealth({ serverUrl })}
            >
              Check
            </button>
            <button type="button" className="secondary small" onClick={() => setManaging(true)} data-testid="manage-servers">
              Servers…
            </button>
          </span>
        </div>
        <label>
          Email
          <input
            name="email"
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            required
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus={!!serverUrl}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={rememberMe} onChange={(e) => setRememberMe(e.target.checked)} />
          Keep me signed in on this computer (in the system keyring)
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="signin-error">
            {error.message}
          </p>
        )}
        <button type="submit" disabled={busy} data-testid="signin-submit">
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {managing && (
        <ServerManager
          servers={servers}
          onClose={() => setManaging(false)}
          onSaved={(saved, before) => {
            // A new server is most likely the one about to be used; a changed one stays chosen.
            if (!before || sameAddress(before.url, serverUrl)) {
              setServerUrl(saved.url);
              void checkHealth({ serverUrl: saved.url });
            }
          }}
        />
      )}
    </main>
  );
}

function SecondFactor({ email, serverUrl }: { email: string; serverUrl: string }) {
  const call = useCall();
  const { update } = useSession();
  const [method, setMethod] = useState<SecondFactorMethod>("totp");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);

  async function verify(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = (await call("verify_second_factor", { method, code })).session;
      if (session.signedIn) landOnOverview();
      update(session);
    } catch (e) {
      setError(toCommandError(e));
      setCode("");
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    update(await call("cancel_sign_in", {}));
  }

  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={(e) => void verify(e)} aria-labelledby="2fa-title">
        <h1 id="2fa-title">Two-step verification</h1>
        <p className="muted">
          {email} on {serverUrl}
        </p>
        <fieldset className="segmented">
          <legend className="sr-only">Kind of code</legend>
          <label>
            <input type="radio" name="method" checked={method === "totp"} onChange={() => setMethod("totp")} />
            Authenticator app
          </label>
          <label>
            <input type="radio" name="method" checked={method === "backup"} onChange={() => setMethod("backup")} />
            Backup code
          </label>
        </fieldset>
        <label>
          {method === "totp" ? "6-digit code" : "Backup code"}
          <input
            name="code"
            inputMode={method === "totp" ? "numeric" : "text"}
            autoComplete="one-time-code"
            required
            autoFocus
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="second-factor-code"
          />
        </label>
        {error && (
          <p className="form-error" role="alert" data-testid="second-factor-error">
            {error.message}
          </p>
        )}
        <div className="row">
          <button type="button" className="secondary" onClick={() => void cancel()}>
            Cancel
          </button>
          <button type="submit" disabled={busy} data-testid="second-factor-submit">
            {busy ? "Checking…" : "Verify"}
          </button>
        </div>
      </form>
    </main>
  );
}
