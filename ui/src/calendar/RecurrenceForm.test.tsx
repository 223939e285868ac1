import { fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import type { CommandError } from "../api/transport";
import { defaultRecurrence, recurrenceBody, ruleWords, type RecurrenceForm as Rule } from "./recurrence";
import { RecurrenceForm } from "./RecurrenceForm";

const root = { entryId: "e1", calendarId: "c1", startsAt: "2026-11-12T13:00:00Z", timezone: "Europe/Berlin" };

function Harness({ onRule, problem = null }: { onRule: (r: Rule) => void; problem?: { field: string; message: string } | null }) {
  const [rule, setRule] = useState(defaultRecurrence(4));
  return (
    <RecurrenceForm
      value={rule}
      problem={problem}
      onChange={(next) => {
        setRule(next);
        onRule(next);
      }}
    />
  );
}

function errorOf(f: () => unknown): CommandError {
  try {
    f();
  } catch (e) {
    return e as CommandError;
  }
  throw new Error("did not throw");
}

describe("RecurrenceForm", () => {
  it("offers the days of the week for a weekly rule, month days for a monthly one, and an end", () => {
    let rule = defaultRecurrence(4);
    render(<Harness onRule={(r) => (rule = r)} />);
    expect((screen.getByLabelText("Repeats") as HTMLSelectElement).value).toBe("weekly");
    expect((screen.getByLabelText("Thursday") as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText("Saturday"));
    fireEvent.click(screen.getByLabelText("Thursday"));
    expect(rule.weekdays).toEqual([6]);
    fireEvent.change(screen.getByLabelText("Every"), { target: { value: "2" } });
    expect(screen.getByText("weeks")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Repeats"), { target: { value: "monthly" } });
    expect(screen.queryByLabelText("Saturday")).toBeNull();
    fireEvent.change(screen.getByLabelText("On days of the month"), { target: { value: "15, 1" } });
    expect(screen.getByText("months")).toBeTruthy();

    // The end: a last day, or a number of times; each input only works with its choice.
    expect((screen.getByLabelText("Last day") as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText("On"));
    expect((screen.getByLabelText("Last day") as HTMLInputElement).disabled).toBe(false);
    fireEvent.change(screen.getByLabelText("Last day"), { target: { value: "2027-03-31" } });
    expect(recurrenceBody(rule, root)).toEqual({
      rootEntryId: "e1",
      calendarId: "c1",
      frequency: "monthly",
      intervalCount: 2,
      startsAt: "2026-11-12T13:00:00Z",
      timezone: "Europe/Berlin",
      byMonthDay: [1, 15],
      // The end of the last day, in the series' zone.
      untilAt: "2027-03-31T21:59:59Z",
    });
  });

  it("shows a problem at its field", () => {
    render(<Harness onRule={() => {}} problem={{ field: "byWeekday", message: "choose at least one day" }} />);
    expect(screen.getByTestId("error-byWeekday").textContent).toBe("choose at least one day");
  });
});

describe("recurrenceBody", () => {
  it("builds daily and yearly rules, with a count", () => {
    const rule: Rule = { ...defaultRecurrence(1), frequency: "daily", interval: "3", ending: "count", count: "7" };
    expect(recurrenceBody(rule, root)).toMatchObject({ frequency: "daily", intervalCount: 3, occurrenceCountLimit: 7 });
    expect(recurrenceBody(rule, root)).not.toHaveProperty("byWeekday");
    expect(recurrenceBody({ ...rule, frequency: "yearly", ending: "never" }, root)).not.toHaveProperty("occurrenceCountLimit");
  });

  it("names the field it cannot read", () => {
    const weekly = defaultRecurrence(1);
    expect(errorOf(() => recurrenceBody({ ...weekly, weekdays: [] }, root)).details).toEqual({ field: "byWeekday" });
    expect(errorOf(() => recurrenceBody({ ...weekly, interval: "0" }, root)).details).toEqual({ field: "intervalCount" });
    expect(errorOf(() => recurrenceBody({ ...weekly, frequency: "monthly", monthDays: "1, 32" }, root)).message).toBe(
      "byMonthDay: a whole number from 1 to 31",
    );
    expect(errorOf(() => recurrenceBody({ ...weekly, ending: "until", until: "" }, root)).details).toEqual({ field: "untilAt" });
    expect(errorOf(() => recurrenceBody({ ...weekly, ending: "count", count: "1.5" }, root)).details).toEqual({
      field: "occurrenceCountLimit",
    });
  });

  it("says a kept rule in words", () => {
    expect(ruleWords({ frequency: "monthly", intervalCount: 1, byMonthDay: [1, 15] })).toBe("Monthly on days 1, 15");
    expect(ruleWords({ frequency: "weekly", intervalCount: 2, byWeekday: [1], occurrenceCountLimit: 6 })).toBe(
      "Every 2 weeks on Monday, 6 times",
    );
  });
});
