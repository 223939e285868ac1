import type { EntryForm } from "./entryForm";
import type { Problems } from "./problems";
import { fromInput, rangeWords, zoneNames } from "./time";

interface Props {
  form: EntryForm;
  set: (patch: Partial<EntryForm>) => void;
  mode: "new" | "entry" | "occurrence";
  /** A whole series: its times cannot change. */
  locked: boolean;
  problem: Problems;
}

/** When an entry happens: all day or not, start, end (the last day, all day), its time zone, and the result in words. */
export function WhenFields({ form, set, mode, locked, problem }: Props) {
  const zones = zoneNames().includes(form.timezone) ? zoneNames() : [form.timezone, ...zoneNames()];

  function toggleAllDay(allDay: boolean) {
    const start = fromInput(form.start, form.timezone);
    const end = fromInput(form.end, form.timezone);
    set({
      isAllDay: allDay,
      start: start ? (allDay ? start.toFormat("yyyy-MM-dd") : start.set({ hour: 9 }).toFormat("yyyy-MM-dd'T'HH:mm")) : form.start,
      end: end ? (allDay ? end.toFormat("yyyy-MM-dd") : end.set({ hour: 10 }).toFormat("yyyy-MM-dd'T'HH:mm")) : form.end,
    });
  }

  const start = fromInput(form.start, form.timezone);
  const end = fromInput(form.end, form.timezone);
  const until = end && form.isAllDay ? end.startOf("day").plus({ days: 1 }) : end;
  const words = start && until ? `${rangeWords(start.toISO() ?? "", until.toISO() ?? "", form.timezone, form.isAllDay)} (${form.timezone})` : "";

  return (
    <fieldset disabled={locked}>
      <legend>When</legend>
      {locked && (
        <p className="muted small" data-testid="series-times-note">
          A series' times cannot change here: Outpost has no command that changes a series' rule. Move one occurrence instead.
        </p>
      )}
      <label className="check">
        <input type="checkbox" name="isAllDay" checked={form.isAllDay} onChange={(e) => toggleAllDay(e.target.checked)} />
        All day
      </label>
      <div className="when-grid">
        <div className="field">
          <label htmlFor="entry-start">{form.isAllDay ? "First day" : "Start"}</label>
          <input
            id="entry-start"
            name="start"
            type={form.isAllDay ? "date" : "datetime-local"}
            value={form.start}
            onChange={(e) => set({ start: e.target.value })}
            {...problem.props("entry-start", "startsAt")}
          />
          {problem.shown("entry-start", "startsAt")}
        </div>
        <div className="field">
          <label htmlFor="entry-end">{form.isAllDay ? "Last day" : "End"}</label>
          <input
            id="entry-end"
            name="end"
            type={form.isAllDay ? "date" : "datetime-local"}
            value={form.end}
            onChange={(e) => set({ end: e.target.value })}
            {...problem.props("entry-end", "endsAt")}
          />
          {problem.shown("entry-end", "endsAt")}
        </div>
        {mode !== "occurrence" && (
          <div className="field field-wide">
            <label htmlFor="entry-timezone">Time zone</label>
            <select
              id="entry-timezone"
              name="timezone"
              value={form.timezone}
              onChange={(e) => set({ timezone: e.target.value })}
              {...problem.props("entry-timezone", "timezone")}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            {problem.shown("entry-timezone", "timezone")}
          </div>
        )}
      </div>
      <p className="muted small" data-testid="entry-when">
        {words}
      </p>
    </fieldset>
  );
}
