import { Fragment, useMemo, useState, type RefObject } from "react";
import { useCommandQuery } from "../api/queries";
import type { Directory, DirectoryItem } from "../generated/bindings";
import { ariaKeys, labels } from "../shortcuts/keys";
import { DataTable, type Column } from "./DataTable";
import { directoryFacts } from "./directoryFacts";
import { filterDirectory } from "./filter";
import { nextSort, sortRows, type SortState, type SortValue } from "./tableSort";

export interface KindWords {
  label: string;
  one: string;
  many: string;
}

const COLUMNS: readonly Column<DirectoryItem>[] = [
  { id: "name", label: "Name", width: "minmax(160px, 2fr)", sortable: true, cell: (i) => <span className="cell-name">{i.name}</span> },
  {
    id: "email",
    label: "Email",
    width: "minmax(180px, 2fr)",
    sortable: true,
    cell: (i) => (i.email ? <a href={`mailto:${i.email}`}>{i.email}</a> : <span className="muted">none</span>),
  },
  { id: "status", label: "Status", width: "minmax(90px, 1fr)", sortable: true, cell: (i) => i.status ?? <span className="muted">unknown</span> },
];

function sortValue(item: DirectoryItem, column: string): SortValue {
  return column === "email" ? item.email : column === "status" ? item.status : item.name;
}

/**
 * Users, spaces or resources as the last sync fetched them (read-only here until their records
 * can be edited): a virtualized table sorted by any column, filtered as you type.
 */
export function DirectoryListPanel({
  kind,
  words,
  searchRef,
}: {
  kind: Directory;
  words: KindWords;
  searchRef: RefObject<HTMLInputElement | null>;
}) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortState>({ column: "name", dir: "asc" });
  const [openKey, setOpenKey] = useState<string | null>(null);
  // A sync that fetched the directory reads it again.
  const { data, error } = useCommandQuery([kind], "list_directory", { kind });
  const value = data ?? null;
  const items = useMemo(
    () => sortRows(filterDirectory(value ?? [], query), (i) => sortValue(i, sort.column), sort.dir, (i) => i.serverId),
    [value, query, sort],
  );
  const open = value?.find((i) => i.serverId === openKey);
  const count =
    value === null
      ? "Loading…"
      : query.trim()
        ? `${items.length} of ${value.length} ${value.length === 1 ? words.one : words.many}`
        : `${value.length} ${value.length === 1 ? words.one : words.many}`;

  return (
    <div className="admin-panel">
      <div className="toolbar" role="search">
        <input
          ref={searchRef}
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
      <div className="admin-split">
        <div className="admin-list-pane">
          <p className="muted small" role="status" data-testid="directory-count">
            {count}
          </p>
          {error && (
            <p className="form-error" role="alert">
              {error.message}
            </p>
          )}
          {value && value.length === 0 && (
            <p className="muted empty" data-testid="directory-empty">
              No {words.many} here yet. The directory is read-only in Outpost and fills when a sync fetches it from the server;
              until then it stays empty. If a sync has run and this is still empty, the server has no {words.many} to list for
              this tenant, or does not share them with your role.
            </p>
          )}
          {value && value.length > 0 && items.length === 0 && <p className="muted empty">No {words.one} matches “{query.trim()}”.</p>}
          {items.length > 0 && (
            <DataTable
              rows={items}
              columns={COLUMNS}
              rowKey={(i) => i.serverId}
              sort={sort}
              onSort={(c) => setSort((s) => nextSort(s, c))}
              openKey={openKey}
              onOpen={(i) => setOpenKey(i.serverId)}
              label={words.label}
              testId={`${kind}-table`}
            />
          )}
        </div>
        <section className="card detail-pane" aria-label={words.label.replace(/s$/, "")}>
          {open ? (
            <ItemDetail item={open} />
          ) : (
            <p className="muted">Choose a {words.one} to see what the server says of it.</p>
          )}
        </section>
      </div>
    </div>
  );
}

/** A user, space or resource as the server has it: name, email, status and its other plain fields. */
function ItemDetail({ item }: { item: DirectoryItem }) {
  const facts = directoryFacts(item.raw);
  return (
    <article className="admin-detail" aria-labelledby="directory-item-name">
      <header className="card-header">
        <div className="group-detail-title">
          <h2 id="directory-item-name" className="break">
            {item.name}
          </h2>
          <span className="muted small">As the last sync fetched it; read-only here</span>
        </div>
      </header>
      <dl className="facts">
        <dt>Email</dt>
        <dd className="break">{item.email ? <a href={`mailto:${item.email}`}>{item.email}</a> : <span className="muted">none</span>}</dd>
        <dt>Status</dt>
        <dd>{item.status ?? <span className="muted">unknown</span>}</dd>
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd className="break">{value}</dd>
          </Fragment>
        ))}
      </dl>
    </article>
  );
}
