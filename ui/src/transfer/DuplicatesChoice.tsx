import type { DuplicatePolicy } from "../generated/bindings";

const POLICIES: { value: DuplicatePolicy; label: string }[] = [
  { value: "skip", label: "Skip it: keep what is here" },
  { value: "update", label: "Update it with the file's fields" },
  { value: "create", label: "Import it again as a new one" },
];

interface Props {
  name: string;
  value: DuplicatePolicy;
  disabled: boolean;
  onChange: (policy: DuplicatePolicy) => void;
}

/** What an import does with an item already here: skip, update or create again. */
export function DuplicatesChoice({ name, value, disabled, onChange }: Props) {
  return (
    <fieldset className="choice" disabled={disabled}>
      <legend>When an item is already here</legend>
      {POLICIES.map((p) => (
        <label key={p.value} className="check">
          <input type="radio" name={name} value={p.value} checked={value === p.value} onChange={() => onChange(p.value)} />
          {p.label}
        </label>
      ))}
    </fieldset>
  );
}
