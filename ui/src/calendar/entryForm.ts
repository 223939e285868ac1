// An entry as the editor edits it, and the bodies the backend takes: `create_entry` (every
// field), `update_entry` (only what changed) and `override_occurrence` (one occurrence).

import type { WindowItem } from "../generated/bindings";
import { invalid } from "./errors";
import { allDayEndInput, fromInput, toInput, utc } from "./time";

type Fields = Record<string, unknown>;

export interface EntryForm {
  calendarId: string;
  kind: string;
  status: string;
  visibility: string;
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

function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function formFromFields(fields: Fields, calendarId: string): EntryForm {
  const zone = text(fields.timezone) || "UTC";
  const allDay = fields.isAllDay === true;
  const start = text(fields.startsAt);
  const end = text(fields.endsAt);
  return {
    calendarId,
    kind: text(fields.kind) || "event",
    status: text(fields.status) || "confirmed",
    visibility: text(fields.visibility) || "default",
    title: text(fields.title),
    isAllDay: allDay,
    start: start ? toInput(start, zone, allDay) : "",
    end: end ? (allDay ? allDayEndInput(end, zone) : toInput(end, zone, false)) : "",
    timezone: zone,
    locationName: text(fields.locationName),
    description: text(fields.description),
    ownerUserId: text(fields.ownerUserId),
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
      kind: item.kind,
      status: item.status,
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
export function createBody(form: EntryForm): Fields {
  const body: Fields = {
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
export function patchBody(original: EntryForm, form: EntryForm, keepTimes = false): Fields {
  const patch: Fields = {};
  for (const f of ["kind", "visibility", "timezone", "ownerUserId"] as const) {
    if (form[f] !== original[f]) patch[f] = form[f];
  }
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
export function occurrenceBody(original: EntryForm, form: EntryForm): Fields {
  const patch: Fields = {};
  if (form.title.trim() !== original.title.trim()) patch.titleOverride = form.title.trim();
  if (form.description !== original.description) patch.descriptionOverride = form.description;
  if (form.status !== original.status) patch.status = form.status;
  if (form.start !== original.start || form.end !== original.end || form.isAllDay !== original.isAllDay) {
    Object.assign(patch, times(form));
    if (form.isAllDay !== original.isAllDay) patch.isAllDay = form.isAllDay;
  }
  return patch;
}
