import { useEffect, useRef } from "react";
import type { WindowItem } from "../generated/bindings";
import type { Scope } from "./moves";

interface Props {
  item: WindowItem;
  /** What the choice is for: opening the editor, or a move just made. */
  purpose: "edit" | "move";
  onChoose: (scope: Scope) => void;
  onCancel: () => void;
}

/** "This occurrence or the whole series?" for an occurrence of a recurring entry. */
export function ScopeDialog({ item, purpose, onChoose, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal?.();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="card dialog"
      aria-labelledby="scope-title"
      aria-describedby="scope-text"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="scope-title">{purpose === "move" ? `Move ${item.title}` : `Edit ${item.title}`}</h2>
      <p id="scope-text" className="muted">
        {item.title} repeats. {purpose === "move" ? "Move" : "Change"} the occurrence of {item.instanceDate} only, or the whole series?
      </p>
      <div className="row">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="secondary" onClick={() => onChoose("series")}>
          The whole series
        </button>
        <button type="button" onClick={() => onChoose("occurrence")} autoFocus>
          This occurrence
        </button>
      </div>
    </dialog>
  );
}
