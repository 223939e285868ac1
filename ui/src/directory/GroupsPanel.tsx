import { useCallback, useMemo, useRef, useState, type RefObject } from "react";
import { useCommandQuery } from "../api/queries";
import type { Group, RecordView } from "../generated/bindings";
import { ariaKeys, labels } from "../shortcuts/keys";
import { useShortcuts } from "../shortcuts/useShortcuts";
import { useSync } from "../sync/SyncContext";
import { GroupDetail } from "./GroupDetail";
import { GroupForm } from "./GroupForm";
import { GroupList } from "./GroupList";
import { shownGroups, type NameOrder } from "./groupFilter";
import { useSyncMarks } from "./syncMarks";
import { READ_ONLY_NOTE_ID, useGroupAdmin } from "./useGroupAdmin";

type Pane = { kind: "none" } | { kind: "show"; id: string } | { kind: "new" };

/**
 * The Directory's Groups tab, where owners and admins administer groups: a list filtered as you
 * type and sorted by name, a detail pane with the members, and the form. Everything is written
 * to the local replica first, so it all works offline; the next sync sends it.
 */
export function GroupsPanel({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { status } = useSync();
  const admin = useGroupAdmin();
  const marks = useSyncMarks();
  const [query, setQuery] = useState("");
  const [order, setOrder] = useState<NameOrder>("asc");
  const [pane, setPane] = useState<Pane>({ kind: "none" });
  const list = useRef<HTMLDivElement>(null);
  // A sync, an edit here or elsewhere reads the groups again.
  const { data: groups, error } = useCommandQuery(["groups"], "list_groups", {});
  const shown = useMemo(() => shownGroups(groups ?? [], query, order), [groups, query, order]);
  const offline = status?.state === "offline" || status?.online === false;

  const newGroup = useCallback(() => {
    if (admin.canEdit) setPane({ kind: "new" });
  }, [admin.canEdit]);
  useShortcuts({ newGroup });

  const open = useCallback((g: RecordView<Group>) => setPane({ kind: "show", id: g.localId }), []);
  const backToList = () => {
    setPane({ kind: "none" });
    list.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  };

  const total = groups?.length ?? 0;
  return (
    <div className="groups-panel">
      <div className="toolbar" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Filter groups"
          placeholder={`Filter groups by name, description or permission (${labels("focusSearch")})`}
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
          Sort
          <select aria-label="Sort by name" value={order} onChange={(e) => setOrder(e.target.value === "desc" ? "desc" : "asc")}>
            <option value="asc">Name, A to Z</option>
            <option value="desc">Name, Z to A</option>
          </select>
        </label>
        <button
          type="button"
          className="push-right"
          onClick={newGroup}
          disabled={!admin.canEdit}
          title={admin.reason ?? `New group (${labels("newGroup")})`}
          aria-keyshortcuts={admin.canEdit ? ariaKeys("newGroup") : undefined}
          aria-describedby={admin.canEdit ? undefined : READ_ONLY_NOTE_ID}
        >
          New group
        </button>
      </div>
      {admin.reason && (
        <p className="notice" id={READ_ONLY_NOTE_ID} role="note" data-testid="groups-read-only">
          {admin.reason}
        </p>
      )}
      {offline && admin.canEdit && (
        <p className="notice" role="status" data-testid="groups-offline">
          You are offline. Changes to groups and members are kept on this computer and wait for the next sync to reach
          the server.
        </p>
      )}
      <div className="contacts-split groups-split">
        <div className="contacts-list-pane" ref={list}>
          <p className="muted small" role="status" data-testid="groups-count">
            {groups === undefined
              ? error
                ? ""
                : "Loading…"
              : query.trim()
                ? `${shown.length} of ${total} ${total === 1 ? "group" : "groups"}`
                : `${total} ${total === 1 ? "group" : "groups"}`}
          </p>
          {error && (
            <p className="form-error small" role="alert">
              {error.message}
            </p>
          )}
          {groups && total === 0 && (
            <p className="muted empty" data-testid="groups-empty">
              {status?.state === "never_synced"
                ? "No groups yet: this tenant was never synced on this computer. Sync now fetches its groups."
                : "No groups yet."}
              {admin.canEdit ? " New group makes one here." : ""}
            </p>
          )}
          {groups && total > 0 && shown.length === 0 && <p className="muted empty">No group matches “{query.trim()}”.</p>}
          {shown.length > 0 && (
            <GroupList
              groups={shown}
              marks={marks}
              openId={pane.kind === "show" ? pane.id : null}
              onOpen={open}
              label={query.trim() ? "Matching groups" : "Groups"}
            />
          )}
        </div>
        <section className="card detail-pane" aria-label="Group">
          {pane.kind === "none" && (
            <p className="muted">
              Choose a group to see its members here{admin.canEdit ? ", or create a new one" : ""}.
            </p>
          )}
          {pane.kind === "new" && (
            <GroupForm onSaved={(saved) => setPane({ kind: "show", id: saved.localId })} onCancel={backToList} />
          )}
          {pane.kind === "show" && (
            <GroupDetail
              key={pane.id}
              id={pane.id}
              marks={marks}
              readOnlyReason={admin.reason}
              onSaved={(saved) => setPane({ kind: "show", id: saved.localId })}
              onDeleted={backToList}
            />
          )}
        </section>
      </div>
    </div>
  );
}
