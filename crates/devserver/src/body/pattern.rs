//! The `pattern`s of the seed's schemas (`^[a-z]{2}(-[A-Z]{2})?$`, a host name, a hex colour,
//! ...), matched by a small backtracking matcher: anchors, literals and escapes, character
//! classes with ranges, groups with alternatives, and the quantifiers `?`, `*`, `+`, `{m}` and
//! `{m,n}`. That is every construct the seed uses; a pattern outside it is reported as
//! unsupported rather than matched wrongly (the unit tests run each pattern of the seed).

#[derive(Debug, Clone)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Group(Vec<Vec<Piece>>),
}

#[derive(Debug, Clone)]
struct Piece {
    atom: Atom,
    min: usize,
    max: usize,
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Parser<'_> {
    /// Alternatives up to the end or a closing parenthesis.
    fn alternatives(&mut self) -> Option<Vec<Vec<Piece>>> {
        let mut alts = vec![Vec::new()];
        while let Some(&c) = self.chars.peek() {
            match c {
                ')' => break,
                '|' => {
                    self.chars.next();
                    alts.push(Vec::new());
                }
                _ => {
                    let atom = self.atom()?;
                    let (min, max) = self.quantifier()?;
                    alts.last_mut()?.push(Piece { atom, min, max });
                }
            }
        }
        Some(alts)
    }

    fn atom(&mut self) -> Option<Atom> {
        Some(match self.chars.next()? {
            '(' => {
                let alts = self.alternatives()?;
                (self.chars.next()? == ')').then_some(())?;
                Atom::Group(alts)
            }
            '[' => self.class()?,
            '.' => Atom::Any,
            '\\' => escape(self.chars.next()?)?,
            c if "*+?{}".contains(c) => return None,
            c => Atom::Char(c),
        })
    }

    fn class(&mut self) -> Option<Atom> {
        let negated = self.chars.peek() == Some(&'^');
        if negated {
            self.chars.next();
        }
        let mut ranges = Vec::new();
        loop {
            let c = match self.chars.next()? {
                ']' if !ranges.is_empty() => return Some(Atom::Class(ranges, negated)),
                '\\' => match escape(self.chars.next()?)? {
                    Atom::Char(c) => c,
                    Atom::Class(r, false) => {
                        ranges.extend(r);
                        continue;
                    }
                    _ => return None,
                },
                c => c,
            };
            let mut lookahead = self.chars.clone();
            if lookahead.next() == Some('-') && lookahead.peek().is_some_and(|n| *n != ']') {
                self.chars.next();
                let end = self.chars.next()?;
                ranges.push((c, end));
            } else {
                ranges.push((c, c));
            }
        }
    }

    fn number(&mut self) -> Option<usize> {
        let mut digits = String::new();
        while let Some(c) = self.chars.peek().filter(|c| c.is_ascii_digit()) {
            digits.push(*c);
            self.chars.next();
        }
        digits.parse().ok()
    }

    fn quantifier(&mut self) -> Option<(usize, usize)> {
        Some(match self.chars.peek() {
            Some('?') => (self.chars.next(), (0, 1)).1,
            Some('*') => (self.chars.next(), (0, usize::MAX)).1,
            Some('+') => (self.chars.next(), (1, usize::MAX)).1,
            Some('{') => {
                self.chars.next();
                let min = self.number()?;
                let max = match self.chars.next()? {
                    '}' => min,
                    ',' => {
                        let max = self.number()?;
                        (self.chars.next()? == '}').then_some(max)?
                    }
                    _ => return None,
                };
                (min, max)
            }
            _ => (1, 1),
        })
    }
}

fn escape(c: char) -> Option<Atom> {
    Some(match c {
        'd' => Atom::Class(vec![('0', '9')], false),
        'w' => Atom::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
        c if c.is_ascii_alphanumeric() => return None,
        c => Atom::Char(c),
    })
}

fn one(atom: &Atom, text: &[char], at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
    match atom {
        Atom::Group(alts) => alts.iter().any(|alt| seq(alt, text, at, next)),
        _ => {
            let Some(&c) = text.get(at) else { return false };
            let hit = match atom {
                Atom::Char(x) => c == *x,
                Atom::Any => c != '\n',
                Atom::Class(ranges, negated) => {
                    ranges.iter().any(|(a, b)| (*a..=*b).contains(&c)) != *negated
                }
                Atom::Group(_) => false,
            };
            hit && next(at + 1)
        }
    }
}

/// Whether `pieces` match from `at` and `next` accepts where they end.
fn seq(pieces: &[Piece], text: &[char], at: usize, next: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((first, rest)) = pieces.split_first() else {
        return next(at);
    };
    repeat(first, 0, rest, text, at, next)
}

fn repeat(
    piece: &Piece,
    done: usize,
    rest: &[Piece],
    text: &[char],
    at: usize,
    next: &mut dyn FnMut(usize) -> bool,
) -> bool {
    // Greedy: one more first, then stop here when enough were matched.
    if done < piece.max
        && one(&piece.atom, text, at, &mut |end| {
            end > at && repeat(piece, done + 1, rest, text, end, next)
        })
    {
        return true;
    }
    done >= piece.min && seq(rest, text, at, next)
}

/// Whether `text` matches `pattern` (an ECMA-262 regular expression as JSON Schema has it:
/// unanchored unless the pattern says `^`/`$`). `None` for a pattern this matcher cannot read.
pub fn matches(pattern: &str, text: &str) -> Option<bool> {
    let anchored_start = pattern.starts_with('^');
    let body = pattern.strip_prefix('^').unwrap_or(pattern);
    let anchored_end = body.ends_with('$') && !body.ends_with("\\$");
    let body = if anchored_end {
        &body[..body.len() - 1]
    } else {
        body
    };
    let mut parser = Parser {
        chars: body.chars().peekable(),
    };
    let alts = parser.alternatives()?;
    if parser.chars.next().is_some() {
        return None;
    }
    let group = [Piece {
        atom: Atom::Group(alts),
        min: 1,
        max: 1,
    }];
    let chars: Vec<char> = text.chars().collect();
    let starts = if anchored_start {
        0..=0
    } else {
        0..=chars.len()
    };
    let found = starts.into_iter().any(|start| {
        seq(&group, &chars, start, &mut |end| {
            !anchored_end || end == chars.len()
        })
    });
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn the_seeds_patterns_match_what_they_should() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "^#[0-9A-Fa-f]{6}$",
                &["#00ff7A"],
                &["#00ff7", "00ff7a0", "#00ff7g"],
            ),
            ("^[A-Z]{2}$", &["DE"], &["D", "DEU", "de"]),
            (
                "^[A-Za-z_]+/[A-Za-z_]+$",
                &["Europe/Berlin", "America/New_York"],
                &["UTC", "Europe/", "a/b/c"],
            ),
            ("^[a-z0-9-]+$", &["acme-field", "a"], &["", "Acme", "a b"]),
            ("^[a-z0-9.-]+$", &["acme.example"], &["acme_example"]),
            ("^[a-z0-9_.-]+$", &["a_b.c-d"], &["A"]),
            ("^[a-z][a-z0-9_]*$", &["a", "field_1"], &["1a", "", "a-b"]),
            (
                "^[a-z]{2}(-[A-Z]{2})?$",
                &["en", "en-GB"],
                &["en-", "en-gb", "eng", "EN"],
            ),
            ("^[a-z]{2}-[A-Z]{2}$", &["de-DE"], &["de"]),
            ("^\\+[0-9]{1,4}$", &["+49", "+1"], &["49", "+12345", "+"]),
            (
                "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
                &["a", "acme.example.com", "x-1.io"],
                &["-a.com", "a-.com", "a..b", "A.com", ""],
            ),
        ];
        for (pattern, good, bad) in cases {
            for text in *good {
                assert_eq!(matches(pattern, text), Some(true), "{pattern} {text}");
            }
            for text in *bad {
                assert_eq!(matches(pattern, text), Some(false), "{pattern} {text}");
            }
        }
    }

    #[test]
    fn unanchored_patterns_match_anywhere_and_unknown_syntax_is_not_guessed() {
        assert_eq!(matches("b+", "abbc"), Some(true));
        assert_eq!(matches("x", "abc"), Some(false));
        assert_eq!(matches("a|b", "b"), Some(true));
        assert_eq!(matches("(?=a)", "a"), None);
        assert_eq!(matches("\\p{L}", "a"), None);
    }
}
