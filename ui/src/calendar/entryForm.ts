// An entry as the editor edits it, and the bodies the backend takes: `create_entry` (every
// field), `update_entry` (only what changed) and `override_occurrence` (one occurrence).

import type { Entry, EntryKind, EntryPatch, EntryStatus, EntryVisibility, OccurrencePatch, WindowItem } from "../generated/bindings";
import { choice } from "./choice";
import { invalid } from "./errors";
import { allDayEndInput, fromInput, toInput, utc } from "./time";
import { ENTRY_KINDS, ENTRY_STATUSES } from "./words";

/** What a form starts from: an entry's fields, or the part of them a selection or an occurrence gives. */
export type EntrySource = Partial<Entry>;

export interface EntryForm {
  calendarId: string;
  kind: EntryKind;
  status: EntryStatus;
  visibility: EntryVisibility;
  title: string;
  isAllDay: boolean;
  /** As typed: `yyyy-MM-ddTHH:mm`, or `yyyy-MM-dd` all day (the last day, for the end). */
  start: string;
  end: string;
  timezone: string;
  locationName: string;
  description: string;
  ownerUserId: string;
}

/** The form's fields, named as the backend's `details.field` names them. */
export const ENTRY_LABELS: Record<string, string> = {
  calendarId: "Calendar",
  kind: "Kind",
  status: "Status",
  visibility: "Visibility",
  title: "Title",
  isAllDay: "All day",
  startsAt: "Start",
  endsAt: "End",
  timezone: "Time zone",
  locationName: "Location",
  description: "Description",
  ownerUserId: "Owner",
};

/** An occurrence's override fields are shown in the entry's own inputs. */
export const OCCURRENCE_RENAME: Record<string, string> = {
  titleOverride: "title",
  descriptionOverride: "description",
};

export function formFromFields(fields: EntrySource, calendarId: string): EntryForm {
  const zone = fields.timezone || "UTC";
  const allDay = fields.isAllDay === true;
  const start = fields.startsAt ?? "";
  const end = fields.endsAt ?? "";
  return {
    calendarId,
    kind: fields.kind ?? "event",
    status: fields.status ?? "confirmed",
    visibility: fields.visibility ?? "default",
    title: fields.title ?? "",
    isAllDay: allDay,
    start: start ? toInput(start, zone, allDay) : "",
    end: end ? (allDay ? allDayEndInput(end, zone) : toInput(end, zone, false)) : "",
    timezone: zone,
    locationName: fields.locationName ?? "",
    description: fields.description ?? "",
    ownerUserId: fields.ownerUserId ?? "",
  };
}

/** A new entry over a chosen range (a selection in the calendar). */
export function newForm(calendarId: string, zone: string, startIso: string, endIso: string, allDay: boolean): EntryForm {
  return formFromFields(
    { timezone: zone, isAllDay: allDay, startsAt: startIso, endsAt: endIso, kind: "event", status: "confirmed" },
    calendarId,
  );
}

/** An occurrence as the window showed it. */
export function formFromItem(item: WindowItem): EntryForm {
  return formFromFields(
    {
      timezone: item.timezone,
      isAllDay: item.isAllDay,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      // The window carries these as plain text; the form holds the model's values.
      kind: choice(ENTRY_KINDS, item.kind, "event"),
      status: choice(ENTRY_STATUSES, item.status, "confirmed"),
      title: item.title,
      description: item.description ?? "",
      locationName: item.locationName ?? "",
    },
    item.calendarId,
  );
}

/** startsAt and endsAt of the form (all day: midnight to the midnight after the last day); throws an `invalid` error at the field that is not a time. */
export function times(form: EntryForm): { startsAt: string; endsAt: string } {
  const start = fromInput(form.start, form.timezone);
  if (!start) throw invalid("startsAt", form.start.trim() ? "not a date and time" : "required");
  const end = fromInput(form.end, form.timezone);
  if (!end) throw invalid("endsAt", form.end.trim() ? "not a date and time" : "required");
  if (form.isAllDay) {
    return { startsAt: utc(start.startOf("day")), endsAt: utc(end.startOf("day").plus({ days: 1 })) };
  }
  return { startsAt: utc(start), endsAt: utc(end) };
}

/** The body of `create_entry`: every field the form has (blank optional ones left out). */
export function createBody(form: EntryForm): Entry {
  const body: Entry = {
    calendarId: form.calendarId,
    kind: form.kind,
    status: form.status,
    visibility: form.visibility,
    title: form.title.trim(),
    isAllDay: form.isAllDay,
    timezone: form.timezone,
    ...times(form),
  };
  if (form.locationName.trim()) body.locationName = form.locationName.trim();
  if (form.description.trim()) body.description = form.description;
  if (form.ownerUserId) body.ownerUserId = form.ownerUserId;
  return body;
}

/**
 * The body of `update_entry`: only what differs from `original` (the status is not here: it
 * changes by its own transitions). With `keepTimes` the times are left as they are.
 */
export function patchBody(original: EntryForm, form: EntryForm, keepTimes = false): EntryPatch {
  const patch: EntryPatch = {};
  if (form.kind !== original.kind) patch.kind = form.kind;
  if (form.visibility !== original.visibility) patch.visibility = form.visibility;
  if (form.timezone !== original.timezone) patch.timezone = form.timezone;
  if (form.ownerUserId !== original.ownerUserId) patch.ownerUserId = form.ownerUserId;
  if (form.title.trim() !== original.title.trim()) patch.title = form.title.trim();
  if (form.locationName.trim() !== original.locationName.trim()) patch.locationName = form.locationName.trim();
  if (form.description !== original.description) patch.description = form.description;
  if (!keepTimes) {
    if (form.isAllDay !== original.isAllDay) patch.isAllDay = form.isAllDay;
    const changedTimes =
      form.start !== original.start ||
      form.end !== original.end ||
      form.isAllDay !== original.isAllDay ||
      form.timezone !== original.timezone;
    if (changedTimes) Object.assign(patch, times(form));
  }
  return patch;
}

/** The body of `override_occurrence`: what changes for this occurrence only. */
export function occurrenceBody(original: EntryForm, form: EntryForm): OccurrencePatch {
  const patch: OccurrencePatch = {};
  if (form.title.trim() !== original.title.trim()) patch.titleOverride = form.title.trim();
  if (form.description !== original.description) patch.descriptionOverride = form.description;
  if (form.status !== original.status) patch.status = form.status;
  if (form.start !== original.start || form.end !== original.end || form.isAllDay !== original.isAllDay) {
    Object.assign(patch, times(form));
    if (form.isAllDay !== original.isAllDay) patch.isAllDay = form.isAllDay;
  }
  return patch;
}
