//! Checks a five-field cron expression (minute hour day-of-month month day-of-week), the form
//! the seed's triggers use: `*`, numbers, ranges `a-b`, steps `/n`, lists `a,b`, and month and
//! weekday names (`JAN`, `MON`).

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
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// `Err` says which part is wrong and why.
pub fn check(expression: &str) -> Result<(), String> {
    let parts: Vec<&str> = expression.split_whitespace().collect();
    if parts.len() != 5 {
        return Err(format!(
            "{expression:?} has {} fields; a cron expression has 5 (minute hour day-of-month month day-of-week)",
            parts.len()
        ));
    }
    for (part, (what, min, max)) in parts.iter().zip(FIELDS) {
        for item in part.split(',') {
            item_ok(item, what, min, max)
                .map_err(|why| format!("{expression:?}: the {what} field {part:?}: {why}"))?;
        }
    }
    Ok(())
}

fn item_ok(item: &str, what: &str, min: u32, max: u32) -> Result<(), String> {
    let (range, step) = match item.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (item, None),
    };
    if let Some(step) = step {
        match step.parse::<u32>() {
            Ok(n) if n >= 1 && n <= max => {}
            _ => return Err(format!("{step:?} is not a step from 1 to {max}")),
        }
    }
    if range == "*" {
        return Ok(());
    }
    let (a, b) = match range.split_once('-') {
        Some((a, b)) => (value(a, what, min, max)?, Some(value(b, what, min, max)?)),
        None => (value(range, what, min, max)?, None),
    };
    if let Some(b) = b {
        if b < a {
            return Err(format!("the range {range:?} runs backwards"));
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
        "day of week" => DAYS.iter().position(|d| *d == upper).map(|i| i as u32),
        _ => None,
    };
    let n = match named {
        Some(n) => n,
        None => text
            .parse::<u32>()
            .map_err(|_| format!("{text:?} is not a number"))?,
    };
    if n < min || n > max {
        return Err(format!("{n} is outside {min}-{max}"));
    }
    Ok(n)
}
