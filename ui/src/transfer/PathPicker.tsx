import { useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { canPick, pickPath, type PickRequest } from "./nativePicker";
import "./pathPicker.css";

interface Props {
  /** The path field itself: it stays, and typing in it works as without the picker. */
  children: ReactNode;
  /** The field, for the focus once a path is chosen. */
  field: RefObject<HTMLInputElement | null>;
  /** What to ask the native dialog, read at the click so it starts from what the field holds now. */
  request: () => PickRequest;
  /** A path was chosen: it goes into the field. */
  onPicked: (path: string) => void;
  disabled?: boolean;
  /** The button's accessible name; it shows "Choose…". */
  label?: string;
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  // The plugin rejects with the backend's text.
  return typeof e === "string" ? e : JSON.stringify(e);
}

/**
 * A path field with a "Choose…" button beside it that opens the native file or folder dialog
 * (desktop app only; in a browser only the field is shown). Cancelling the dialog changes
 * nothing; a dialog that cannot open says why under the field.
 */
export function PathPicker({ children, field, request, onPicked, disabled = false, label = "Choose file…" }: Props) {
  const ids = useId();
  const button = useRef<HTMLButtonElement>(null);
  // Not a disabled button while the dialog is up: a disabled button drops the focus, and it
  // should come back to it on cancel.
  const open = useRef(false);
  const [error, setError] = useState<string | null>(null);

  if (!canPick()) return <>{children}</>;

  async function choose() {
    if (open.current) return;
    open.current = true;
    setError(null);
    try {
      const picked = await pickPath(request());
      if (picked === null) {
        button.current?.focus();
        return;
      }
      // Focus first: what follows (an import's preview) may disable the field while it reads,
      // and then moves the focus on itself as after Enter in the field.
      field.current?.focus();
      onPicked(picked);
    } catch (e) {
      setError(`The file dialog did not open: ${messageOf(e)}. Type the path instead.`);
      button.current?.focus();
    } finally {
      open.current = false;
    }
  }

  return (
    <>
      <div className="path-picker">
        {children}
        <button
          ref={button}
          type="button"
          className="secondary"
          aria-label={label}
          aria-describedby={error ? `${ids}-picker-error` : undefined}
          disabled={disabled}
          onClick={() => void choose()}
          data-testid="choose-path"
        >
          Choose…
        </button>
      </div>
      {error && (
        <p id={`${ids}-picker-error`} className="form-error small" role="alert" data-testid="picker-error">
          {error}
        </p>
      )}
    </>
  );
}
