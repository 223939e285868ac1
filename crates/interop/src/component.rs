//! `BEGIN:`/`END:` structure on top of the content-line reader, shared by vCard (`VCARD`
//! items) and iCalendar (`VEVENT`, `VTIMEZONE`... items inside `VCALENDAR`).
//!
//! It yields one complete item at a time, so memory holds one item, not the file. Broken
//! structure never stops the reading: a missing `END` closes the item at the next item's
//! `BEGIN` (or the end of the file) with an error on that item; a stray `END` is reported; an
//! item too big to be real is cut off and failed rather than buffered without bound.

use std::io::BufRead;

use crate::content_line::{ContentLine, ContentLineReader, Dialect, LineError};
use crate::report::Problem;

/// Most properties one item may have before it is failed as absurd (a real contact or event
/// has tens).
const MAX_PROPS_PER_ITEM: usize = 10_000;
/// Most bytes of values one item may hold (several maximal lines, far above real data).
const MAX_BYTES_PER_ITEM: usize = 16 << 20;
/// Deepest nesting kept inside an item (VEVENT > VALARM is 2; VTIMEZONE > STANDARD is 2).
const MAX_DEPTH: usize = 8;
/// File-level problems kept before the rest are only counted, so a binary file fed in by
/// mistake yields a short report rather than millions of lines.
const MAX_FILE_PROBLEMS: usize = 200;

/// A component with its properties and sub-components.
#[derive(Debug, Clone, Default)]
pub struct Component {
    pub name: String,
    /// Line of its `BEGIN`.
    pub line: usize,
    pub props: Vec<ContentLine>,
    pub children: Vec<Component>,
    /// Structural errors and unreadable lines inside it; the format's mapper decides whether
    /// a broken line matters (an unreadable `PHOTO` does not, an unreadable `DTSTART` does).
    pub broken: Vec<LineError>,
    /// Structural errors that fail the item (missing `END`, too big).
    pub errors: Vec<Problem>,
    bytes: usize,
}

impl Component {
    pub fn prop(&self, name: &str) -> Option<&ContentLine> {
        self.props.iter().find(|p| p.name == name)
    }

    pub fn props_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a ContentLine> {
        self.props.iter().filter(move |p| p.name == name)
    }

    fn push_prop(&mut self, line: ContentLine) {
        if self.props.len() >= MAX_PROPS_PER_ITEM
            || self.bytes + line.value.len() > MAX_BYTES_PER_ITEM
        {
            if !self.errors.iter().any(|p| p.message.contains("too large")) {
                self.errors.push(Problem::new(
                    line.line,
                    format!(
                        "{} is too large (over {MAX_PROPS_PER_ITEM} properties or {} MB); the rest of it was skipped",
                        self.name,
                        MAX_BYTES_PER_ITEM >> 20
                    ),
                ));
            }
            return;
        }
        self.bytes += line.value.len();
        self.props.push(line);
    }
}

/// What the reader yields.
#[derive(Debug)]
pub enum Event {
    /// A complete item (possibly with errors).
    Item(Component),
    /// A property of the container itself (`X-WR-CALNAME` of a `VCALENDAR`).
    ContainerProperty(ContentLine),
    /// A container (`VCALENDAR`) ended; the next one may have other properties.
    ContainerEnd,
    /// A component outside the item set at the item level (a `VTODO` when only events are
    /// read): skipped, reported for the summary.
    Skipped { name: String, line: usize },
}

pub struct ComponentReader<R> {
    lines: ContentLineReader<R>,
    container: Option<&'static str>,
    items: &'static [&'static str],
    in_container: bool,
    /// Open components, the item at the bottom.
    stack: Vec<Component>,
    /// Depth of components opened past `MAX_DEPTH` (read and dropped).
    ignored_depth: usize,
    file_problems: Vec<Problem>,
    dropped_problems: usize,
    queued: std::collections::VecDeque<Event>,
    finished: bool,
}

impl<R: BufRead> ComponentReader<R> {
    /// `container` is `Some("VCALENDAR")` for iCalendar and `None` for vCard; `items` the
    /// component names yielded as items.
    pub fn new(
        reader: R,
        dialect: Dialect,
        container: Option<&'static str>,
        items: &'static [&'static str],
    ) -> Self {
        ComponentReader {
            lines: ContentLineReader::new(reader, dialect),
            container,
            items,
            in_container: false,
            stack: Vec::new(),
            ignored_depth: 0,
            file_problems: Vec::new(),
            dropped_problems: 0,
            queued: Default::default(),
            finished: false,
        }
    }

    /// Problems that belong to no item, taken out (call after the iteration, or during it).
    pub fn take_file_problems(&mut self) -> Vec<Problem> {
        let mut out = std::mem::take(&mut self.file_problems);
        if self.finished && self.dropped_problems > 0 {
            out.push(Problem::new(
                self.lines.lines_read(),
                format!(
                    "{} more problems outside any item were not listed",
                    self.dropped_problems
                ),
            ));
            self.dropped_problems = 0;
        }
        out
    }

    fn file_problem(&mut self, problem: Problem) {
        if self.file_problems.len() < MAX_FILE_PROBLEMS {
            self.file_problems.push(problem);
        } else {
            self.dropped_problems += 1;
        }
    }

    /// Closes every open component into the item, each unclosed one noted, and queues it.
    fn close_open_item(&mut self, why: &str) {
        while let Some(mut top) = self.stack.pop() {
            top.errors.push(Problem::new(
                top.line,
                format!("BEGIN:{} has no END:{} {why}", top.name, top.name),
            ));
            match self.stack.last_mut() {
                Some(parent) => {
                    let errors = std::mem::take(&mut top.errors);
                    parent.errors.extend(errors);
                    parent.children.push(top);
                }
                None if self.items.contains(&top.name.as_str()) => {
                    self.queued.push_back(Event::Item(top))
                }
                None => {}
            }
        }
        self.ignored_depth = 0;
    }

    fn handle_begin(&mut self, line: ContentLine) {
        let name = line.value.trim().to_ascii_uppercase();
        if self.items.contains(&name.as_str()) && !self.stack.is_empty() {
            // An item cannot contain another: the open one lost its END.
            self.close_open_item(&format!("before the BEGIN:{name} at line {}", line.line));
        }
        if self.stack.is_empty() {
            if Some(name.as_str()) == self.container {
                if self.in_container {
                    self.file_problem(Problem::new(
                        line.line,
                        format!("BEGIN:{name} inside another {name}"),
                    ));
                }
                self.in_container = true;
                return;
            }
            if !self.items.contains(&name.as_str()) {
                self.queued.push_back(Event::Skipped {
                    name: name.clone(),
                    line: line.line,
                });
            }
            self.stack.push(Component {
                name,
                line: line.line,
                ..Default::default()
            });
            return;
        }
        if self.ignored_depth > 0 || self.stack.len() >= MAX_DEPTH {
            if self.ignored_depth == 0 {
                if let Some(item) = self.stack.first_mut() {
                    item.errors.push(Problem::new(
                        line.line,
                        format!("components nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
            }
            self.ignored_depth += 1;
            return;
        }
        self.stack.push(Component {
            name,
            line: line.line,
            ..Default::default()
        });
    }

    fn handle_end(&mut self, line: ContentLine) {
        let name = line.value.trim().to_ascii_uppercase();
        if self.ignored_depth > 0 {
            self.ignored_depth -= 1;
            return;
        }
        if self.stack.is_empty() {
            if Some(name.as_str()) == self.container && self.in_container {
                self.in_container = false;
                self.queued.push_back(Event::ContainerEnd);
            } else {
                self.file_problem(Problem::new(
                    line.line,
                    format!("END:{name} without a matching BEGIN"),
                ));
            }
            return;
        }
        match self.stack.iter().rposition(|c| c.name == name) {
            Some(pos) => {
                // Components above `pos` lost their END: close them into their parents.
                while self.stack.len() > pos + 1 {
                    let mut top = self.stack.pop().expect("len > pos + 1");
                    let parent = self.stack.last_mut().expect("pos exists below");
                    parent.errors.push(Problem::new(
                        top.line,
                        format!(
                            "BEGIN:{} has no END:{} before END:{name} at line {}",
                            top.name, top.name, line.line
                        ),
                    ));
                    parent.errors.append(&mut top.errors);
                    parent.children.push(top);
                }
                let done = self.stack.pop().expect("pos exists");
                match self.stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => {
                        if self.items.contains(&done.name.as_str()) {
                            self.queued.push_back(Event::Item(done));
                        }
                    }
                }
            }
            None => {
                let item = self.stack.first_mut().expect("stack not empty");
                item.errors.push(Problem::new(
                    line.line,
                    format!("END:{name} without a matching BEGIN"),
                ));
            }
        }
    }

    fn handle_line(&mut self, line: ContentLine) {
        match line.name.as_str() {
            "BEGIN" => self.handle_begin(line),
            "END" => self.handle_end(line),
            _ => {
                if self.ignored_depth > 0 {
                    return;
                }
                match self.stack.last_mut() {
                    Some(top) => top.push_prop(line),
                    None if self.in_container => {
                        self.queued.push_back(Event::ContainerProperty(line))
                    }
                    None => {
                        let outside = match self.container {
                            Some(c) => format!("outside any {c}"),
                            None => format!("outside any {}", self.items.join("/")),
                        };
                        self.file_problem(Problem::new(
                            line.line,
                            format!("{} {outside}; ignored", line.name),
                        ));
                    }
                }
            }
        }
    }

    fn handle_broken(&mut self, err: LineError) {
        match self.stack.last_mut() {
            Some(top) if self.ignored_depth == 0 => top.broken.push(err),
            Some(_) => {}
            None => self.file_problem(Problem::new(err.line, err.reason)),
        }
    }
}

impl<R: BufRead> Iterator for ComponentReader<R> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.queued.pop_front() {
                return Some(event);
            }
            if self.finished {
                return None;
            }
            match self.lines.next() {
                Some(Ok(line)) => self.handle_line(line),
                Some(Err(err)) => self.handle_broken(err),
                None => {
                    self.finished = true;
                    self.close_open_item("before the end of the file (is the file cut short?)");
                    if self.in_container {
                        let c = self.container.unwrap_or_default();
                        self.file_problem(Problem::new(
                            self.lines.lines_read(),
                            format!("BEGIN:{c} has no END:{c} before the end of the file"),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<Component>, Vec<Problem>) {
        let mut reader = ComponentReader::new(
            text.as_bytes(),
            Dialect::ICalendar,
            Some("VCALENDAR"),
            &["VEVENT", "VTIMEZONE"],
        );
        let mut items = vec![];
        for event in reader.by_ref() {
            if let Event::Item(c) = event {
                items.push(c);
            }
        }
        (items, reader.take_file_problems())
    }

    #[test]
    fn nested_components_are_children() {
        let (items, problems) = read(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:a\nBEGIN:VALARM\nACTION:DISPLAY\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].children[0].name, "VALARM");
        assert!(items[0].errors.is_empty());
    }

    #[test]
    fn a_missing_end_fails_only_its_item() {
        let (items, problems) = read(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:a\nBEGIN:VEVENT\nSUMMARY:b\nEND:VEVENT\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VEVENT\nEND:VCALENDAR\nEND:VEVENT\n",
        );
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].errors[0].line, 2);
        assert!(items[0].errors[0].message.contains("line 4"));
        assert!(items[1].errors.is_empty());
        assert_eq!(items[2].errors[0].line, 8);
        assert_eq!(problems[0].line, 11);
    }

    #[test]
    fn a_cut_file_reports_the_open_item_and_the_container() {
        let (items, problems) = read("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:a\n");
        assert!(items[0].errors[0].message.contains("end of the file"));
        assert!(problems[0].message.contains("END:VCALENDAR"));
    }

    #[test]
    fn deep_nesting_is_cut_off() {
        let mut text = String::from("BEGIN:VEVENT\n");
        for _ in 0..20 {
            text.push_str("BEGIN:X\n");
        }
        for _ in 0..20 {
            text.push_str("END:X\n");
        }
        text.push_str("END:VEVENT\n");
        let (items, problems) = read(&text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(items.len(), 1);
        assert!(items[0].errors[0].message.contains("nested deeper"));
    }
}
