import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import type { Group, RecordView } from "../generated/bindings";
import { SyncBadge } from "./SyncBadge";
import { markOf, worstMark, type SyncMarks } from "./syncMarks";
import { useGroupMembers } from "./useGroupMembers";

export const GROUP_ROW_HEIGHT = 56;

export type GroupRecord = RecordView<Group>;

interface Props {
  groups: readonly GroupRecord[];
  marks: SyncMarks;
  /** The group open in the detail pane. */
  openId: string | null;
  onOpen: (group: GroupRecord) => void;
  label: string;
}

/**
 * The groups as a listbox that renders only the rows on screen. Arrow keys, Page Up/Down, Home
 * and End move the highlighted row; Enter (or a click) opens it in the detail pane.
 */
export function GroupList({ groups, marks, openId, onOpen, label }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<string | null>(openId);
  // The virtualizer hands out functions that React Compiler cannot memoize; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: groups.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => GROUP_ROW_HEIGHT,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();

  // A group opened from outside (a new one saved) becomes the highlighted row too.
  useEffect(() => {
    if (openId) setActive(openId);
  }, [openId]);

  // The highlighted row may have been filtered away or deleted: fall back to none.
  const activeIndex = groups.findIndex((g) => g.localId === active);

  function move(event: KeyboardEvent<HTMLDivElement>) {
    if (groups.length === 0) return;
    if (event.key === "Enter") {
      const group = groups[activeIndex];
      if (group) {
        event.preventDefault();
        onOpen(group);
      }
      return;
    }
    const first = rows[0]?.index ?? 0;
    const last = rows[rows.length - 1]?.index ?? 0;
    const page = Math.max(1, last - first - 1);
    const from = activeIndex >= 0 ? activeIndex : -1;
    const to = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: groups.length - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const index = Math.min(groups.length - 1, Math.max(0, to));
    virtualizer.scrollToIndex(index);
    setActive(groups[index]?.localId ?? null);
  }

  return (
    <div
      ref={scroller}
      className="contact-list group-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? `group-row-${activeIndex}` : undefined}
      onKeyDown={move}
      data-testid="group-list"
    >
      <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {rows.map((row) => {
          const group = groups[row.index];
          if (!group) return null;
          return (
            <GroupRow
              key={group.localId}
              index={row.index}
              count={groups.length}
              group={group}
              marks={marks}
              open={group.localId === openId}
              active={row.index === activeIndex}
              style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              onOpen={() => {
                setActive(group.localId);
                onOpen(group);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}

interface RowProps {
  index: number;
  count: number;
  group: GroupRecord;
  marks: SyncMarks;
  open: boolean;
  active: boolean;
  style: CSSProperties;
  onOpen: () => void;
}

function GroupRow({ index, count, group, marks, open, active, style, onOpen }: RowProps) {
  // Only rows on screen ask for their members (the detail pane shares the same cached answer).
  const members = useGroupMembers(group.localId);
  // The group's own state, or its members' (one added offline makes the group wait too).
  const mark = worstMark([markOf(marks, group), ...(members.data ?? []).map((m) => markOf(marks, m))]);
  const memberWords =
    members.data === undefined
      ? members.error
        ? "members unknown"
        : "…"
      : `${members.data.length} ${members.data.length === 1 ? "member" : "members"}`;
  return (
    <div
      id={`group-row-${index}`}
      role="option"
      aria-selected={open}
      aria-setsize={count}
      aria-posinset={index + 1}
      className={`contact-row group-row${open ? " selected" : ""}${active ? " active" : ""}`}
      style={style}
      onClick={onOpen}
    >
      <span className="contact-row-name">
        <span className="truncate">{group.fields.name}</span>
        <SyncBadge mark={mark} />
      </span>
      <span className="contact-row-meta muted small">
        <span data-testid="group-member-count">{memberWords}</span>
        {group.fields.description ? ` · ${group.fields.description}` : ""}
      </span>
    </div>
  );
}
