import { useEffect } from "react";
import { useCommandMutation } from "../api/queries";

/** What this installation is: version, where its data lives, which server. */
export function AboutPanel() {
  const [state, load] = useCommandMutation("app_info");

  useEffect(() => {
    void load({});
  }, [load]);

  if (state.status === "failed") {
    return (
      <section className="card" role="alert">
        {state.error.message}
      </section>
    );
  }
  const info = state.status === "done" ? state.value : null;
  return (
    <section className="card" aria-labelledby="about-title">
      <header className="card-header">
        <h2 id="about-title">This installation</h2>
      </header>
      <dl className="facts" data-testid="about">
        <dt>Version</dt>
        <dd>{info?.version ?? "…"}</dd>
        <dt>Data folder</dt>
        <dd className="mono">{info?.dataDir ?? "…"}</dd>
        <dt>Replica schema</dt>
        <dd>{info?.replicaSchema ?? "…"}</dd>
        <dt>Server</dt>
        <dd className="mono">{info ? (info.serverUrl ?? "none set up") : "…"}</dd>
      </dl>
    </section>
  );
}
