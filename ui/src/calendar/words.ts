// The calendar's vocabulary: how people read the platform's enums. The enums themselves are the
// model's (crates/model, through the generated bindings): every list and map here is checked
// against them, so a value the model does not have, or one it has that is left out of a map, is
// a type error.

import type {
  CalendarKind,
  CalendarVisibility,
  EntryKind,
  EntryStatus,
  EntryVisibility,
  ReminderChannel,
  ResponseStatus,
} from "../generated/bindings";

export const CALENDAR_KINDS = ["tenant_shared", "user_linked", "resource_linked", "space_linked"] as const satisfies readonly CalendarKind[];
export const CALENDAR_KIND_WORDS: Record<string, string> = {
  tenant_shared: "Shared by the tenant",
  user_linked: "A person's",
  resource_linked: "A resource's",
  space_linked: "A space's",
} satisfies Record<CalendarKind, string>;

export const CALENDAR_VISIBILITIES = ["private", "shared", "public_within_tenant"] as const satisfies readonly CalendarVisibility[];
export const VISIBILITY_WORDS: Record<string, string> = {
  private: "Private",
  shared: "Shared",
  public_within_tenant: "Everyone in the tenant",
} satisfies Record<CalendarVisibility, string>;

export const ENTRY_KINDS = ["event", "booking", "reservation", "hold", "reminder_task"] as const satisfies readonly EntryKind[];
export const ENTRY_KIND_WORDS: Record<string, string> = {
  event: "Event",
  booking: "Booking",
  reservation: "Reservation",
  hold: "Hold",
  reminder_task: "Reminder task",
} satisfies Record<EntryKind, string>;

export const ENTRY_STATUSES = ["draft", "tentative", "confirmed", "cancelled", "completed"] as const satisfies readonly EntryStatus[];
export const STATUS_WORDS: Record<string, string> = {
  draft: "Draft",
  tentative: "Tentative",
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  completed: "Completed",
} satisfies Record<EntryStatus, string>;
/** The button that moves an entry to a status. */
export const STATUS_ACTIONS: Record<string, string> = {
  draft: "Back to draft",
  tentative: "Mark tentative",
  confirmed: "Confirm",
  cancelled: "Cancel entry",
  completed: "Mark completed",
} satisfies Record<EntryStatus, string>;

export const ENTRY_VISIBILITIES = ["default", "private"] as const satisfies readonly EntryVisibility[];
export const ENTRY_VISIBILITY_WORDS: Record<string, string> = {
  default: "Default",
  private: "Private",
} satisfies Record<EntryVisibility, string>;

export const RESPONSES = ["accepted", "tentative", "declined", "pending"] as const satisfies readonly ResponseStatus[];
export const RESPONSE_WORDS: Record<string, string> = {
  accepted: "Accept",
  tentative: "Maybe",
  declined: "Decline",
  pending: "No answer yet",
} satisfies Record<ResponseStatus, string>;

/** An answer given. */
export const ANSWER_WORDS: Record<string, string> = {
  accepted: "Accepted",
  tentative: "Maybe",
  declined: "Declined",
  pending: "No answer yet",
} satisfies Record<ResponseStatus, string>;

export const CHANNELS = ["in_app", "email", "sms", "webhook"] as const satisfies readonly ReminderChannel[];
export const CHANNEL_WORDS: Record<string, string> = {
  in_app: "In the app",
  email: "Email",
  sms: "SMS",
  webhook: "Webhook",
} satisfies Record<ReminderChannel, string>;

/** "10 minutes before", "1 day before", "at the start", "5 minutes after". */
export function offsetWords(minutes: number): string {
  if (minutes === 0) return "at the start";
  const m = Math.abs(minutes);
  const unit =
    m % 1440 === 0 ? [m / 1440, "day"] : m % 60 === 0 ? [m / 60, "hour"] : ([m, "minute"] as const);
  const [n, word] = unit as [number, string];
  return `${n} ${word}${n === 1 ? "" : "s"} ${minutes > 0 ? "before" : "after"}`;
}
