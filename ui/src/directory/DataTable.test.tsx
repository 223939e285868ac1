import { fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { giveElementsASize } from "../testing/fakeCall";
import { DataTable, type Column } from "./DataTable";
import { nextSort, sortRows, type SortState } from "./tableSort";

interface Row {
  id: string;
  name: string;
  n: number;
}

const ROWS: Row[] = Array.from({ length: 1000 }, (_, i) => ({ id: `r${i}`, name: `Row ${String(i).padStart(4, "0")}`, n: 1000 - i }));
const COLUMNS: Column<Row>[] = [
  { id: "name", label: "Name", width: "1fr", sortable: true, cell: (r) => r.name },
  { id: "n", label: "Number", width: "80px", sortable: true, cell: (r) => r.n },
  { id: "plain", label: "Plain", width: "80px", cell: () => "-" },
];

function Table({ onOpen }: { onOpen: (r: Row) => void }) {
  const [sort, setSort] = useState<SortState>({ column: "name", dir: "asc" });
  const rows = sortRows(ROWS, (r) => (sort.column === "n" ? r.n : r.name), sort.dir, (r) => r.id);
  return (
    <DataTable
      rows={rows}
      columns={COLUMNS}
      rowKey={(r) => r.id}
      sort={sort}
      onSort={(c) => setSort((s) => nextSort(s, c))}
      openKey={null}
      onOpen={onOpen}
      label="Rows"
      testId="rows"
    />
  );
}

let restore: () => void;
beforeEach(() => {
  restore = giveElementsASize(440);
});
afterEach(() => restore());

describe("DataTable", () => {
  it("renders only the rows on screen of a thousand, and the keys reach any of them", () => {
    const opened: string[] = [];
    render(<Table onOpen={(r) => opened.push(r.id)} />);
    const grid = screen.getByRole("grid", { name: "Rows" });
    expect(grid.getAttribute("aria-rowcount")).toBe("1001");
    const shown = within(grid).getAllByRole("row").length - 1;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(40);

    fireEvent.keyDown(grid, { key: "End" });
    expect(grid.getAttribute("aria-activedescendant")).toBe("rows-row-999");
    fireEvent.keyDown(grid, { key: "Enter" });
    expect(opened).toEqual(["r999"]);
    fireEvent.keyDown(grid, { key: "Home" });
    fireEvent.keyDown(grid, { key: "PageDown" });
    const afterPage = Number(grid.getAttribute("aria-activedescendant")?.replace("rows-row-", ""));
    expect(afterPage).toBeGreaterThan(1);
    fireEvent.keyDown(grid, { key: "ArrowUp" });
    expect(grid.getAttribute("aria-activedescendant")).toBe(`rows-row-${afterPage - 1}`);
  });

  it("sorts by a sortable header, says how in aria-sort, and leaves the others alone", () => {
    render(<Table onOpen={() => undefined} />);
    const grid = screen.getByRole("grid", { name: "Rows" });
    const headers = within(grid).getAllByRole("columnheader");
    expect(headers.map((h) => h.getAttribute("aria-sort"))).toEqual(["ascending", "none", null]);
    fireEvent.click(within(grid).getByRole("button", { name: /Number/ }));
    expect(within(grid).getAllByRole("row")[1]?.textContent).toBe("Row 09991-");
    expect(headers.map((h) => h.getAttribute("aria-sort"))).toEqual(["none", "ascending", null]);
    expect(within(headers[2] as HTMLElement).queryByRole("button")).toBeNull();
  });
});
