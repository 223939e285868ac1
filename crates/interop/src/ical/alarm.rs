//! `VALARM`s of an event as the platform's reminders, and reminders back as `VALARM`s.
//!
//! A platform reminder is a channel (`in_app`, `email`, `sms`, `webhook`) and `offsetMinutes`,
//! the whole minutes before the entry's start (negative: after it), at most a week either way.
//! An alarm is an action and a trigger relative to the start, the end, or an absolute time; every
//! trigger becomes minutes before the start. An alarm the platform cannot hold is named with its
//! line and left out; the event is imported without it.

use std::io::{self, Write};

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use super::map::{resolve, Context, Sink};
use super::time::{parse_duration, parse_prop, IcalTime};
use crate::component::Component;
use crate::content_line::ContentLine;
use crate::text::{escape, write_folded};
use crate::Fields;

/// The platform's bound on `offsetMinutes`, either way: a week.
pub const OFFSET_LIMIT_MINUTES: i64 = 10_080;

/// The field every alarm problem is reported on.
const FIELD: &str = "reminders";

/// When an alarm rings, as the file states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    /// A duration from the event's start (`TRIGGER:-PT15M`, or `RELATED=START`).
    FromStart(Duration),
    /// A duration from the event's end (`RELATED=END`).
    FromEnd(Duration),
    /// An absolute time (`VALUE=DATE-TIME`).
    At(DateTime<Utc>),
}

/// The reminders of an event's `VALARM`s (each `{channel, offsetMinutes}`), in file order, each
/// channel and offset once. `start` and `end` are the event's times.
pub(crate) fn map_alarms(
    event: &Component,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Vec<Fields> {
    let mut reminders: Vec<Fields> = Vec::new();
    for alarm in event.children.iter().filter(|a| a.name == "VALARM") {
        if let Some(reminder) = map_alarm(alarm, start, end, ctx, sink) {
            // Apps often write the same alarm twice (a default plus the user's own); the
            // platform would remind twice.
            if !reminders.contains(&reminder) {
                reminders.push(reminder);
            }
        }
    }
    reminders
}

/// One `VALARM` as a reminder, or `None` (with a warning naming its line) when the platform
/// cannot hold it.
fn map_alarm(
    alarm: &Component,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    ctx: &mut Context,
    sink: &mut Sink,
) -> Option<Fields> {
    for broken in &alarm.broken {
        sink.warn(
            broken.line,
            Some(FIELD),
            format!("in the alarm: {}", broken.reason),
        );
    }
    let channel = channel_of(alarm, sink)?;
    let Some(trigger_line) = alarm.prop("TRIGGER") else {
        sink.warn(
            alarm.line,
            Some(FIELD),
            "the alarm has no TRIGGER (when it rings); the alarm is not imported",
        );
        return None;
    };
    let trigger = read_trigger(trigger_line, ctx, sink)?;
    // Without an end the event itself fails (reported there), so there is nothing to add.
    let before_start = time_before_start(trigger, start, end)?;
    let minutes = whole_minutes(before_start, trigger_line, sink);
    if minutes.abs() > OFFSET_LIMIT_MINUTES {
        sink.warn(
            trigger_line.line,
            Some(FIELD),
            format!(
                "the alarm rings {}; the platform's reminders ring at most {OFFSET_LIMIT_MINUTES} minutes (7 days) before or after the start; the alarm is not imported",
                describe_offset(minutes)
            ),
        );
        return None;
    }
    if let Some(repeat) = alarm.prop("REPEAT").filter(|p| p.value.trim() != "0") {
        sink.warn(
            repeat.line,
            Some(FIELD),
            format!(
                "the alarm repeats (REPEAT:{}); the platform's reminder rings once",
                repeat.value.trim()
            ),
        );
    }
    let mut reminder = Fields::new();
    reminder.insert("channel".into(), json!(channel));
    reminder.insert("offsetMinutes".into(), json!(minutes));
    Some(reminder)
}

/// The platform channel of the alarm's `ACTION`: a message on screen or a sound reminds in
/// the app, an e-mail by e-mail.
fn channel_of(alarm: &Component, sink: &mut Sink) -> Option<&'static str> {
    let Some(action) = alarm.prop("ACTION") else {
        sink.warn(
            alarm.line,
            Some(FIELD),
            "the alarm has no ACTION; the alarm is not imported",
        );
        return None;
    };
    let name = action.value.trim().to_ascii_uppercase();
    match name.as_str() {
        "DISPLAY" | "AUDIO" => Some("in_app"),
        "EMAIL" => Some("email"),
        _ => {
            sink.warn(
                action.line,
                Some(FIELD),
                format!(
                    "ACTION:{name} has no platform reminder (DISPLAY, AUDIO and EMAIL have); the alarm is not imported"
                ),
            );
            None
        }
    }
}

/// The `TRIGGER` value: a duration (from the start, or from the end with `RELATED=END`) or,
/// with `VALUE=DATE-TIME`, an absolute time. A value without `VALUE` that is not a duration is
/// tried as a date-time, as some writers leave the parameter out.
fn read_trigger(p: &ContentLine, ctx: &mut Context, sink: &mut Sink) -> Option<Trigger> {
    let absolute = p
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE-TIME"));
    if !absolute {
        if let Some(d) = parse_duration(&p.value) {
            return related_trigger(p, d, sink);
        }
        if p.param("VALUE").is_some() || parse_prop(p).is_err() {
            sink.warn(
                p.line,
                Some(FIELD),
                format!(
                    "TRIGGER {:?} is not a duration (such as -PT15M); the alarm is not imported",
                    p.value.trim()
                ),
            );
            return None;
        }
    }
    absolute_trigger(p, ctx, sink)
}

/// A duration trigger with its `RELATED` anchor.
fn related_trigger(p: &ContentLine, d: Duration, sink: &mut Sink) -> Option<Trigger> {
    match p.param("RELATED").map(str::to_ascii_uppercase).as_deref() {
        None | Some("START") => Some(Trigger::FromStart(d)),
        Some("END") => Some(Trigger::FromEnd(d)),
        Some(other) => {
            sink.warn(
                p.line,
                Some(FIELD),
                format!(
                    "TRIGGER;RELATED={other} is neither START nor END; the alarm is not imported"
                ),
            );
            None
        }
    }
}

/// A `VALUE=DATE-TIME` trigger. RFC 5545 wants it in UTC; a zoned or floating one is read
/// like the event's own times.
fn absolute_trigger(p: &ContentLine, ctx: &mut Context, sink: &mut Sink) -> Option<Trigger> {
    let unreadable = |sink: &mut Sink, why: String| {
        sink.warn(
            p.line,
            Some(FIELD),
            format!("TRIGGER: {why}; the alarm is not imported"),
        );
    };
    let read = match parse_prop(p) {
        Err(e) => {
            unreadable(sink, e);
            return None;
        }
        Ok(read) => read,
    };
    if let IcalTime::Date(_) = read.time {
        unreadable(sink, "a date without a time cannot say when to ring".into());
        return None;
    }
    if let Some(note) = read.lenient {
        sink.warn(p.line, Some(FIELD), note);
    }
    resolve(&read.time, p, FIELD, ctx, sink).map(|at| Trigger::At(at.utc))
}

/// How long before the event's start the alarm rings (negative: after the start); `None` for
/// an alarm from the end of an event that has none.
fn time_before_start(
    trigger: Trigger,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
) -> Option<Duration> {
    match trigger {
        Trigger::FromStart(d) => Some(-d),
        Trigger::FromEnd(d) => end.map(|end| -((end - start) + d)),
        Trigger::At(t) => Some(start - t),
    }
}

/// The reminder's whole minutes. A trigger with seconds is rounded so the reminder rings no
/// later than the alarm would, and the rounding is said.
fn whole_minutes(before_start: Duration, p: &ContentLine, sink: &mut Sink) -> i64 {
    let seconds = before_start.num_seconds();
    let minutes = seconds.div_euclid(60) + i64::from(seconds.rem_euclid(60) != 0);
    if seconds % 60 != 0 {
        sink.warn(
            p.line,
            Some(FIELD),
            format!(
                "TRIGGER {:?} counts seconds; reminders count whole minutes, so it rings {}",
                p.value.trim(),
                describe_offset(minutes)
            ),
        );
    }
    minutes
}

/// "15 minutes before the start", "5 minutes after the start", "at the start".
fn describe_offset(minutes: i64) -> String {
    match minutes {
        0 => "at the start".into(),
        m if m > 0 => format!("{m} minutes before the start"),
        m => format!("{} minutes after the start", -m),
    }
}

/// What an export leaves out of an entry's reminders: the channel and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unwritable {
    pub what: String,
    pub why: String,
}

/// Writes the `VALARM`s of an entry's reminders (`channel`, `offsetMinutes`, `isEnabled`):
/// `DISPLAY` for in-app reminders, `EMAIL` for e-mail ones, each with the `DESCRIPTION` (and for
/// e-mail the `SUMMARY`) RFC 5545 §3.6.6 requires. RFC 5545 also wants an e-mail alarm's
/// `ATTENDEE`s; the platform mails its reminders to recipients it chooses itself, so there is no
/// address to name and none is written. Disabled reminders are not written; those iCalendar
/// cannot state are returned.
pub(crate) fn write_alarms<W: Write>(
    out: &mut W,
    reminders: &[Fields],
    title: &str,
) -> io::Result<Vec<Unwritable>> {
    let mut left_out = Vec::new();
    for reminder in reminders.iter().filter(|r| is_enabled(r)) {
        match alarm_lines(reminder, title) {
            Ok(lines) => {
                for line in lines {
                    write_folded(out, &line)?;
                }
            }
            Err(why) => left_out.push(why),
        }
    }
    Ok(left_out)
}

/// A reminder is enabled unless it says otherwise (the platform's default).
fn is_enabled(reminder: &Fields) -> bool {
    reminder.get("isEnabled").and_then(Value::as_bool) != Some(false)
}

/// The content lines of one reminder's `VALARM`, or why it cannot be one.
fn alarm_lines(reminder: &Fields, title: &str) -> Result<Vec<String>, Unwritable> {
    let channel = reminder
        .get("channel")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let minutes = reminder
        .get("offsetMinutes")
        .and_then(Value::as_i64)
        .filter(|m| m.abs() <= OFFSET_LIMIT_MINUTES)
        .ok_or_else(|| Unwritable {
            what: format!("the {channel} reminder"),
            why: format!(
                "offsetMinutes {} is not a whole number of minutes within a week",
                reminder.get("offsetMinutes").unwrap_or(&Value::Null)
            ),
        })?;
    let description = if title.is_empty() { "Reminder" } else { title };
    let mut lines = vec!["BEGIN:VALARM".to_string()];
    match channel {
        "in_app" => lines.push("ACTION:DISPLAY".into()),
        "email" => {
            lines.push("ACTION:EMAIL".into());
            lines.push(format!("SUMMARY:{}", escape(description)));
        }
        other => {
            return Err(Unwritable {
                what: format!("the {other} reminder {}", describe_offset(minutes)),
                why: "iCalendar alarms can only show a message, play a sound or send an e-mail"
                    .into(),
            })
        }
    }
    lines.push(format!("DESCRIPTION:{}", escape(description)));
    lines.push(format!("TRIGGER:{}", trigger_value(minutes)));
    lines.push("END:VALARM".into());
    Ok(lines)
}

/// `-PT15M` for 15 minutes before the start, `PT5M` for 5 minutes after it.
fn trigger_value(minutes_before: i64) -> String {
    if minutes_before > 0 {
        format!("-PT{minutes_before}M")
    } else {
        format!("PT{}M", -minutes_before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ical::{self, ImportOptions, ImportedEvent};
    use crate::report::Item;

    const CALENDAR_ID: &str = "0190f7a0-0000-7000-8000-000000000001";

    /// One event from 09:00 to 10:00 UTC on 2 March 2026 with these lines after its times.
    fn event_with(lines: &str) -> Item<ImportedEvent> {
        let file = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@example.com\r\nSUMMARY:Review\r\nDTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\n{}END:VEVENT\r\nEND:VCALENDAR\r\n",
            lines.replace('\n', "\r\n")
        );
        let options = ImportOptions::new(CALENDAR_ID, chrono_tz::Europe::Berlin);
        let mut import = ical::import(file.as_bytes(), &options);
        assert_eq!(import.report.items.len(), 1);
        import.report.items.remove(0)
    }

    fn reminders(item: &Item<ImportedEvent>) -> Vec<(String, i64)> {
        let event = item.outcome.as_ref().expect("the event imports");
        event
            .reminders
            .iter()
            .map(|r| {
                (
                    r["channel"].as_str().unwrap().to_string(),
                    r["offsetMinutes"].as_i64().unwrap(),
                )
            })
            .collect()
    }

    fn pairs(list: &[(&str, i64)]) -> Vec<(String, i64)> {
        list.iter().map(|(c, m)| (c.to_string(), *m)).collect()
    }

    /// The (line, message) of each warning.
    fn warnings(item: &Item<ImportedEvent>) -> Vec<(usize, String)> {
        item.warnings
            .iter()
            .map(|w| (w.line, w.message.clone()))
            .collect()
    }

    fn alarm(action: &str, trigger: &str) -> String {
        format!("BEGIN:VALARM\nACTION:{action}\nDESCRIPTION:x\n{trigger}\nEND:VALARM\n")
    }

    #[test]
    fn display_and_audio_remind_in_the_app_and_email_by_email() {
        let item = event_with(&format!(
            "{}{}{}",
            alarm("DISPLAY", "TRIGGER:-PT15M"),
            alarm("AUDIO", "TRIGGER:-PT1H"),
            alarm("EMAIL", "TRIGGER:-P1D")
        ));
        assert_eq!(
            reminders(&item),
            pairs(&[("in_app", 15), ("in_app", 60), ("email", 1440)])
        );
        assert!(item.warnings.is_empty(), "{:?}", item.warnings);
    }

    #[test]
    fn a_trigger_after_the_start_is_a_negative_offset() {
        let item = event_with(&alarm("DISPLAY", "TRIGGER;RELATED=START:PT5M"));
        assert_eq!(reminders(&item), pairs(&[("in_app", -5)]));
    }

    #[test]
    fn a_trigger_from_the_end_counts_the_event_s_length() {
        // The event lasts an hour: 10 minutes before the end is 50 minutes after the start,
        // and 2 hours before the end is an hour before the start.
        let item = event_with(&format!(
            "{}{}",
            alarm("DISPLAY", "TRIGGER;RELATED=END:-PT10M"),
            alarm("EMAIL", "TRIGGER;RELATED=END:-PT2H")
        ));
        assert_eq!(reminders(&item), pairs(&[("in_app", -50), ("email", 60)]));
    }

    #[test]
    fn an_absolute_trigger_is_minutes_before_the_start() {
        let item = event_with(&format!(
            "{}{}",
            alarm("DISPLAY", "TRIGGER;VALUE=DATE-TIME:20260302T083000Z"),
            // Written without VALUE, as some programs do.
            alarm("EMAIL", "TRIGGER:20260301T090000Z")
        ));
        assert_eq!(reminders(&item), pairs(&[("in_app", 30), ("email", 1440)]));
    }

    #[test]
    fn a_zoned_absolute_trigger_is_read_in_its_zone() {
        // 09:45 in Berlin is 08:45 UTC: 15 minutes before the start.
        let item = event_with(&alarm(
            "DISPLAY",
            "TRIGGER;VALUE=DATE-TIME;TZID=Europe/Berlin:20260302T094500",
        ));
        assert_eq!(reminders(&item), pairs(&[("in_app", 15)]));
    }

    #[test]
    fn the_same_alarm_twice_is_one_reminder() {
        let item = event_with(&format!(
            "{}{}{}",
            alarm("DISPLAY", "TRIGGER:-PT15M"),
            alarm("AUDIO", "TRIGGER:-PT0H15M"),
            alarm("EMAIL", "TRIGGER:-PT15M")
        ));
        assert_eq!(reminders(&item), pairs(&[("in_app", 15), ("email", 15)]));
    }

    #[test]
    fn other_actions_are_named_and_skipped() {
        let item = event_with(&format!(
            "{}{}",
            alarm("PROCEDURE", "TRIGGER:-PT15M"),
            alarm("DISPLAY", "TRIGGER:-PT5M")
        ));
        assert_eq!(reminders(&item), pairs(&[("in_app", 5)]));
        let said = warnings(&item);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, 8, "the ACTION line");
        assert!(said[0].1.contains("ACTION:PROCEDURE"), "{said:?}");
        assert_eq!(item.warnings[0].field.as_deref(), Some("reminders"));
    }

    #[test]
    fn an_alarm_without_action_or_trigger_is_named_and_skipped() {
        let item = event_with(
            "BEGIN:VALARM\nTRIGGER:-PT15M\nEND:VALARM\nBEGIN:VALARM\nACTION:DISPLAY\nEND:VALARM\n",
        );
        assert_eq!(reminders(&item), pairs(&[]));
        let said = warnings(&item);
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0].0, 7);
        assert!(said[0].1.contains("no ACTION"), "{said:?}");
        assert_eq!(said[1].0, 10);
        assert!(said[1].1.contains("no TRIGGER"), "{said:?}");
    }

    #[test]
    fn an_unreadable_trigger_is_named_and_the_event_still_imports() {
        for (trigger, expect) in [
            ("TRIGGER:-PT15X", "is not a duration"),
            ("TRIGGER:soon", "is not a duration"),
            ("TRIGGER;VALUE=DATE-TIME:20260302T08", "is not a date-time"),
            ("TRIGGER;VALUE=DATE-TIME:20260302", "a date without a time"),
            (
                "TRIGGER;VALUE=DURATION:20260302T083000Z",
                "is not a duration",
            ),
            ("TRIGGER;RELATED=MIDDLE:-PT5M", "RELATED=MIDDLE"),
        ] {
            let item = event_with(&format!(
                "{}{}",
                alarm("DISPLAY", trigger),
                alarm("EMAIL", "TRIGGER:-PT5M")
            ));
            assert_eq!(reminders(&item), pairs(&[("email", 5)]), "{trigger}");
            let said = warnings(&item);
            assert_eq!(said.len(), 1, "{trigger}: {said:?}");
            assert_eq!(said[0].0, 10, "{trigger}: the TRIGGER line");
            assert!(said[0].1.contains(expect), "{trigger}: {said:?}");
            assert!(said[0].1.contains("not imported"), "{said:?}");
        }
    }

    #[test]
    fn an_alarm_beyond_a_week_is_named_and_skipped() {
        for trigger in [
            "TRIGGER:-P8D",
            "TRIGGER:PT168H1M",
            "TRIGGER;VALUE=DATE-TIME:20260220T090000Z",
            // A week after the end of an hour-long event is past a week after the start.
            "TRIGGER;RELATED=END:P7D",
        ] {
            let item = event_with(&alarm("DISPLAY", trigger));
            assert_eq!(reminders(&item), pairs(&[]), "{trigger}");
            let said = warnings(&item);
            assert_eq!(said.len(), 1, "{trigger}: {said:?}");
            assert_eq!(said[0].0, 10, "{trigger}");
            assert!(said[0].1.contains("10080 minutes"), "{said:?}");
        }
        // Exactly a week either way fits.
        let item = event_with(&format!(
            "{}{}",
            alarm("DISPLAY", "TRIGGER:-P7D"),
            alarm("DISPLAY", "TRIGGER:PT168H")
        ));
        assert_eq!(
            reminders(&item),
            pairs(&[("in_app", 10_080), ("in_app", -10_080)])
        );
    }

    #[test]
    fn seconds_round_to_ring_no_later_and_say_so() {
        let item = event_with(&format!(
            "{}{}",
            alarm("DISPLAY", "TRIGGER:-PT90S"),
            alarm("EMAIL", "TRIGGER:PT30S")
        ));
        // 90 s before: 2 minutes before. 30 s after: at the start.
        assert_eq!(reminders(&item), pairs(&[("in_app", 2), ("email", 0)]));
        let said = warnings(&item);
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].1.contains("2 minutes before"), "{said:?}");
        assert!(said[1].1.contains("at the start"), "{said:?}");
    }

    #[test]
    fn a_repeating_alarm_is_imported_once_and_says_so() {
        let item = event_with(
            "BEGIN:VALARM\nACTION:AUDIO\nTRIGGER:-PT10M\nREPEAT:3\nDURATION:PT5M\nEND:VALARM\n",
        );
        assert_eq!(reminders(&item), pairs(&[("in_app", 10)]));
        let said = warnings(&item);
        assert_eq!(said[0].0, 10, "{said:?}");
        assert!(said[0].1.contains("REPEAT:3"), "{said:?}");
    }

    #[test]
    fn an_unreadable_line_in_an_alarm_is_named() {
        let item = event_with(&format!(
            "BEGIN:VALARM\nACTION:DISPLAY\nno colon here\nTRIGGER:-PT5M\nEND:VALARM\n{}",
            alarm("EMAIL", "TRIGGER:-PT1H")
        ));
        assert_eq!(reminders(&item), pairs(&[("in_app", 5), ("email", 60)]));
        let said = warnings(&item);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, 9);
        assert!(said[0].1.starts_with("in the alarm"), "{said:?}");
    }

    #[test]
    fn an_event_without_alarms_has_no_reminders() {
        assert_eq!(reminders(&event_with("")), pairs(&[]));
    }

    #[test]
    fn alarms_of_an_all_day_event_count_from_its_midnight() {
        let file = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:h@example.com\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:20260501\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15H\r\nEND:VALARM\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=END:-PT1H\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let options = ImportOptions::new(CALENDAR_ID, chrono_tz::Europe::Berlin);
        let import = ical::import(file.as_bytes(), &options);
        // 15 hours before midnight; an hour before the end of the day is 23 hours after its start.
        assert_eq!(
            reminders(&import.report.items[0]),
            pairs(&[("in_app", 900), ("in_app", -1380)])
        );
    }

    #[test]
    fn a_changed_occurrence_s_own_alarms_are_named_and_copies_of_the_series_pass() {
        let file = "BEGIN:VCALENDAR\r\n\
BEGIN:VEVENT\r\nUID:s@example.com\r\nSUMMARY:Stand-up\r\nDTSTART:20260302T090000Z\r\nDURATION:PT15M\r\nRRULE:FREQ=DAILY;COUNT=5\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s@example.com\r\nRECURRENCE-ID:20260303T090000Z\r\nSUMMARY:Stand-up\r\nDTSTART:20260303T100000Z\r\nDURATION:PT15M\r\n\
BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:s@example.com\r\nRECURRENCE-ID:20260304T090000Z\r\nSUMMARY:Stand-up\r\nDTSTART:20260304T100000Z\r\nDURATION:PT15M\r\n\
BEGIN:VALARM\r\nACTION:EMAIL\r\nTRIGGER:-PT1H\r\nEND:VALARM\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
        let options = ImportOptions::new(CALENDAR_ID, chrono_tz::UTC);
        let import = ical::import(file.as_bytes(), &options);
        assert_eq!(import.report.items.len(), 1);
        let series = &import.report.items[0];
        assert_eq!(reminders(series), pairs(&[("in_app", 5)]));
        assert_eq!(
            series
                .outcome
                .as_ref()
                .unwrap()
                .series
                .as_ref()
                .unwrap()
                .overrides
                .len(),
            2
        );
        // The first change copies the series' alarm: nothing to say. The second has its own.
        let said = warnings(series);
        assert_eq!(said.len(), 1, "{said:?}");
        assert_eq!(said[0].0, 24, "the second change's BEGIN:VEVENT");
        assert!(said[0].1.contains("1 alarm(s)"), "{said:?}");
    }

    fn written(reminders: &[Value], title: &str) -> (String, Vec<Unwritable>) {
        let reminders: Vec<Fields> = reminders
            .iter()
            .map(|r| r.as_object().unwrap().clone())
            .collect();
        let mut out = Vec::new();
        let left_out = write_alarms(&mut out, &reminders, title).unwrap();
        (String::from_utf8(out).unwrap(), left_out)
    }

    #[test]
    fn reminders_are_written_as_display_and_email_alarms() {
        let (text, left_out) = written(
            &[
                json!({"channel": "in_app", "offsetMinutes": 15, "isEnabled": true}),
                json!({"channel": "email", "offsetMinutes": -5}),
                json!({"channel": "in_app", "offsetMinutes": 0}),
            ],
            "Review; Q1",
        );
        assert!(left_out.is_empty(), "{left_out:?}");
        assert_eq!(
            text,
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Review\\; Q1\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n\
             BEGIN:VALARM\r\nACTION:EMAIL\r\nSUMMARY:Review\\; Q1\r\nDESCRIPTION:Review\\; Q1\r\nTRIGGER:PT5M\r\nEND:VALARM\r\n\
             BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Review\\; Q1\r\nTRIGGER:PT0M\r\nEND:VALARM\r\n"
        );
    }

    #[test]
    fn disabled_reminders_are_not_written_and_unstateable_ones_are_returned() {
        let (text, left_out) = written(
            &[
                json!({"channel": "in_app", "offsetMinutes": 15, "isEnabled": false}),
                json!({"channel": "sms", "offsetMinutes": 30}),
                json!({"channel": "email", "offsetMinutes": 20_000}),
                json!({"channel": "in_app", "offsetMinutes": 10}),
            ],
            "",
        );
        assert_eq!(
            text,
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT10M\r\nEND:VALARM\r\n"
        );
        assert_eq!(left_out.len(), 2, "{left_out:?}");
        assert_eq!(
            left_out[0].what,
            "the sms reminder 30 minutes before the start"
        );
        assert!(left_out[1].why.contains("20000"), "{left_out:?}");
    }
}
