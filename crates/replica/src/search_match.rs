//! The contact search's query matched in Rust against a row's text, the way the full-text index
//! (`unicode61 remove_diacritics 2`) matches it: words are runs of letters and digits, compared
//! without case or diacritics; each phrase of the query is consecutive words, the last one a
//! prefix. A search of two or three letters matches a large share of a big address book, and
//! the full-text index then has to read every match; walking the name index and testing each
//! row here stops after a page.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A query, as the words of each phrase (folded), every phrase required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextQuery {
    phrases: Vec<Vec<String>>,
}

/// The words of `text`, folded: lower case, diacritics removed.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

impl TextQuery {
    /// The query typed, split as [`crate::search::fts_query`] splits it; `None` when nothing
    /// searchable is left.
    pub(crate) fn new(input: &str) -> Option<TextQuery> {
        let phrases: Vec<Vec<String>> = input
            .split_whitespace()
            .map(words)
            .filter(|w| !w.is_empty())
            .collect();
        (!phrases.is_empty()).then_some(TextQuery { phrases })
    }

    /// Whether every phrase is short (at most `letters` letters): such a query matches much of
    /// a big address book.
    pub(crate) fn is_short(&self, letters: usize) -> bool {
        self.phrases
            .iter()
            .all(|p| p.iter().map(|w| w.chars().count()).sum::<usize>() <= letters)
    }

    /// Whether the texts (a contact's name, email, phone, address, notes) match: each phrase
    /// found in one of them.
    pub(crate) fn matches(&self, texts: &[Option<&str>]) -> bool {
        let columns: Vec<Vec<String>> = texts.iter().flatten().map(|t| words(t)).collect();
        self.phrases
            .iter()
            .all(|phrase| columns.iter().any(|col| phrase_in(phrase, col)))
    }
}

/// The phrase's words consecutive in `col`, the last as a prefix.
fn phrase_in(phrase: &[String], col: &[String]) -> bool {
    let n = phrase.len();
    if n == 0 || col.len() < n {
        return false;
    }
    (0..=col.len() - n).any(|start| {
        phrase.iter().enumerate().all(|(i, w)| {
            let word = &col[start + i];
            if i + 1 == n {
                word.starts_with(w.as_str())
            } else {
                word == w
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_as_the_full_text_index_matches_them() {
        let q = TextQuery::new("Mül").unwrap();
        assert!(q.matches(&[Some("Jürgen Müller"), None]));
        assert!(TextQuery::new("mul")
            .unwrap()
            .matches(&[Some("Jürgen Müller")]));
        assert!(TextQuery::new("CHLO")
            .unwrap()
            .matches(&[Some("Chloé García")]));
        assert!(!TextQuery::new("ller").unwrap().matches(&[Some("Müller")]));
        // A phrase: consecutive words, the last a prefix.
        let email = TextQuery::new("anna@exa").unwrap();
        assert!(email.matches(&[None, Some("anna@example.com")]));
        assert!(!email.matches(&[Some("anna x"), Some("example.com")]));
        // Every phrase, each in any column.
        let two = TextQuery::new("ann schm").unwrap();
        assert!(two.matches(&[Some("Anna Schmidt")]));
        assert!(two.matches(&[Some("Anna"), Some("schmidt@x.org")]));
        assert!(!two.matches(&[Some("Anna Rossi")]));
        assert!(TextQuery::new(" \"* ^ ").is_none());
        assert!(TextQuery::new("ma").unwrap().is_short(3));
        assert!(!TextQuery::new("mart").unwrap().is_short(3));
    }
}
