import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, type KeyboardEvent } from "react";
import type { ContactSummary } from "../generated/bindings";
import { PendingMarker } from "./PendingMarker";

export const ROW_HEIGHT = 56;

interface Props {
  count: number;
  itemAt: (index: number) => ContactSummary | undefined;
  /** Told which rows are on screen, so it can load them. */
  onRange?: (start: number, end: number) => void;
  selectedId: string | null;
  onSelect: (contact: ContactSummary) => void;
  label: string;
}

/**
 * The contacts as a listbox that only renders the rows on screen, so 100,000 contacts scroll as
 * smoothly as 40. Arrow keys, Page Up/Down, Home and End move the selection.
 */
export function ContactList({ count, itemAt, onRange, selectedId, onSelect, label }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualizer hands out functions that React Compiler cannot memoize; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, onRange]);

  // A key moved to a row whose page is still loading: select it once it arrives.
  const wanted = useRef<number | null>(null);
  useEffect(() => {
    if (wanted.current === null) return;
    const contact = itemAt(wanted.current);
    if (contact) {
      wanted.current = null;
      onSelect(contact);
    }
  }, [itemAt, onSelect]);

  let selectedIndex = -1;
  for (const row of rows) {
    if (itemAt(row.index)?.localId === selectedId) selectedIndex = row.index;
  }

  function move(event: KeyboardEvent<HTMLDivElement>) {
    if (count === 0) return;
    const page = Math.max(1, last - first - 1);
    const from = selectedIndex >= 0 ? selectedIndex : first - 1;
    const to = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: count - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = Math.min(count - 1, Math.max(0, to));
    virtualizer.scrollToIndex(index);
    const contact = itemAt(index);
    wanted.current = contact ? null : index;
    if (contact) onSelect(contact);
  }

  return (
    <div
      ref={scroller}
      className="contact-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `contact-row-${selectedIndex}` : undefined}
      onKeyDown={move}
      data-testid="contact-list"
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {rows.map((row) => {
          const contact = itemAt(row.index);
          const selected = !!contact && contact.localId === selectedId;
          return (
            <div
              key={row.key}
              id={`contact-row-${row.index}`}
              role="option"
              aria-selected={selected}
              aria-setsize={count}
              aria-posinset={row.index + 1}
              aria-busy={!contact}
              className={`contact-row${selected ? " selected" : ""}`}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onClick={() => contact && onSelect(contact)}
            >
              {contact ? (
                <>
                  <span className="contact-row-name">
                    {contact.displayName || contact.email || "(no name)"}
                    {contact.hasPendingOps && <PendingMarker />}
                  </span>
                  <span className="contact-row-meta muted small">
                    {[contact.email, contact.phone].filter(Boolean).join(" · ") || "no email or phone"}
                  </span>
                </>
              ) : (
                <span className="muted small">Loading…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
