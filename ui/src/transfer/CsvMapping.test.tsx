import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { CsvColumn } from "../generated/bindings";
import { CsvMapping, FIELD_LABELS } from "./CsvMapping";

const column = (index: number, header: string, overrides: Partial<CsvColumn> = {}): CsvColumn => ({
  index,
  header,
  field: "ignore",
  detail: null,
  filledRows: 0,
  describesAnother: false,
  ...overrides,
});

describe("CsvMapping", () => {
  it("says per column where its data goes, and which data is left out", () => {
    const onChange = vi.fn();
    render(
      <CsvMapping
        columns={[
          column(0, "Home City", { field: "city", detail: "home", filledRows: 3 }),
          column(1, "Company", { field: "noteLine", detail: "Organization", filledRows: 1 }),
          column(2, "Spouse", { filledRows: 2 }),
          column(3, "E-mail 1 - Label", { filledRows: 3, describesAnother: true }),
          column(4, "", {}),
        ]}
        busy={false}
        disabled={false}
        onChange={onChange}
      />,
    );
    const rows = screen.getAllByTestId("csv-column").map((r) => within(r).getAllByRole("cell").map((c) => c.textContent));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ["1", "Home City", "address “home”, 3 rows with data"],
      ["2", "Company", "as “Organization: …”, 1 row with data"],
      ["3", "Spouse", "holds data in 2 rows, not imported"],
      ["4", "E-mail 1 - Label", "describes another column"],
      ["5", "Column 5", "empty"],
    ]);
    expect(screen.getAllByTestId("csv-column")[2]?.className).toBe("csv-column-lost");
    // Every field is offered, each select named by its column.
    const select = screen.getByLabelText("Field for column “Spouse”") as HTMLSelectElement;
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(Object.values(FIELD_LABELS));
    fireEvent.change(select, { target: { value: "noteLine" } });
    expect(onChange).toHaveBeenCalledWith(2, "noteLine");
  });

  it("is not usable while an import is written", () => {
    render(<CsvMapping columns={[column(0, "Name", { field: "fullName" })]} busy={false} disabled={true} onChange={vi.fn()} />);
    expect(screen.getByLabelText("Field for column “Name”").matches(":disabled")).toBe(true);
  });
});
