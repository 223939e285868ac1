//! The rules of text values that their kind alone does not say: the Manager's cron expressions
//! and slugs. Checked here so that a bad value is refused while the user types it offline,
//! naming what is wrong, instead of failing at the next sync.
//!
//! A cron expression follows the Manager (README, "The Manager devserver"): five fields (minute,
//! hour, day of month, month, day of week), each `*`, a number, a range `a-b`, any of those with
//! a step `/n`, or a list of them; months also as `JAN`–`DEC`, weekdays as `SUN`–`SAT` (0 and
//! 7 are both Sunday).

/// The five fields: their names and the values they take.
const FIELDS: [(&str, u32, u32); 5] = [
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day of month", 1, 31),
    ("month", 1, 12),
    ("day of week", 0, 7),
];

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Checks a cron expression; the error says which field is wrong and why.
pub fn cron(expression: &str) -> Result<(), String> {
    let parts: Vec<&str> = expression.split_whitespace().collect();
    if parts.len() != 5 {
        return Err(format!(
            "has {} parts; a cron expression has 5 (minute hour day-of-month month day-of-week), \
             e.g. \"0 6 * * MON-FRI\"",
            parts.len()
        ));
    }
    for (part, (what, min, max)) in parts.into_iter().zip(FIELDS) {
        for item in part.split(',') {
            item_ok(item, what, min, max)
                .map_err(|why| format!("its {what} part {part:?}: {why}"))?;
        }
    }
    Ok(())
}

fn item_ok(item: &str, what: &str, min: u32, max: u32) -> Result<(), String> {
    let (range, step) = match item.split_once('/') {
        Some((range, step)) => (range, Some(step)),
        None => (item, None),
    };
    if let Some(step) = step {
        match step.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) => {}
            _ => return Err(format!("{step:?} is not a step from 1 to {max}")),
        }
    }
    if range == "*" {
        return Ok(());
    }
    match range.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (value(a, what, min, max)?, value(b, what, min, max)?);
            if b < a {
                return Err(format!("the range {range:?} runs backwards"));
            }
        }
        None => {
            value(range, what, min, max)?;
        }
    }
    Ok(())
}

fn value(text: &str, what: &str, min: u32, max: u32) -> Result<u32, String> {
    let upper = text.to_ascii_uppercase();
    let named = match what {
        "month" => MONTHS
            .iter()
            .position(|m| *m == upper)
            .map(|i| i as u32 + 1),
        "day of week" => WEEKDAYS.iter().position(|d| *d == upper).map(|i| i as u32),
        _ => None,
    };
    let n = match named {
        Some(n) => n,
        None => text
            .parse::<u32>()
            .map_err(|_| format!("{text:?} is not a number or a name"))?,
    };
    if !(min..=max).contains(&n) {
        return Err(format!("{n} is outside {min}-{max}"));
    }
    Ok(n)
}

/// Whether `text` is a Manager slug: 1 to 63 of `a-z`, `0-9` and `-`, not starting or ending
/// with `-`.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 63
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_managers_forms_pass() {
        for ok in [
            "* * * * *",
            "0 6 * * MON-FRI",
            "*/15 0-23/2 1,15 JAN-jun 0,7",
            "30 2 1 12 sun",
        ] {
            cron(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
    }

    #[test]
    fn each_wrong_part_is_named() {
        for (bad, named) in [
            ("* * * *", "5"),
            ("60 * * * *", "minute"),
            ("* 24 * * *", "hour"),
            ("* * 0 * *", "day of month"),
            ("* * * FOO *", "month"),
            ("* * * * 8", "day of week"),
            ("*/0 * * * *", "step"),
            ("5-1 * * * *", "backwards"),
        ] {
            let e = cron(bad).unwrap_err();
            assert!(e.contains(named), "{bad}: {e}");
        }
    }

    #[test]
    fn slugs_keep_the_managers_rule() {
        assert!(is_slug("my-app-2"));
        for bad in ["", "-a", "a-", "My", "a_b", &"a".repeat(64)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
