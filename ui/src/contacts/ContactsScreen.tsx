import { useCallback, useRef, useState } from "react";
import type { ContactSort, ContactSummary } from "../generated/bindings";
import { ariaKeys, labels } from "../shortcuts/keys";
import { useShortcuts } from "../shortcuts/useShortcuts";
import { SyncNowButton, SyncResult } from "../sync/SyncNowButton";
import { useSync } from "../sync/SyncContext";
import { ExportDialog } from "../transfer/ExportDialog";
import { ImportDialog } from "../transfer/ImportDialog";
import { ContactDetail } from "./ContactDetail";
import { ContactEditor, type ContactRecord } from "./ContactEditor";
import { ContactList } from "./ContactList";
import { useContactPages } from "./useContactPages";
import { SEARCH_LIMIT, useContactSearch } from "./useContactSearch";

type Pane = { kind: "none" } | { kind: "show"; id: string } | { kind: "edit"; record: ContactRecord } | { kind: "new" };

const SORTS: { value: ContactSort; label: string }[] = [
  { value: "name", label: "Name" },
  { value: "email", label: "Email" },
  { value: "updated", label: "Recently changed" },
];

/** The tenant's contacts: a list that scrolls through any number, search as you type, a detail pane and the editor. */
export function ContactsScreen() {
  const { status } = useSync();
  const [sort, setSort] = useState<ContactSort>("name");
  const [query, setQuery] = useState("");
  const [pane, setPane] = useState<Pane>({ kind: "none" });
  const [transfer, setTransfer] = useState<"import" | "export" | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const pages = useContactPages(sort);
  const found = useContactSearch(query);

  const newContact = useCallback(() => setPane({ kind: "new" }), []);
  const show = useCallback((c: ContactSummary) => setPane({ kind: "show", id: c.localId }), []);
  useShortcuts({
    newContact,
    focusSearch: () => {
      search.current?.focus();
      search.current?.select();
    },
  });

  const searching = found.results !== null;
  const count = searching ? (found.results?.length ?? 0) : (pages.total ?? 0);
  const itemAt = useCallback(
    (i: number) => (found.results ? found.results[i] : pages.itemAt(i)),
    [found.results, pages],
  );
  const selectedId = pane.kind === "show" ? pane.id : pane.kind === "edit" ? pane.record.localId : null;
  const listError = searching ? found.error : pages.error;

  function saved(record: ContactRecord) {
    // The list refreshes on the backend's `changed` event for contacts.
    setPane({ kind: "show", id: record.localId });
  }

  return (
    <main className="content contacts-screen" aria-labelledby="contacts-title">
      <header className="screen-header">
        <div>
          <h1 id="contacts-title">Contacts</h1>
          <p className="muted small" role="status" data-testid="contacts-count">
            {searching
              ? found.searching
                ? "Searching…"
                : `${count} ${count === 1 ? "match" : "matches"}${count >= SEARCH_LIMIT ? ` (the first ${SEARCH_LIMIT})` : ""}`
              : pages.total === null
                ? "Loading…"
                : `${pages.total.toLocaleString()} ${pages.total === 1 ? "contact" : "contacts"}`}
          </p>
          <SyncResult />
        </div>
        <div className="screen-actions">
          <SyncNowButton />
          <button type="button" className="secondary" onClick={() => setTransfer("import")}>
            Import…
          </button>
          <button type="button" className="secondary" onClick={() => setTransfer("export")}>
            Export…
          </button>
          <button
            type="button"
            onClick={newContact}
            title={`New contact (${labels("newContact")})`}
            aria-keyshortcuts={ariaKeys("newContact")}
          >
            New contact
          </button>
        </div>
      </header>
      <div className="toolbar" role="search">
        <input
          ref={search}
          type="search"
          aria-label="Search contacts"
          placeholder={`Search by name, email or phone (${labels("focusSearch")})`}
          title={`Search contacts (${labels("focusSearch")})`}
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
        <label className="inline">
          Sort by
          <select
            aria-label="Sort by"
            value={sort}
            onChange={(e) => setSort(e.target.value as ContactSort)}
            disabled={searching}
            title={searching ? "Search results come best match first" : undefined}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="contacts-split">
        <div className="contacts-list-pane">
          {listError && (
            <p className="form-error small" role="alert">
              {listError.message}
            </p>
          )}
          {count === 0 && !found.searching && (searching || pages.total !== null) ? (
            <p className="muted empty">
              {searching
                ? `No contact matches “${query.trim()}”.`
                : status?.state === "never_synced"
                  ? "No contacts yet: this tenant was never synced on this computer. Sync now fetches its contacts; New contact makes one here."
                  : "No contacts yet. Create one with New contact."}
            </p>
          ) : (
            <ContactList
              count={count}
              itemAt={itemAt}
              onRange={searching ? undefined : pages.ensure}
              selectedId={selectedId}
              onSelect={show}
              label={searching ? "Search results" : "Contacts"}
            />
          )}
        </div>
        <section className="card detail-pane" aria-label="Contact">
          {pane.kind === "none" && <p className="muted">Choose a contact to see it here, or create a new one.</p>}
          {pane.kind === "show" && (
            <ContactDetail
              key={pane.id}
              id={pane.id}
              onEdit={(record) => setPane({ kind: "edit", record })}
              onDeleted={() => setPane({ kind: "none" })}
            />
          )}
          {pane.kind === "new" && <ContactEditor onSaved={saved} onCancel={() => setPane({ kind: "none" })} />}
          {pane.kind === "edit" && (
            <ContactEditor
              key={pane.record.localId}
              record={pane.record}
              onSaved={saved}
              onCancel={() => setPane({ kind: "show", id: pane.record.localId })}
            />
          )}
        </section>
      </div>
      {transfer === "import" && <ImportDialog what="contacts" onClose={() => setTransfer(null)} />}
      {transfer === "export" && <ExportDialog what="contacts" onClose={() => setTransfer(null)} />}
    </main>
  );
}
