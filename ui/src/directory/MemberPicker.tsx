import { useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { DirectoryItem } from "../generated/bindings";
import { filterDirectory } from "./filter";

/** At most this many users are listed at once; typing narrows them. */
export const PICKER_LIMIT = 50;

interface Props {
  /** The tenant's users; null while they load. */
  users: readonly DirectoryItem[] | null;
  /** Server ids of the users already in the group: left out. */
  memberIds: ReadonlySet<string>;
  onPick: (user: DirectoryItem) => void;
  disabled?: boolean;
  /** The id of what says why it is disabled. */
  describedBy?: string;
}

/**
 * Finds a user to add: type part of a name or email, move with the arrow keys, Enter or a click
 * picks. Users already in the group are not offered.
 */
export function MemberPicker({ users, memberIds, onPick, disabled = false, describedBy }: Props) {
  const listId = useId();
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  // The choices show while the search has the focus or text, as a combobox's popup does.
  const [focused, setFocused] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const candidates = useMemo(
    () => filterDirectory((users ?? []).filter((u) => !memberIds.has(u.serverId)), query),
    [users, memberIds, query],
  );
  const shown = candidates.slice(0, PICKER_LIMIT);
  const activeIndex = Math.min(active, shown.length - 1);
  const expanded = !disabled && (focused || query !== "") && shown.length > 0;

  function pick(user: DirectoryItem | undefined) {
    if (!user) return;
    onPick(user);
    setQuery("");
    setActive(0);
    input.current?.focus();
  }

  function keys(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!expanded) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((Math.max(0, activeIndex) + step + shown.length) % shown.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (expanded) pick(shown[activeIndex]);
    } else if (event.key === "Escape" && query) {
      event.preventDefault();
      setQuery("");
    }
  }

  const everyoneIn = users !== null && users.length > 0 && users.every((u) => memberIds.has(u.serverId));
  const note =
    users === null
      ? "Loading users…"
      : users.length === 0
        ? "No users here yet: the directory's users come with a sync."
        : everyoneIn
          ? "Every user of this tenant is in this group."
          : candidates.length === 0
            ? `No user matches “${query.trim()}”.`
            : candidates.length > shown.length
              ? `${shown.length} of ${candidates.length} users; type to narrow them.`
              : null;

  return (
    <div className="member-picker">
      <label htmlFor={`${listId}-search`}>Add member</label>
      <input
        ref={input}
        id={`${listId}-search`}
        type="search"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        placeholder="Search users by name or email"
        autoComplete="off"
        value={query}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={keys}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      {note && (
        <p className="muted small" role="status">
          {note}
        </p>
      )}
      {expanded && (
        <ul id={listId} role="listbox" aria-label="Users to add" className="picker-list">
          {shown.map((user, i) => (
            <li
              key={user.serverId}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`picker-option${i === activeIndex ? " active" : ""}`}
              // Keeps the focus in the search field: the pick happens on the click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(user)}
            >
              <span className="truncate">{user.name}</span>
              {user.email && <span className="muted small truncate">{user.email}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
