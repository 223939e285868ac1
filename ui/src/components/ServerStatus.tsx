import { useEffect } from "react";
import { useCommandMutation } from "../api/queries";

/** Checks the configured server on demand (and once on first show) and says how it answered. */
export function ServerStatus() {
  const [state, check] = useCommandMutation("server_health");

  useEffect(() => {
    void check({});
  }, [check]);

  return (
    <section className="card" aria-labelledby="server-title">
      <header className="card-header">
        <h2 id="server-title">Server</h2>
        <button
          type="button"
          data-testid="server-check"
          onClick={() => void check({})}
          disabled={state.status === "running"}
        >
          {state.status === "running" ? "Checking…" : "Check server"}
        </button>
      </header>
      <p data-testid="server-status" role="status" className={`status status-${state.status}`}>
        {state.status === "idle" && "Not checked yet."}
        {state.status === "running" && "Asking the server…"}
        {state.status === "done" &&
          `${state.value.serverUrl} is ${state.value.status} · version ${state.value.version ?? "unknown"} · ${state.value.latencyMs} ms`}
        {state.status === "failed" && `${state.error.message} (${state.error.code})`}
      </p>
    </section>
  );
}
