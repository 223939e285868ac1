import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { ImportItem } from "../generated/bindings";
import { importItem, importOutcome } from "../testing/fakeCall";
import { ImportReport, REPORT_ROWS, summaryWords } from "./ImportReport";

function item(line: number, action: ImportItem["action"]): ImportItem {
  return importItem({ line, action, label: `Item ${line}` });
}

describe("ImportReport", () => {
  it("lists refusals first and counts the rows it does not draw", () => {
    const items = [...Array.from({ length: REPORT_ROWS + 50 }, (_, i) => item(i + 1, "create")), item(9999, "error")];
    render(
      <ImportReport
        outcome={{ format: "ics", applied: false, created: REPORT_ROWS + 50, updated: 0, skipped: 0, failed: 1, items, omittedItems: 0, fileProblems: [], fileWarnings: [] }}
        noun="events"
      />,
    );
    const rows = screen.getAllByTestId("import-item");
    expect(rows).toHaveLength(REPORT_ROWS);
    expect(rows[0]?.textContent).toContain("Item 9999");
    expect(screen.getByText("… and 51 more items, counted above but not listed.")).toBeTruthy();
    expect(screen.getByTestId("import-summary").className).toContain("has-failures");
  });

  it("says what an apply did, and what a file with nothing in it holds", () => {
    const done = { format: "vcf" as const, applied: true, created: 2, updated: 1, skipped: 0, failed: 0, items: [item(1, "create"), item(2, "create"), item(3, "update")], omittedItems: 0, fileProblems: [], fileWarnings: [] };
    expect(summaryWords(done, "contacts")).toBe("Created 2, updated 1, skipped 0.");
    expect(summaryWords({ ...done, applied: false, items: [], created: 0, updated: 0 }, "events")).toBe("The file holds no events.");
    render(<ImportReport outcome={done} noun="contacts" />);
    expect(screen.getAllByText("Created")).toHaveLength(2);
    expect(screen.getByText("Updated")).toBeTruthy();
  });

  it("counts the items a big file's import left out of its list", () => {
    // 498,000 contacts: the import lists 2 of them (a refusal and the first create).
    const items = [item(1, "create"), item(7, "error")];
    const outcome = importOutcome(items, { created: 497_999, failed: 1, omittedItems: 497_998 });
    expect(summaryWords(outcome, "contacts")).toBe(`${(498_000).toLocaleString()} items in the file: ${(497_999).toLocaleString()} to create, 0 to update, 0 to skip, 1 item cannot be imported.`);
    render(<ImportReport outcome={outcome} noun="contacts" />);
    expect(screen.getAllByTestId("import-item")).toHaveLength(2);
    expect(screen.getByTestId("import-omitted").textContent).toBe(`… and ${(497_998).toLocaleString()} more items, counted above but not listed.`);
  });

  it("says how many reminders an event brings, and how many were added", () => {
    const event = importItem({ line: 4, label: "Boiler check", action: "create", reminders: 2 });
    const plain = importItem({ line: 20, label: "Site survey", action: "create" });
    const { unmount } = render(<ImportReport outcome={importOutcome([event, plain], { format: "ics" })} noun="events" />);
    expect(screen.getAllByTestId("import-reminders").map((e) => e.textContent)).toEqual(["with 2 reminders"]);
    unmount();
    render(<ImportReport outcome={importOutcome([event], { format: "ics", applied: true })} noun="events" />);
    expect(screen.getByTestId("import-reminders").textContent).toBe("2 reminders added");
  });
});
