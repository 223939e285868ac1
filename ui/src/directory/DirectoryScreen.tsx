import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useCommandQuery } from "../api/queries";
import type { Directory, DirectoryItem } from "../generated/bindings";
import { ariaKeys, labels } from "../shortcuts/keys";
import { useShortcuts } from "../shortcuts/useShortcuts";
import { SyncNowButton, SyncResult } from "../sync/SyncNowButton";
import { filterDirectory, KINDS } from "./filter";
import { GroupsPanel } from "./GroupsPanel";

/**
 * The tenant's users, groups, spaces and resources. Users, spaces and resources are read-only,
 * as the last sync fetched them; groups and their members are administered here (GroupsPanel).
 */
export function DirectoryScreen() {
  const [kind, setKind] = useState<Directory>("users");
  const [query, setQuery] = useState("");
  const search = useRef<HTMLInputElement>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  // A sync that fetched the directory reads it again.
  // The Groups tab reads the groups themselves (GroupsPanel), with their members and sync state.
  const listed = kind !== "groups";
  const { data, error } = useCommandQuery([kind], "list_directory", { kind }, { enabled: listed });
  const value = data ?? null;
  const items = useMemo(() => filterDirectory(value ?? [], query), [value, query]);
  const words = KINDS.find((k) => k.kind === kind) ?? KINDS[0];
  useShortcuts({
    focusSearch: () => {
      search.current?.focus();
      search.current?.select();
    },
  });

  function arrows(event: KeyboardEvent, index: number) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + KINDS.length) % KINDS.length;
    setKind(KINDS[next]?.kind ?? "users");
    tabs.current[next]?.focus();
  }

  return (
    <main className="content directory-screen" aria-labelledby="directory-title">
      <header className="screen-header">
        <div>
          <h1 id="directory-title">Directory</h1>
          <p className="muted small" role="status" data-testid="directory-count">
            {!listed
              ? "Groups and their members: changed here, sent with the next sync"
              : value === null
              ? "Loading…"
              : query.trim()
                ? `${items.length} of ${value.length} ${value.length === 1 ? words.one : words.many}`
                : `${value.length} ${value.length === 1 ? words.one : words.many}`}
          </p>
          <SyncResult />
        </div>
        <div className="screen-actions">
          <SyncNowButton />
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Directory">
        {KINDS.map((k, i) => (
          <button
            key={k.kind}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`directory-tab-${k.kind}`}
            aria-selected={kind === k.kind}
            aria-controls="directory-panel"
            tabIndex={kind === k.kind ? 0 : -1}
            className={`tab${kind === k.kind ? " active" : ""}`}
            onClick={() => setKind(k.kind)}
            onKeyDown={(e) => arrows(e, i)}
          >
            {k.label}
          </button>
        ))}
      </div>
      {kind === "groups" ? (
        <div className="directory-groups" id="directory-panel" role="tabpanel" aria-labelledby="directory-tab-groups">
          <GroupsPanel searchRef={search} />
        </div>
      ) : (
        <>
          <div className="toolbar" role="search">
            <input
              ref={search}
              type="search"
              aria-label={`Search ${words.many}`}
              placeholder={`Search ${words.many} by name or email (${labels("focusSearch")})`}
              aria-keyshortcuts={ariaKeys("focusSearch")}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape" && query) {
                  e.preventDefault();
                  setQuery("");
                }
              }}
            />
          </div>
          <section className="card" id="directory-panel" role="tabpanel" aria-labelledby={`directory-tab-${kind}`}>
            {error && (
              <p className="form-error" role="alert">
                {error.message}
              </p>
            )}
            {value && value.length === 0 && (
              <p className="muted empty" data-testid="directory-empty">
                No {words.many} here yet. The directory is read-only in Outpost and fills when a sync fetches it from the
                server; until then it stays empty. If a sync has run and this is still empty, the server has no {words.many} to
                list for this tenant, or does not share them with your role.
              </p>
            )}
            {value && value.length > 0 && items.length === 0 && <p className="muted empty">No {words.one} matches “{query.trim()}”.</p>}
            {items.length > 0 && <DirectoryTable items={items} label={words.label} />}
          </section>
        </>
      )}
    </main>
  );
}

function DirectoryTable({ items, label }: { items: DirectoryItem[]; label: string }) {
  return (
    <div className="table-scroll">
      <table aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.serverId}>
              <th scope="row">{item.name}</th>
              <td>{item.email ? <a href={`mailto:${item.email}`}>{item.email}</a> : <span className="muted">none</span>}</td>
              <td>{item.status ?? <span className="muted">unknown</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
