//! The properties an imported item carried that the platform will not keep, said in one
//! warning per item: "not kept (the platform has no place for them): CATEGORIES, GENDER". The
//! .ics and the .vcf importers both use it; each decides which of its properties are kept,
//! reported on their own, or bookkeeping not worth a word.

use crate::report::Problem;

/// Names listed in the warning; the others are only counted ("and 7 more"), so an item with
/// thousands of invented properties still gets a one-line warning.
pub(crate) const MAX_LISTED: usize = 12;
/// Distinct names remembered per item, listed or counted. Past this, further names are not
/// told apart and the count says "over": memory per item stays small however hostile the
/// file, including a series that gathers the names of all its changed occurrences.
pub(crate) const MAX_TRACKED: usize = 200;
/// Longest name shown: a property name may be a megabyte of letters in a hostile file.
pub(crate) const MAX_NAME_CHARS: usize = 40;

/// The names not kept, distinct, in the order they were met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Unkept {
    /// The first line with such a property (where the warning is reported).
    line: Option<usize>,
    names: Vec<String>,
    /// Set once a name was met past [`MAX_TRACKED`].
    untracked: bool,
}

impl Unkept {
    /// Notes a property the platform will not keep, at its line.
    pub(crate) fn add(&mut self, name: &str, line: usize) {
        self.add_shown(shorten(name), line);
    }

    fn add_shown(&mut self, shown: String, line: usize) {
        self.line = Some(self.line.map_or(line, |l| l.min(line)));
        if self.names.contains(&shown) {
            return;
        }
        if self.names.len() >= MAX_TRACKED {
            self.untracked = true;
            return;
        }
        self.names.push(shown);
    }

    /// Adds another item's names (a changed occurrence's, into its series) after these.
    pub(crate) fn merge(&mut self, other: Unkept) {
        if let Some(line) = other.line {
            for name in other.names {
                self.add_shown(name, line);
            }
        }
        self.untracked |= other.untracked;
    }

    /// The warning, at the first line with such a property; `None` when everything was kept.
    pub(crate) fn into_problem(self) -> Option<Problem> {
        let line = self.line?;
        let listed = self.names.len().min(MAX_LISTED);
        let mut text = self.names[..listed].join(", ");
        let more = self.names.len() - listed;
        if self.untracked {
            text.push_str(&format!(" and over {more} more"));
        } else if more > 0 {
            text.push_str(&format!(" and {more} more"));
        }
        let them = if self.names.len() == 1 { "it" } else { "them" };
        Some(Problem::new(
            line,
            format!("not kept (the platform has no place for {them}): {text}"),
        ))
    }
}

fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_NAME_CHARS {
        return name.to_string();
    }
    let mut short: String = name.chars().take(MAX_NAME_CHARS).collect();
    short.push('…');
    short
}

/// True when a value holds nothing (empty, or only the separators of a structured value such
/// as `;;`): dropping it loses nothing, so it is not worth naming.
pub(crate) fn is_blank(value: &str) -> bool {
    value
        .chars()
        .all(|c| c.is_whitespace() || c == ';' || c == ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_in_order_at_the_first_line() {
        let mut u = Unkept::default();
        assert_eq!(u.clone().into_problem(), None);
        u.add("CATEGORIES", 7);
        u.add("GENDER", 9);
        u.add("CATEGORIES", 12);
        let p = u.into_problem().unwrap();
        assert_eq!(p.line, 7);
        assert_eq!(
            p.message,
            "not kept (the platform has no place for them): CATEGORIES, GENDER"
        );
        let mut one = Unkept::default();
        one.add("GEO", 3);
        assert_eq!(
            one.into_problem().unwrap().message,
            "not kept (the platform has no place for it): GEO"
        );
    }

    #[test]
    fn the_list_is_capped_and_counted() {
        let mut u = Unkept::default();
        for i in 0..MAX_LISTED + 5 {
            u.add(&format!("X-P{i}"), 10 + i);
        }
        let message = u.into_problem().unwrap().message;
        assert!(message.ends_with(", X-P11 and 5 more"), "{message}");
        assert!(!message.contains("X-P12"), "{message}");

        let mut u = Unkept::default();
        for i in 0..MAX_TRACKED + 50 {
            u.add(&format!("X-P{i}"), 1);
        }
        let message = u.into_problem().unwrap().message;
        assert!(
            message.ends_with(&format!(" and over {} more", MAX_TRACKED - MAX_LISTED)),
            "{message}"
        );
    }

    #[test]
    fn long_names_are_shortened() {
        let mut u = Unkept::default();
        u.add(&"X-".repeat(100_000), 1);
        let message = u.into_problem().unwrap().message;
        assert!(message.len() < 120, "{message}");
        assert!(message.ends_with('…'));
    }

    #[test]
    fn a_merge_keeps_the_first_line_and_adds_new_names_after() {
        let mut series = Unkept::default();
        series.add("URL", 20);
        let mut occurrence = Unkept::default();
        occurrence.add("URL", 5);
        occurrence.add("GEO", 6);
        series.merge(occurrence);
        let p = series.into_problem().unwrap();
        assert_eq!(p.line, 5);
        assert!(p.message.ends_with(": URL, GEO"), "{}", p.message);
    }

    #[test]
    fn blank_values_are_blank() {
        assert!(is_blank(""));
        assert!(is_blank(" ;;, "));
        assert!(!is_blank(";x;"));
    }
}
