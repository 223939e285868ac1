import { useState } from "react";
import { useCall } from "../api/context";
import { useCommandQuery } from "../api/queries";
import { toCommandError, type CommandError } from "../api/transport";
import type { OutboxOp } from "../generated/bindings";
import { OP_STATE_WORDS, opWords, when } from "./words";

/** What waits to go to the server, in the order it will go; failed ops with the server's words and Retry / Discard. */
export function OutboxPanel() {
  // An edit or a sync that changed the outbox lists it again.
  const { data: ops, error } = useCommandQuery(["outbox"], "list_outbox", {});
  const waiting = ops?.filter((op) => op.state !== "conflict") ?? [];

  return (
    <section className="card" aria-labelledby="outbox-title">
      <header className="card-header">
        <h2 id="outbox-title">Not on the server yet</h2>
        <span className="muted small">{ops ? `${waiting.length} ${waiting.length === 1 ? "change" : "changes"}` : "…"}</span>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {ops && waiting.length === 0 && <p className="muted">Nothing waits: every local edit is on the server.</p>}
      {waiting.length > 0 && (
        <ul className="op-list" aria-label="Outbox">
          {waiting.map((op) => (
            <OpItem key={op.opId} op={op} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OpItem({ op }: { op: OutboxOp }) {
  const call = useCall();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<CommandError | null>(null);
  const words = opWords(op);
  // A failed op with a next attempt is one the engine retries by itself (offline, 5xx, 429, an
  // interrupted run): it waits, and the status counts it as waiting, not as needing the user.
  const retrying = op.state === "failed" && !!op.nextAttemptAt;
  const shownState = retrying ? "pending" : op.state;
  const stateWords = retrying ? "waiting to retry" : OP_STATE_WORDS[op.state];

  async function act(name: "retry_op" | "discard_op") {
    setBusy(true);
    setError(null);
    try {
      await call(name, { opId: op.opId });
    } catch (e) {
      setError(toCommandError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <li className={`op op-${shownState}`} aria-label={`${words}, ${stateWords}`}>
      <div className="op-main">
        <span className="op-words">{words}</span>
        <span className={`op-state op-state-${shownState}`}>{stateWords}</span>
      </div>
      <p className="muted small">
        Changed {when(op.createdAt)}
        {op.attempts > 0 && ` · ${op.attempts} ${op.attempts === 1 ? "attempt" : "attempts"}`}
        {(op.state === "pending" || retrying) && op.nextAttemptAt && ` · next try ${when(op.nextAttemptAt)}`}
      </p>
      {op.lastError &&
        (retrying ? (
          // Not a refusal: why the last try did not go through (offline, busy server, a stopped run).
          <p className="muted small" data-testid="op-last-try">
            Last try: {op.lastError}
          </p>
        ) : (
          <p className="op-error small" data-testid="op-error">
            The server said: {op.lastError}
          </p>
        ))}
      {error && (
        <p className="form-error small" role="alert">
          {error.message}
        </p>
      )}
      {(op.state === "failed" || op.state === "pending") && (
        <div className="row op-actions">
          {confirming ? (
            <>
              <span className="small">Give up this change? The record goes back to what the server has.</span>
              <button type="button" className="secondary small" onClick={() => setConfirming(false)} disabled={busy}>
                Keep it
              </button>
              <button type="button" className="danger small" onClick={() => void act("discard_op")} disabled={busy}>
                Discard
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="secondary small"
                onClick={() => setConfirming(true)}
                disabled={busy}
                aria-label={`Discard: ${words}`}
              >
                Discard…
              </button>
              {op.state === "failed" && (
                <button
                  type="button"
                  className="small"
                  onClick={() => void act("retry_op")}
                  disabled={busy}
                  aria-label={`${retrying ? "Retry now" : "Retry"}: ${words}`}
                >
                  {retrying ? "Retry now" : "Retry"}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </li>
  );
}
