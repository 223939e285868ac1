import type { FreeBusySlot } from "../generated/bindings";
import { busyDays } from "./freeBusy";

/** When the shown calendars are busy in the visible days (free otherwise). */
export function FreeBusyPanel({ slots, zone }: { slots: FreeBusySlot[]; zone: string }) {
  const days = busyDays(slots, zone);
  return (
    <section className="card free-busy" aria-labelledby="free-busy-title">
      <h2 id="free-busy-title">Busy times</h2>
      <p className="muted small">Of the calendars shown, in {zone}; free at every other time.</p>
      {days.length === 0 ? (
        <p className="muted small">Free all along.</p>
      ) : (
        <dl className="busy-days" data-testid="busy-days">
          {days.map((d) => (
            <div key={d.day}>
              <dt>{d.label}</dt>
              <dd>{d.spans.map((s) => (s.allDay ? "all day" : `${s.from}–${s.to}`)).join(", ")}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
