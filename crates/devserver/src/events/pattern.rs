//! The feed's `pattern`: which event types to answer. The seed gives its wildcards by example
//! (`user:*`, `*:deleted`, `*`); here a pattern is `*` or `<record>:<action>` where either side
//! may be `*` (a whole side, not part of a name), and several may be given separated by commas.
//! A side that names no record ([`RECORDS`]) or action is refused, so a typo is not a silence.

use super::records::RECORDS;

const ACTIONS: &[&str] = &["created", "updated", "deleted"];

/// A parsed pattern: any of its alternatives matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(Vec<(Option<String>, Option<String>)>);

fn side(text: &str, names: &[&str]) -> Option<Option<String>> {
    if text == "*" {
        return Some(None);
    }
    names.contains(&text).then(|| Some(text.to_string()))
}

impl Pattern {
    /// The pattern `text` is, or None when it is not one.
    pub fn parse(text: &str) -> Option<Pattern> {
        let mut alternatives = Vec::new();
        for part in text.split(',').map(str::trim) {
            if part == "*" {
                alternatives.push((None, None));
                continue;
            }
            let (record, action) = part.split_once(':')?;
            alternatives.push((side(record, RECORDS)?, side(action, ACTIONS)?));
        }
        Some(Pattern(alternatives))
    }

    pub fn matches(&self, event_type: &str) -> bool {
        let (record, action) = event_type.split_once(':').unwrap_or((event_type, ""));
        let fits = |want: &Option<String>, got: &str| want.as_deref().is_none_or(|w| w == got);
        self.0
            .iter()
            .any(|(r, a)| fits(r, record) && fits(a, action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_wildcards() {
        let p = |t: &str| Pattern::parse(t).unwrap();
        assert!(p("*").matches("contact:created"));
        assert!(p("user:*").matches("user:deleted"));
        assert!(!p("user:*").matches("group_member:created"));
        assert!(p("*:deleted").matches("entry:deleted"));
        assert!(!p("*:deleted").matches("entry:updated"));
        assert!(p("entry:updated").matches("entry:updated"));
        assert!(p("contact:*, *:deleted").matches("entry:deleted"));
    }

    #[test]
    fn what_is_no_pattern() {
        for bad in [
            "",
            "contact",
            "a:b:c",
            "Contact:*",
            "con*:created",
            "contact:",
            ":created",
            "*,",
            "contcat:*",
            "entry:moved",
        ] {
            assert_eq!(Pattern::parse(bad), None, "{bad}");
        }
    }
}
