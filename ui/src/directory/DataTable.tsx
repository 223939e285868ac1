import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import type { SortState } from "./tableSort";

export const TABLE_ROW_HEIGHT = 44;

export interface Column<T> {
  id: string;
  label: string;
  /** Its CSS grid track ("2fr", "120px", "minmax(90px, 1fr)"). */
  width: string;
  cell: (row: T) => ReactNode;
  /** Whether its header sorts the table by it. */
  sortable?: boolean;
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** The sort shown on the headers; `onSort` gets the column chosen. */
  sort: SortState;
  onSort: (column: string) => void;
  /** The row open in the detail pane. */
  openKey: string | null;
  onOpen: (row: T) => void;
  label: string;
  testId?: string;
  /** Each row's height in pixels (two-line rows need more). */
  rowHeight?: number;
}

/**
 * A table of the administration area that renders only the rows on screen, as a grid: its
 * column headers sort (again to turn around), arrow keys, Page Up/Down, Home and End move the
 * highlighted row, Enter (or a click) opens it in the detail pane.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  sort,
  onSort,
  openKey,
  onOpen,
  label,
  testId,
  rowHeight = TABLE_ROW_HEIGHT,
}: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<string | null>(openKey);
  // The virtualizer hands out functions that React Compiler cannot memoize; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
  });
  const shown = virtualizer.getVirtualItems();
  const template: CSSProperties = { gridTemplateColumns: columns.map((c) => c.width).join(" ") };

  // A row opened from outside (a new record saved) becomes the highlighted one too.
  useEffect(() => {
    if (openKey) setActive(openKey);
  }, [openKey]);

  // The highlighted row may have been filtered away or deleted: then none is.
  const activeIndex = rows.findIndex((r) => rowKey(r) === active);

  function move(event: KeyboardEvent<HTMLDivElement>) {
    // Keys pressed on a column header's button are the button's.
    if (event.target !== event.currentTarget || rows.length === 0) return;
    if (event.key === "Enter" || event.key === " ") {
      const row = rows[activeIndex];
      if (row) {
        event.preventDefault();
        onOpen(row);
      }
      return;
    }
    const first = shown[0]?.index ?? 0;
    const last = shown[shown.length - 1]?.index ?? 0;
    const page = Math.max(1, last - first - 1);
    const from = activeIndex >= 0 ? activeIndex : -1;
    const to = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows.length - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = Math.min(rows.length - 1, Math.max(0, to));
    virtualizer.scrollToIndex(index);
    const row = rows[index];
    setActive(row ? rowKey(row) : null);
  }

  const idOf = (index: number) => `${testId ?? "table"}-row-${index}`;
  return (
    <div
      className="data-table"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? idOf(activeIndex) : undefined}
      onKeyDown={move}
      data-testid={testId}
    >
      <div role="rowgroup" className="data-table-head">
        <div role="row" aria-rowindex={1} className="data-table-row" style={template}>
          {columns.map((c) => {
            const sorted = sort.column === c.id;
            return (
              <div
                key={c.id}
                role="columnheader"
                aria-sort={sorted ? (sort.dir === "asc" ? "ascending" : "descending") : c.sortable ? "none" : undefined}
                className="data-table-cell"
              >
                {c.sortable ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => onSort(c.id)}
                    title={sorted ? `Sorted ${sort.dir === "asc" ? "ascending" : "descending"}; choose to turn around` : `Sort by ${c.label.toLowerCase()}`}
                  >
                    {c.label}
                    <span aria-hidden="true" className="sort-arrow">
                      {sorted ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scroller} className="data-table-body" role="rowgroup">
        <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {shown.map((v) => {
            const row = rows[v.index];
            if (row === undefined) return null;
            const key = rowKey(row);
            const open = key === openKey;
            return (
              <div
                key={key}
                id={idOf(v.index)}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={open}
                className={`data-table-row data-row${open ? " selected" : ""}${v.index === activeIndex ? " active" : ""}`}
                style={{ ...template, height: v.size, transform: `translateY(${v.start}px)` }}
                onClick={() => {
                  setActive(key);
                  onOpen(row);
                }}
              >
                {columns.map((c) => (
                  <div key={c.id} role="gridcell" className="data-table-cell">
                    {c.cell(row)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
