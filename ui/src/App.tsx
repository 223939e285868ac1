import { AboutPanel } from "./components/AboutPanel";
import { ServerStatus } from "./components/ServerStatus";

export function App() {
  return (
    <div className="shell">
      <aside className="sidebar" aria-label="Navigation">
        <div className="brand">
          <img src="/icon.png" alt="" width={28} height={28} />
          <span>Outpost</span>
        </div>
        <nav>
          <a href="#overview" className="nav-item active" aria-current="page">
            Overview
          </a>
        </nav>
      </aside>
      <main className="content" id="overview">
        <h1>Overview</h1>
        <div className="grid">
          <ServerStatus />
          <AboutPanel />
        </div>
      </main>
    </div>
  );
}
