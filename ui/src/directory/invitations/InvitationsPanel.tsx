import { useCallback, useMemo, useRef, useState, type RefObject } from "react";
import { useCommandQuery } from "../../api/queries";
import type { Invitation, RecordView } from "../../generated/bindings";
import { ariaKeys, labels } from "../../shortcuts/keys";
import { useShortcuts } from "../../shortcuts/useShortcuts";
import { useSync } from "../../sync/SyncContext";
import { day, when } from "../../sync/words";
import { useAdmin } from "../adminRole";
import { DataTable, type Column } from "../DataTable";
import { SyncBadge } from "../SyncBadge";
import { markOf, useSyncMarks, type SyncMarks } from "../syncMarks";
import { nextSort, sortRows, type SortState, type SortValue } from "../tableSort";
import { InvitationDetail, INVITATIONS_NOTE_ID } from "./InvitationDetail";
import { InvitationForm } from "./InvitationForm";
import {
  CHANNEL_WORDS,
  filterInvitations,
  invitationRows,
  rowRecipient,
  rowStatus,
  STATUS_FILTERS,
  STATUS_WORDS,
  type InvitationRow,
  type StatusFilter,
} from "./invitationRules";
import { InvitationStatusChip } from "./InvitationStatusChip";


/** The pane: nothing, an invitation (the one just made rides along until the list has it), or the form. */
type Pane = { kind: "none" } | { kind: "show"; key: string; saved?: RecordView<Invitation> } | { kind: "new" };

function markOfRow(marks: SyncMarks, row: InvitationRow) {
  return row.kind === "revoking"
    ? markOf(marks, { localId: row.op.localId, hasPendingOps: true })
    : markOf(marks, row.record);
}

function columns(marks: SyncMarks): Column<InvitationRow>[] {
  return [
    {
      id: "recipient",
      label: "Recipient",
      width: "minmax(150px, 1fr)",
      sortable: true,
      cell: (row) => (
        <span className="cell-stack">
          <span className="cell-name truncate">{rowRecipient(row)}</span>
          <span className="cell-mark-row">
            <SyncBadge mark={markOfRow(marks, row)} />
            <span className="cell-sub muted small">
              {row.kind === "revoking"
                ? "revoked here"
                : `${CHANNEL_WORDS[row.record.fields.channel ?? "email"]} · ${row.record.fields.role ?? "member"}`}
            </span>
          </span>
        </span>
      ),
    },
    {
      id: "status",
      label: "Status",
      width: "104px",
      sortable: true,
      cell: (row) =>
        row.kind === "revoking" ? (
          <span className="status-chip tone-muted" data-testid="invitation-status">
            Revoked here
          </span>
        ) : (
          <InvitationStatusChip status={row.record.fields.status} sent={row.record.serverId !== null} />
        ),
    },
    {
      id: "expires",
      label: "Expires",
      width: "118px",
      sortable: true,
      cell: (row) =>
        row.kind === "revoking" ? (
          ""
        ) : row.record.fields.expires_at ? (
          <span title={when(row.record.fields.expires_at)}>{day(row.record.fields.expires_at)}</span>
        ) : (
          <span className="muted" title={`${row.record.fields.expires_in_hours ?? 24} hours after the server sends it`}>
            {row.record.fields.expires_in_hours ?? 24} h once sent
          </span>
        ),
    },
  ];
}

function sortValue(row: InvitationRow, column: string): SortValue {
  if (column === "recipient") return rowRecipient(row);
  if (column === "status") {
    const s = rowStatus(row);
    return row.kind === "invitation" && row.record.serverId === null ? "Not sent yet" : s ? STATUS_WORDS[s] : null;
  }
  if (row.kind === "revoking") return null;
  return row.record.fields.expires_at ?? null;
}

/**
 * The Invitations screen: the tenant's invitations in a sortable table with a status filter and
 * instant search, the invite form, and a detail pane with resend and revoke. Everything is kept
 * on this computer first and sent at the next sync.
 */
export function InvitationsPanel({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { status } = useSync();
  const admin = useAdmin("invite people, resend or revoke invitations");
  const marks = useSyncMarks();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<StatusFilter>("all");
  const [sort, setSort] = useState<SortState>({ column: "recipient", dir: "asc" });
  const [pane, setPane] = useState<Pane>({ kind: "none" });
  const list = useRef<HTMLDivElement>(null);
  const { data: records, error } = useCommandQuery(["invitations"], "list_invitations", {});
  const { data: ops } = useCommandQuery(["outbox"], "list_outbox", {});
  const rows = useMemo(() => invitationRows(records ?? [], ops ?? []), [records, ops]);
  const shown = useMemo(
    () => sortRows(filterInvitations(rows, filter, query), (r) => sortValue(r, sort.column), sort.dir, (r) => r.key),
    [rows, filter, query, sort],
  );
  const cols = useMemo(() => columns(marks), [marks]);
  const offline = status?.state === "offline" || status?.online === false;

  const newInvitation = useCallback(() => {
    if (admin.canEdit) setPane({ kind: "new" });
  }, [admin.canEdit]);
  useShortcuts({ newInvitation });

  const backToList = () => {
    setPane({ kind: "none" });
    list.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  };
  const open: InvitationRow | undefined =
    pane.kind === "show"
      ? (rows.find((r) => r.key === pane.key) ??
        (pane.saved && records?.every((r) => r.localId !== pane.key) && !ops?.some((o) => o.localId === pane.key && o.kind === "delete")
          ? { kind: "invitation", key: pane.key, record: pane.saved }
          : undefined))
      : undefined;
  const total = rows.length;
  const filtered = query.trim() !== "" || filter !== "all";

  return (
    <div className="admin-panel" data-testid="invitations-panel">
      <div className="toolbar" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search invitations"
          placeholder={`Search by address, number, role or message (${labels("focusSearch")})`}
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
          Status
          <select aria-label="Show invitations with status" value={filter} onChange={(e) => setFilter(e.target.value as StatusFilter)}>
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="push-right"
          onClick={newInvitation}
          disabled={!admin.canEdit}
          title={admin.reason ?? `Invite someone (${labels("newInvitation")})`}
          aria-keyshortcuts={admin.canEdit ? ariaKeys("newInvitation") : undefined}
          aria-describedby={admin.canEdit ? undefined : INVITATIONS_NOTE_ID}
        >
          Invite someone
        </button>
      </div>
      {admin.reason && (
        <p className="notice" id={INVITATIONS_NOTE_ID} role="note" data-testid="invitations-read-only">
          {admin.reason}
        </p>
      )}
      {offline && admin.canEdit && (
        <p className="notice" role="status" data-testid="invitations-offline">
          You are offline. Invitations, resends and revokes are kept on this computer and wait for the next sync to
          reach the server; nobody is invited until then.
        </p>
      )}
      <div className="admin-split">
        <div className="admin-list-pane" ref={list}>
          <p className="muted small" role="status" data-testid="invitations-count">
            {records === undefined
              ? error
                ? ""
                : "Loading…"
              : filtered
                ? `${shown.length} of ${total} ${total === 1 ? "invitation" : "invitations"}`
                : `${total} ${total === 1 ? "invitation" : "invitations"}`}
          </p>
          {error && (
            <p className="form-error small" role="alert">
              {error.message}
            </p>
          )}
          {records && total === 0 && (
            <p className="muted empty" data-testid="invitations-empty">
              {status?.state === "never_synced"
                ? "No invitations yet: this tenant was never synced on this computer. Sync now fetches its invitations."
                : "No invitations yet."}
              {admin.canEdit ? " Invite someone makes one here." : ""}
            </p>
          )}
          {total > 0 && shown.length === 0 && <p className="muted empty">No invitation matches this status and search.</p>}
          {shown.length > 0 && (
            <DataTable
              rows={shown}
              columns={cols}
              rowKey={(r) => r.key}
              sort={sort}
              onSort={(c) => setSort((s) => nextSort(s, c))}
              openKey={pane.kind === "show" ? pane.key : null}
              onOpen={(r) => setPane({ kind: "show", key: r.key })}
              label={filtered ? "Matching invitations" : "Invitations"}
              testId="invitation-table"
              rowHeight={54}
            />
          )}
        </div>
        <section className="card detail-pane" aria-label="Invitation">
          {pane.kind === "none" && (
            <p className="muted">Choose an invitation to see it here{admin.canEdit ? ", or invite someone" : ""}.</p>
          )}
          {pane.kind === "new" && (
            <InvitationForm
              offline={offline}
              onSaved={(saved) => setPane({ kind: "show", key: saved.localId, saved })}
              onCancel={backToList}
            />
          )}
          {pane.kind === "show" &&
            (open ? (
              <InvitationDetail
                key={open.key}
                row={open}
                marks={marks}
                ops={ops ?? []}
                readOnlyReason={admin.reason}
                onRevoked={backToList}
              />
            ) : (
              <p className="muted" aria-busy={records === undefined}>
                {records === undefined ? "Loading…" : "This invitation is no longer here (withdrawn, or gone from the server)."}
              </p>
            ))}
        </section>
      </div>
    </div>
  );
}
