import type { SyncMark } from "./syncMarks";

const WORDS: Record<SyncMark["state"], string> = {
  waiting: "Not synced yet",
  failed: "Refused by the server",
  conflict: "In conflict",
};

/**
 * A group's or membership's standing with the server, in a few words; the server's reason (or
 * the kind of conflict) is in the title and, with `explain`, written out beside it.
 */
export function SyncBadge({ mark, explain = false }: { mark: SyncMark | null; explain?: boolean }) {
  if (!mark) return null;
  const reason = mark.state === "waiting" ? "" : mark.reason.replace(/[.\s]+$/, "");
  const why =
    mark.state === "waiting"
      ? "Changed on this computer; goes to the server with the next sync"
      : mark.state === "failed"
        ? `${reason}. Edit it again, or retry or discard it in the sync center.`
        : `${reason}. Choose which version to keep in the sync center.`;
  return (
    <>
      <span className={`pending-marker sync-badge-${mark.state}`} title={why} data-testid="sync-mark">
        {WORDS[mark.state]}
      </span>
      {explain && mark.state !== "waiting" && (
        <span className="form-error small sync-badge-reason">
          {reason}. <a href="#sync">Open the sync center</a> to{" "}
          {mark.state === "failed" ? "retry or discard it" : "choose which version to keep"}.
        </span>
      )}
    </>
  );
}
