import { choice } from "./choice";
import { FREQUENCIES, FREQUENCY_WORDS, INTERVAL_UNITS, WEEKDAYS, type Ending, type RecurrenceForm as Form } from "./recurrence";

interface Props {
  value: Form;
  onChange: (next: Form) => void;
  /** The backend's (or the form's own) objection, by the series' field name. */
  problem: { field: string; message: string } | null;
  disabled?: boolean;
}

function FieldError({ id, problem }: { id: string; problem: string | null }) {
  if (!problem) return null;
  return (
    <span className="form-error small" id={id} data-testid={`error-${id.replace("recurrence-", "").replace("-error", "")}`}>
      {problem}
    </span>
  );
}

/** How an entry repeats: daily, weekly on chosen days, monthly on chosen days, yearly; every N; until a day or N times. */
export function RecurrenceForm({ value, onChange, problem, disabled }: Props) {
  const set = (patch: Partial<Form>) => onChange({ ...value, ...patch });
  const at = (field: string) => (problem?.field === field ? problem.message : null);
  const [one, many] = INTERVAL_UNITS[value.frequency];
  const intervalProblem = at("intervalCount");
  const weekdayProblem = at("byWeekday");
  const monthDayProblem = at("byMonthDay");
  const untilProblem = at("untilAt");
  const countProblem = at("occurrenceCountLimit");

  return (
    <div className="recurrence-form">
      <div className="field-grid">
        <div className="field">
          <label htmlFor="recurrence-frequency">Repeats</label>
          <select
            id="recurrence-frequency"
            name="frequency"
            value={value.frequency}
            disabled={disabled}
            onChange={(e) => set({ frequency: choice(FREQUENCIES, e.target.value, value.frequency) })}
          >
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_WORDS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recurrence-intervalCount">Every</label>
          <div className="with-unit">
            <input
              id="recurrence-intervalCount"
              name="intervalCount"
              type="number"
              min={1}
              inputMode="numeric"
              value={value.interval}
              disabled={disabled}
              onChange={(e) => set({ interval: e.target.value })}
              aria-invalid={intervalProblem ? true : undefined}
              aria-describedby={intervalProblem ? "recurrence-intervalCount-error" : undefined}
            />
            <span className="muted">{value.interval.trim() === "1" ? one : many}</span>
          </div>
          <FieldError id="recurrence-intervalCount-error" problem={intervalProblem} />
        </div>
      </div>
      {value.frequency === "weekly" && (
        <fieldset
          className="weekdays"
          aria-invalid={weekdayProblem ? true : undefined}
          aria-describedby={weekdayProblem ? "recurrence-byWeekday-error" : undefined}
        >
          <legend>On</legend>
          <div className="weekday-row">
            {WEEKDAYS.map((name, day) => (
              <label key={name} className="check" title={name}>
                <input
                  type="checkbox"
                  name="byWeekday"
                  value={day}
                  checked={value.weekdays.includes(day)}
                  disabled={disabled}
                  onChange={(e) =>
                    set({
                      weekdays: e.target.checked ? [...value.weekdays, day] : value.weekdays.filter((d) => d !== day),
                    })
                  }
                  aria-label={name}
                />
                <span aria-hidden="true">{name.slice(0, 3)}</span>
              </label>
            ))}
          </div>
          <FieldError id="recurrence-byWeekday-error" problem={weekdayProblem} />
        </fieldset>
      )}
      {value.frequency === "monthly" && (
        <div className="field">
          <label htmlFor="recurrence-byMonthDay">On days of the month</label>
          <input
            id="recurrence-byMonthDay"
            name="byMonthDay"
            placeholder="1, 15 (empty: the start's day)"
            value={value.monthDays}
            disabled={disabled}
            onChange={(e) => set({ monthDays: e.target.value })}
            aria-invalid={monthDayProblem ? true : undefined}
            aria-describedby={monthDayProblem ? "recurrence-byMonthDay-error" : undefined}
          />
          <FieldError id="recurrence-byMonthDay-error" problem={monthDayProblem} />
        </div>
      )}
      <fieldset className="ending">
        <legend>Ends</legend>
        <label className="check">
          <input
            type="radio"
            name="ending"
            checked={value.ending === "never"}
            disabled={disabled}
            onChange={() => set({ ending: "never" as Ending })}
          />
          Never
        </label>
        <div className="ending-row">
          <label className="check">
            <input
              type="radio"
              name="ending"
              checked={value.ending === "until"}
              disabled={disabled}
              onChange={() => set({ ending: "until" })}
            />
            On
          </label>
          <input
            type="date"
            name="untilAt"
            aria-label="Last day"
            value={value.until}
            disabled={disabled || value.ending !== "until"}
            onChange={(e) => set({ until: e.target.value })}
            aria-invalid={untilProblem ? true : undefined}
            aria-describedby={untilProblem ? "recurrence-untilAt-error" : undefined}
          />
          <FieldError id="recurrence-untilAt-error" problem={untilProblem} />
        </div>
        <div className="ending-row">
          <label className="check">
            <input
              type="radio"
              name="ending"
              checked={value.ending === "count"}
              disabled={disabled}
              onChange={() => set({ ending: "count" })}
            />
            After
          </label>
          <input
            type="number"
            name="occurrenceCountLimit"
            min={1}
            aria-label="Number of times"
            value={value.count}
            disabled={disabled || value.ending !== "count"}
            onChange={(e) => set({ count: e.target.value })}
            aria-invalid={countProblem ? true : undefined}
            aria-describedby={countProblem ? "recurrence-occurrenceCountLimit-error" : undefined}
          />
          <span className="muted">times</span>
          <FieldError id="recurrence-occurrenceCountLimit-error" problem={countProblem} />
        </div>
      </fieldset>
    </div>
  );
}
