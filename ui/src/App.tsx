import { AboutPanel } from "./components/AboutPanel";
import { ServerStatus } from "./components/ServerStatus";
import { AccountMenu } from "./session/AccountMenu";
import { useSession } from "./session/SessionContext";
import { SignIn } from "./session/SignIn";

export function App() {
  const { state, error } = useSession();
  if (error && !state) {
    return (
      <main className="content" role="alert">
        <h1>Outpost cannot start</h1>
        <p>
          {error.message} ({error.code})
        </p>
      </main>
    );
  }
  if (!state) return <main className="content" aria-busy="true" />;
  if (!state.signedIn) return <SignIn />;
  return (
    <div className="shell">
      <aside className="sidebar" aria-label="Navigation">
        <div className="brand">
          <img src="/icon.png" alt="" width={28} height={28} />
          <span>Outpost</span>
        </div>
        <AccountMenu />
        <nav>
          <a href="#overview" className="nav-item active" aria-current="page">
            Overview
          </a>
        </nav>
      </aside>
      <main className="content" id="overview">
        <h1>{state.activeTenant?.name ?? "Overview"}</h1>
        <div className="grid">
          <ServerStatus />
          <AboutPanel />
        </div>
      </main>
    </div>
  );
}
