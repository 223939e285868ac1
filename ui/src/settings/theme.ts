// Light, dark or the system's choice: kept in localStorage and applied to <html data-theme>.
// public/theme-boot.js applies the same choice before the first paint (no flash of the wrong one).

export type Theme = "light" | "dark" | "system";

export const THEME_KEY = "outpost.theme";

export const THEMES: { value: Theme; label: string }[] = [
  { value: "system", label: "Same as the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

export function readTheme(storage: Pick<Storage, "getItem"> = window.localStorage): Theme {
  const kept = storage.getItem(THEME_KEY);
  return kept === "light" || kept === "dark" ? kept : "system";
}

/** Keeps the choice and applies it to the document at once. */
export function writeTheme(
  theme: Theme,
  storage: Pick<Storage, "setItem" | "removeItem"> = window.localStorage,
  root: HTMLElement = document.documentElement,
) {
  if (theme === "system") storage.removeItem(THEME_KEY);
  else storage.setItem(THEME_KEY, theme);
  applyTheme(theme, root);
}

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement) {
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}
