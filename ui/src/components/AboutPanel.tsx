import { useAppInfo } from "../api/appInfo";

/** What this installation is: version, where its data lives, which server. */
export function AboutPanel() {
  const { info, error } = useAppInfo();

  if (error) {
    return (
      <section className="card" role="alert">
        {error.message}
      </section>
    );
  }
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
