// The sync settings form: text as typed, checked against the backend's bounds before sending.

import type { SyncSettings } from "../generated/bindings";

export type SettingsField = keyof SyncSettings;

export const SETTINGS_LABELS: Record<SettingsField, string> = {
  intervalMinutes: "Sync every (minutes)",
  entryWindowPastDays: "Days back",
  entryWindowFutureDays: "Days ahead",
  verifyEveryHours: "Check everything every (hours)",
};

export const BOUNDS: Record<SettingsField, { min: number; max: number }> = {
  intervalMinutes: { min: 0, max: 1440 },
  entryWindowPastDays: { min: 0, max: 3650 },
  entryWindowFutureDays: { min: 1, max: 3650 },
  verifyEveryHours: { min: 1, max: 720 },
};

export type SettingsForm = Record<SettingsField, string>;

export function formFromSettings(s: SyncSettings): SettingsForm {
  return {
    intervalMinutes: String(s.intervalMinutes),
    entryWindowPastDays: String(s.entryWindowPastDays),
    entryWindowFutureDays: String(s.entryWindowFutureDays),
    verifyEveryHours: String(s.verifyEveryHours),
  };
}

/** The settings to send, or the first field that is not a whole number within its bounds. */
export function settingsFromForm(
  form: SettingsForm,
): { ok: true; value: SyncSettings } | { ok: false; field: SettingsField; message: string } {
  const value = {} as SyncSettings;
  for (const field of Object.keys(BOUNDS) as SettingsField[]) {
    const text = form[field].trim();
    const { min, max } = BOUNDS[field];
    const n = Number(text);
    if (text === "" || !Number.isInteger(n) || n < min || n > max) {
      return { ok: false, field, message: `a whole number from ${min} to ${max}` };
    }
    value[field] = n;
  }
  return { ok: true, value };
}

/** "Every 5 minutes", "Off". */
export function intervalWords(minutes: number): string {
  if (minutes === 0) return "Off: only Sync now, and a sync when the server is reachable again";
  return `Every ${minutes} ${minutes === 1 ? "minute" : "minutes"} while the server is reachable`;
}
