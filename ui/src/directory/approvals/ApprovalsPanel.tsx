import { useMemo, useState, type RefObject } from "react";
import { useCommandQuery } from "../../api/queries";
import type { Approval, OutboxOp, RecordView } from "../../generated/bindings";
import { ariaKeys, labels } from "../../shortcuts/keys";
import { useSync } from "../../sync/SyncContext";
import { day, when } from "../../sync/words";
import { useAdmin } from "../adminRole";
import { DataTable, type Column } from "../DataTable";
import { SyncBadge } from "../SyncBadge";
import { markOf, useSyncMarks, type SyncMarks } from "../syncMarks";
import { nextSort, sortRows, type SortState, type SortValue } from "../tableSort";
import { ApprovalDetail, APPROVALS_NOTE_ID } from "./ApprovalDetail";
import {
  filterApprovals,
  requestName,
  STATUS_FILTERS,
  STATUS_WORDS,
  TARGET_WORDS,
  waitingDecision,
  type StatusFilter,
} from "./approvalRules";
import { ApprovalStatusChip } from "./ApprovalStatusChip";

type Row = RecordView<Approval>;

function columns(marks: SyncMarks, ops: readonly OutboxOp[]): Column<Row>[] {
  return [
    {
      id: "name",
      label: "Request",
      width: "minmax(150px, 1fr)",
      sortable: true,
      cell: (r) => (
        <span className="cell-stack">
          <span className="cell-name truncate">{requestName(r.fields)}</span>
          <span className="cell-mark-row">
            <SyncBadge mark={markOf(marks, r)} />
            <span className="cell-sub muted small">
              {[r.fields.entity_type ? TARGET_WORDS[r.fields.entity_type] : null, r.fields.reason].filter(Boolean).join(" · ")}
            </span>
          </span>
        </span>
      ),
    },
    {
      id: "status",
      label: "Status",
      width: "128px",
      sortable: true,
      cell: (r) => <ApprovalStatusChip status={r.fields.status} waiting={waitingDecision(ops, r.localId)} compact />,
    },
    {
      id: "expires",
      label: "Due / decided",
      width: "140px",
      sortable: true,
      cell: (r) => <span title={when(r.fields.decision_at ?? r.fields.expires_at)}>{day(r.fields.decision_at ?? r.fields.expires_at)}</span>,
    },
  ];
}

function sortValue(r: Row, column: string): SortValue {
  const f = r.fields;
  if (column === "name") return requestName(f);
  if (column === "status") return STATUS_WORDS[f.status ?? "pending"];
  return f.decision_at ?? f.expires_at ?? null;
}

/**
 * The Approvals screen: the tenant's approval queue (waiting requests first, a status filter,
 * instant search, sortable columns), and a detail pane to approve with a comment or reject with a
 * reason. Decisions are kept on this computer and sent at the next sync; one the server refuses
 * waits in the sync center with its words.
 */
export function ApprovalsPanel({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const { status } = useSync();
  const admin = useAdmin("approve or reject requests");
  const marks = useSyncMarks();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<StatusFilter>("pending");
  const [sort, setSort] = useState<SortState>({ column: "expires", dir: "asc" });
  const [openId, setOpenId] = useState<string | null>(null);
  const { data: records, error } = useCommandQuery(["approvals"], "list_approvals", {});
  const { data: ops } = useCommandQuery(["outbox"], "list_outbox", {});
  const shown = useMemo(
    () => sortRows(filterApprovals(records ?? [], filter, query), (r) => sortValue(r, sort.column), sort.dir, (r) => r.localId),
    [records, filter, query, sort],
  );
  const cols = useMemo(() => columns(marks, ops ?? []), [marks, ops]);
  const offline = status?.state === "offline" || status?.online === false;
  const open = records?.find((r) => r.localId === openId);
  const total = records?.length ?? 0;
  const waitingCount = records?.filter((r) => (r.fields.status ?? "pending") === "pending").length ?? 0;
  const filterWords = STATUS_FILTERS.find((s) => s.value === filter)?.label.toLowerCase() ?? "";

  return (
    <div className="admin-panel" data-testid="approvals-panel">
      <div className="toolbar" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search approval requests"
          placeholder={`Search by name, kind or reason (${labels("focusSearch")})`}
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
          <select aria-label="Show requests with status" value={filter} onChange={(e) => setFilter(e.target.value as StatusFilter)}>
            {STATUS_FILTERS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {admin.reason && (
        <p className="notice" id={APPROVALS_NOTE_ID} role="note" data-testid="approvals-read-only">
          {admin.reason}
        </p>
      )}
      {offline && admin.canEdit && (
        <p className="notice" role="status" data-testid="approvals-offline">
          You are offline. Decisions are kept on this computer and wait for the next sync to reach the server; the
          requests stay waiting there until then.
        </p>
      )}
      <div className="admin-split">
        <div className="admin-list-pane">
          <p className="muted small" role="status" data-testid="approvals-count">
            {records === undefined
              ? error
                ? ""
                : "Loading…"
              : `${shown.length} ${filter === "all" ? "" : `${filterWords} `}of ${total} ${total === 1 ? "request" : "requests"}${
                  filter !== "pending" ? ` · ${waitingCount} waiting` : ""
                }`}
          </p>
          {error && (
            <p className="form-error small" role="alert">
              {error.message}
            </p>
          )}
          {records && total === 0 && (
            <p className="muted empty" data-testid="approvals-empty">
              {status?.state === "never_synced"
                ? "No approval requests yet: this tenant was never synced on this computer. Sync now fetches them."
                : "No approval requests: nothing made in this tenant needs approving."}
            </p>
          )}
          {total > 0 && shown.length === 0 && (
            <p className="muted empty" data-testid="approvals-none-shown">
              {filter === "pending" && !query.trim()
                ? "Nothing waits for a decision. Choose another status to see the decided ones."
                : "No request matches this status and search."}
            </p>
          )}
          {shown.length > 0 && (
            <DataTable
              rows={shown}
              columns={cols}
              rowKey={(r) => r.localId}
              sort={sort}
              onSort={(c) => setSort((s) => nextSort(s, c))}
              openKey={openId}
              onOpen={(r) => setOpenId(r.localId)}
              label="Approval requests"
              testId="approval-table"
              rowHeight={54}
            />
          )}
        </div>
        <section className="card detail-pane" aria-label="Approval request">
          {openId === null && <p className="muted">Choose a request to see it here{admin.canEdit ? " and decide it" : ""}.</p>}
          {openId !== null &&
            (open ? (
              <ApprovalDetail key={open.localId} record={open} marks={marks} ops={ops ?? []} readOnlyReason={admin.reason} />
            ) : (
              <p className="muted">{records === undefined ? "Loading…" : "This request is no longer here (withdrawn on the server)."}</p>
            ))}
        </section>
      </div>
    </div>
  );
}
