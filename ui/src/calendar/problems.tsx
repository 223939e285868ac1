// An objection shown at its field: the input says it is invalid and points at the message.

export interface Problems {
  /** aria-invalid and aria-describedby for the input with this id, when its field has a problem. */
  props: (id: string, field: string) => { "aria-invalid": true | undefined; "aria-describedby": string | undefined };
  /** The message under the input, or nothing. */
  shown: (id: string, field: string) => React.ReactNode;
}

export function problemsOf(atField: { field: string; message: string } | null): Problems {
  const at = (field: string) => (atField?.field === field ? atField.message : null);
  return {
    props: (id, field) => {
      const p = at(field);
      return { "aria-invalid": p ? true : undefined, "aria-describedby": p ? `${id}-error` : undefined };
    },
    shown: (id, field) => {
      const p = at(field);
      return p ? (
        <span className="form-error small" id={`${id}-error`} data-testid={`error-${field}`}>
          {p}
        </span>
      ) : null;
    },
  };
}
