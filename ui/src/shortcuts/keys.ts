// Keyboard shortcuts: one table of what each does, how it is matched, and how it is shown in
// tooltips and in `aria-keyshortcuts`.

export interface Shortcut {
  /** `KeyboardEvent.key`, lower case for letters ("n", "/", "F5", "1"). */
  key: string;
  /** Ctrl, or Cmd on a Mac. */
  mod?: boolean;
  alt?: boolean;
}

export type Action =
  | "newContact"
  | "newGroup"
  | "newInvitation"
  | "focusSearch"
  | "syncNow"
  | "goOverview"
  | "goContacts"
  | "goSync"
  | "goCalendars"
  | "goDirectory"
  | "goSettings"
  | "newEntry"
  | "today"
  | "previous"
  | "next"
  | "viewMonth"
  | "viewWeek"
  | "viewDay"
  | "viewAgenda";

export const SHORTCUTS: Record<Action, readonly Shortcut[]> = {
  newContact: [{ key: "n", mod: true }, { key: "n" }],
  // The Directory's Groups tab: only it listens for this one.
  newGroup: [{ key: "n", mod: true }, { key: "n" }],
  // The Directory's Invitations screen: only it listens for this one.
  newInvitation: [{ key: "n", mod: true }, { key: "n" }],
  focusSearch: [{ key: "k", mod: true }, { key: "/" }],
  syncNow: [{ key: "s", mod: true }, { key: "F5" }],
  goOverview: [{ key: "1", alt: true }],
  goContacts: [{ key: "2", alt: true }],
  goSync: [{ key: "3", alt: true }],
  goCalendars: [{ key: "4", alt: true }],
  goDirectory: [{ key: "5", alt: true }],
  goSettings: [{ key: "6", alt: true }],
  // The calendar's own keys; only the calendar screen listens for them.
  newEntry: [{ key: "e", mod: true }, { key: "n" }],
  today: [{ key: "t" }],
  previous: [{ key: "j" }],
  next: [{ key: "k" }],
  viewMonth: [{ key: "m" }],
  viewWeek: [{ key: "w" }],
  viewDay: [{ key: "d" }],
  viewAgenda: [{ key: "a" }],
};

export function isMac(platform: string = typeof navigator === "undefined" ? "" : navigator.platform): boolean {
  return /Mac|iPhone|iPad/.test(platform);
}

/** A bare key (no modifier, not a function key) would steal typing, so it only counts outside text fields. */
function isBare(s: Shortcut): boolean {
  return !s.mod && !s.alt && s.key.length === 1;
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}

export function matches(event: KeyboardEvent, s: Shortcut, mac = isMac()): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  const otherMod = mac ? event.ctrlKey : event.metaKey;
  if (!!s.mod !== mod || otherMod || !!s.alt !== event.altKey) return false;
  if (isBare(s) && isTyping(event.target)) return false;
  // With Alt held, some layouts turn "1" into another character; the physical key still says Digit1.
  if (s.alt && /^\d$/.test(s.key)) return event.code === `Digit${s.key}` || event.key === s.key;
  return event.key.toLowerCase() === s.key.toLowerCase();
}

/** "Ctrl+S" (or "⌘S" on a Mac). */
export function label(s: Shortcut, mac = isMac()): string {
  const key = s.key.length === 1 ? s.key.toUpperCase() : s.key;
  if (mac) return `${s.mod ? "⌘" : ""}${s.alt ? "⌥" : ""}${key}`;
  return [s.mod && "Ctrl", s.alt && "Alt", key].filter(Boolean).join("+");
}

/** For tooltips: "Ctrl+S or F5". */
export function labels(action: Action, mac = isMac()): string {
  return SHORTCUTS[action].map((s) => label(s, mac)).join(" or ");
}

/** For `aria-keyshortcuts`: "Control+S F5". */
export function ariaKeys(action: Action, mac = isMac()): string {
  return SHORTCUTS[action]
    .map((s) => {
      const key = s.key.length === 1 ? s.key.toUpperCase() : s.key;
      return [s.mod && (mac ? "Meta" : "Control"), s.alt && "Alt", key].filter(Boolean).join("+");
    })
    .join(" ");
}

export function actionFor(event: KeyboardEvent, enabled: readonly Action[], mac = isMac()): Action | null {
  for (const action of enabled) {
    if (SHORTCUTS[action].some((s) => matches(event, s, mac))) return action;
  }
  return null;
}
