import { useState } from "react";
import { useCall } from "../api/context";
import { toCommandError, type CommandError } from "../api/transport";
import { useCommandQuery } from "../api/queries";
import { useSession } from "../session/SessionContext";
import { ANSWER_WORDS, ENTRY_STATUSES, RESPONSE_WORDS, RESPONSES, STATUS_ACTIONS, STATUS_WORDS } from "./words";

interface Props {
  entryId: string;
  status: string;
}

/** An entry's status transitions (`set_entry_status`) and the signed-in user's answer (`respond_to_entry`). */
export function EntryActions({ entryId, status }: Props) {
  const call = useCall();
  const { state } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  // An answer (here or elsewhere) changes the entry's participants: read again on that event.
  const { data: participants } = useCommandQuery(["entries"], "entry_participants", { id: entryId });
  const me = participants?.find((p) => p.actorUserId && p.actorUserId === state?.activeAccount?.userId);
  const myAnswer = answered ?? me?.responseStatus ?? null;

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="entry-actions" aria-labelledby="entry-status-title">
      <h3 id="entry-status-title">
        Status: <span data-testid="entry-status">{STATUS_WORDS[status] ?? status}</span>
      </h3>
      <div className="row start wrap">
        {ENTRY_STATUSES.filter((s) => s !== status).map((s) => (
          <button
            key={s}
            type="button"
            className={`secondary small${s === "cancelled" ? " danger-text" : ""}`}
            disabled={busy}
            onClick={() => void run(() => call("set_entry_status", { id: entryId, status: s }))}
          >
            {STATUS_ACTIONS[s]}
          </button>
        ))}
      </div>
      <div className="row start wrap" role="group" aria-label="Your answer">
        <span className="muted small">
          Your answer: <span data-testid="my-answer">{myAnswer ? (ANSWER_WORDS[myAnswer] ?? myAnswer) : "none"}</span>
        </span>
        {RESPONSES.filter((r) => r !== myAnswer).map((r) => (
          <button
            key={r}
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await call("respond_to_entry", { id: entryId, responseStatus: r });
                setAnswered(r);
              })
            }
          >
            {r === "pending" ? "Clear my answer" : RESPONSE_WORDS[r]}
          </button>
        ))}
      </div>
      {error && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
    </section>
  );
}
