import type { ContactField, CsvColumn } from "../generated/bindings";
import { plural } from "./words";

/** Every field a column can go to, in the order the chooser lists them, with its words. */
export const FIELD_LABELS: Record<ContactField, string> = {
  firstName: "First name",
  middleName: "Middle name",
  lastName: "Last name",
  fullName: "Full name (split into parts)",
  email: "Email",
  phone: "Phone",
  url: "Web page",
  notes: "Notes",
  street: "Street",
  streetNumber: "Street number",
  extendedAddress: "Address line 2",
  poBox: "PO box",
  city: "City",
  postalCode: "Postal code",
  region: "Region or state",
  country: "Country",
  noteLine: "Note line (“Header: value” in the notes)",
  ignore: "Not imported",
};

const FIELDS = Object.keys(FIELD_LABELS) as ContactField[];

interface Props {
  columns: CsvColumn[];
  /** While a preview is read: the choices stay usable, the newest one wins. */
  busy: boolean;
  disabled: boolean;
  onChange: (index: number, field: ContactField) => void;
}

function headerWords(c: CsvColumn): string {
  return c.header || `Column ${c.index + 1}`;
}

/** What a column's row says beside its choice: the address or title it keeps, data left out. */
function note(c: CsvColumn): string {
  if (c.field === "ignore") {
    if (c.describesAnother) return "describes another column";
    if (c.filledRows > 0) return `holds data in ${plural(c.filledRows, "row")}, not imported`;
    return "empty";
  }
  const detail = c.detail ? (c.field === "noteLine" ? `as “${c.detail}: …”` : `address “${c.detail}”`) : "";
  return [detail, `${plural(c.filledRows, "row")} with data`].filter(Boolean).join(", ");
}

/**
 * A CSV's columns, each header with the field it goes to: a select per column (Tab moves
 * between them, arrows change one), and a change previews the file again.
 */
export function CsvMapping({ columns, busy, disabled, onChange }: Props) {
  return (
    <fieldset className="choice csv-mapping" disabled={disabled} aria-busy={busy}>
      <legend>Columns of the file</legend>
      <p className="muted small">Each column goes into the field chosen here; change one and the preview follows.</p>
      <div className="table-scroll">
        <table data-testid="csv-mapping">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Column</th>
              <th>Goes into</th>
              <th>Data</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const lost = c.field === "ignore" && c.filledRows > 0 && !c.describesAnother;
              return (
                <tr key={c.index} data-testid="csv-column" className={lost ? "csv-column-lost" : undefined}>
                  <td className="num">{c.index + 1}</td>
                  <td>{headerWords(c)}</td>
                  <td>
                    <select aria-label={`Field for column “${headerWords(c)}”`} value={c.field} onChange={(e) => onChange(c.index, e.target.value as ContactField)}>
                      {FIELDS.map((f) => (
                        <option key={f} value={f}>
                          {FIELD_LABELS[f]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={lost ? "form-error small" : "muted small"}>{note(c)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}
