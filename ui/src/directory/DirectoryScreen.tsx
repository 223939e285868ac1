import { useRef, useState, type KeyboardEvent } from "react";
import { useCommandQuery } from "../api/queries";
import { useShortcuts } from "../shortcuts/useShortcuts";
import { SyncNowButton, SyncResult } from "../sync/SyncNowButton";
import { ApprovalsPanel } from "./approvals/ApprovalsPanel";
import { waitingDecision } from "./approvals/approvalRules";
import { DirectoryListPanel } from "./DirectoryListPanel";
import { GroupsPanel } from "./GroupsPanel";
import { InvitationsPanel } from "./invitations/InvitationsPanel";
import { SECTIONS, sectionFromHash, sectionHash, sectionInfo, type Section } from "./sections";

/**
 * The Directory is the tenant's administration area: a side list of its sections (users, groups,
 * invitations, approvals, spaces, resources), each a sortable, searchable table with a detail
 * pane. Groups, invitations and approval decisions are changed here, offline as well, and sent
 * with the next sync; users, spaces and resources are shown as the last sync fetched them.
 */
export function DirectoryScreen() {
  const [section, setSection] = useState<Section>(() => sectionFromHash(window.location.hash));
  const search = useRef<HTMLInputElement>(null);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const current = sectionInfo(section);
  useShortcuts({
    focusSearch: () => {
      search.current?.focus();
      search.current?.select();
    },
  });

  function choose(next: Section) {
    setSection(next);
    // The section is part of the address, so it survives a reload and can be linked to.
    const { pathname, search: query } = window.location;
    window.history.replaceState(window.history.state, "", `${pathname}${query}${sectionHash(next)}`);
  }

  function arrows(event: KeyboardEvent, index: number) {
    const last = SECTIONS.length - 1;
    const to =
      event.key === "ArrowDown" || event.key === "ArrowRight"
        ? (index + 1) % SECTIONS.length
        : event.key === "ArrowUp" || event.key === "ArrowLeft"
          ? (index + last) % SECTIONS.length
          : event.key === "Home"
            ? 0
            : event.key === "End"
              ? last
              : null;
    if (to === null) return;
    event.preventDefault();
    choose(SECTIONS[to]?.id ?? "users");
    tabs.current[to]?.focus();
  }

  return (
    <main className="content directory-screen" aria-labelledby="directory-title">
      <header className="screen-header">
        <div>
          <h1 id="directory-title">Directory</h1>
          <p className="muted small" data-testid="directory-about">
            {current.about}
          </p>
          <SyncResult />
        </div>
        <div className="screen-actions">
          <SyncNowButton />
        </div>
      </header>
      <div className="admin-area">
        <div className="admin-nav" role="tablist" aria-label="Directory" aria-orientation="vertical">
          {SECTIONS.map((s, i) => (
            <button
              key={s.id}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`directory-tab-${s.id}`}
              aria-selected={section === s.id}
              aria-controls="directory-panel"
              tabIndex={section === s.id ? 0 : -1}
              className={`tab${section === s.id ? " active" : ""}`}
              onClick={() => choose(s.id)}
              onKeyDown={(e) => arrows(e, i)}
            >
              {s.label}
              {s.id === "approvals" && <WaitingApprovals />}
            </button>
          ))}
        </div>
        <div className="admin-panel" id="directory-panel" role="tabpanel" aria-labelledby={`directory-tab-${section}`}>
          {section === "groups" ? (
            <GroupsPanel searchRef={search} />
          ) : section === "invitations" ? (
            <InvitationsPanel searchRef={search} />
          ) : section === "approvals" ? (
            <ApprovalsPanel searchRef={search} />
          ) : (
            <DirectoryListPanel key={section} kind={section} words={current} searchRef={search} />
          )}
        </div>
      </div>
    </main>
  );
}

/** How many requests wait for a decision nobody here has made yet, beside the Approvals tab. */
function WaitingApprovals() {
  const { data: records } = useCommandQuery(["approvals"], "list_approvals", {});
  const { data: ops } = useCommandQuery(["outbox"], "list_outbox", {});
  const waiting = (records ?? []).filter(
    (r) => (r.fields.status ?? "pending") === "pending" && !waitingDecision(ops ?? [], r.localId),
  ).length;
  if (waiting === 0) return null;
  return (
    <span className="badge" aria-label={`, ${waiting} waiting for a decision`} data-testid="approvals-waiting-badge">
      {waiting}
    </span>
  );
}
