//! Reads request and response schemas out of the seed's text. An endpoint block is a method
//! line, a path line, then sections; a request body section starts `📥 REQUEST BODY`, a
//! response section `📤 RESPONSE <status>`, and each holds, when it has a schema of its own,
//! an inline JSON Schema (the first line starting with `{`). Error
//! responses say `→ See StandardErrorResponse`, a schema kept in the "Shared Schemas" section
//! at the end. The same endpoint may be listed under several categories; the first listing is
//! read (the listings are copies).

use std::path::PathBuf;

use serde_json::Value;

const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE"];

/// Where the seed is: `$OUTPOST_PLATFORM_SEED`, else the copy kept with these tests (a clean
/// clone on a CI machine has no `../shared` beside it).
pub fn seed_path() -> PathBuf {
    if let Ok(p) = std::env::var("OUTPOST_PLATFORM_SEED") {
        return PathBuf::from(p);
    }
    kept_copy()
}

/// The copy of the seed kept in the repository.
pub fn kept_copy() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/seed/data/platform-api-endpoints.txt")
}

/// The seed as the project's shared documents hold it, when they are beside the checkout.
pub fn shared_original() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/platform-api-endpoints.txt")
}

pub struct Seed {
    lines: Vec<String>,
}

/// The first JSON value at the start of `text` (the text after it is ignored).
fn first_json(text: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .next()?
        .ok()
}

impl Seed {
    pub fn load() -> Seed {
        let path = seed_path();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the platform seed is needed to check the devserver against it: {}: {e} \
                 (set OUTPOST_PLATFORM_SEED to its path)",
                path.display()
            )
        });
        Seed::parse(&text)
    }

    pub fn parse(text: &str) -> Seed {
        Seed {
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    fn is_header(&self, i: usize) -> bool {
        METHODS.contains(&self.lines[i].as_str())
            && self.lines.get(i + 1).is_some_and(|p| p.starts_with('/'))
    }

    /// The lines of the first block of `method path`, header excluded.
    fn block(&self, method: &str, path: &str) -> Option<&[String]> {
        let start = (0..self.lines.len().saturating_sub(1))
            .find(|&i| self.lines[i] == method && self.lines[i + 1] == path)?
            + 2;
        let end = (start..self.lines.len())
            .find(|&i| self.is_header(i) || self.lines[i] == "Shared Schemas")
            .unwrap_or(self.lines.len());
        Some(&self.lines[start..end])
    }

    /// Every listing of the seed in its order: the category heading it is under, the method and
    /// the path. A heading is the line before a method line that does not end the block before
    /// it (an error note, a closing brace, a response's note such as "Tag deleted
    /// successfully" under `📤 RESPONSE 204`). An endpoint listed under several categories
    /// comes once per category.
    pub fn listings(&self) -> Vec<(String, String, String)> {
        const BLOCK_ENDS: &[&str] = &[
            "- ",
            "→",
            "}",
            "]",
            "Note:",
            "\"",
            "Default Response",
            "Browse",
        ];
        let mut category = String::new();
        let mut out = Vec::new();
        for i in 1..self.lines.len().saturating_sub(1) {
            if !self.is_header(i) {
                continue;
            }
            let before = &self.lines[i - 1];
            let after_response = i >= 2 && self.lines[i - 2].starts_with("📤");
            if !after_response && !BLOCK_ENDS.iter().any(|e| before.starts_with(e)) {
                category = before.clone();
            }
            let (method, path) = (self.lines[i].clone(), self.lines[i + 1].clone());
            out.push((category.clone(), method, path));
        }
        out
    }

    /// A schema of the "Shared Schemas" section.
    pub fn shared(&self, name: &str) -> Option<Value> {
        let shared = self.lines.iter().position(|l| l == "Shared Schemas")?;
        let at = (shared..self.lines.len()).find(|&i| self.lines[i] == name)?;
        let open = (at..self.lines.len()).find(|&i| self.lines[i].starts_with('{'))?;
        first_json(&self.lines[open..].join("\n"))
    }

    /// Whether the seed lists a `status` response for `method path` at all (a 204 has no
    /// schema to read).
    pub fn has_response(&self, method: &str, path: &str, status: u16) -> bool {
        let marker = format!("📤 RESPONSE {status}");
        self.block(method, path)
            .is_some_and(|b| b.iter().any(|l| l.trim() == marker))
    }

    /// The statuses the seed lists for `method path`, in its order.
    pub fn statuses(&self, method: &str, path: &str) -> Vec<u16> {
        self.block(method, path)
            .into_iter()
            .flatten()
            .filter_map(|l| l.trim().strip_prefix("📤 RESPONSE "))
            .filter_map(|s| s.trim().parse().ok())
            .collect()
    }

    /// The schema of the request body of `method path`, when the seed documents one.
    pub fn request(&self, method: &str, path: &str) -> Option<Value> {
        let block = self.block(method, path)?;
        let at = block.iter().position(|l| l.trim() == "📥 REQUEST BODY")?;
        let section_end = (at + 1..block.len())
            .find(|&i| block[i].starts_with("📤 RESPONSE"))
            .unwrap_or(block.len());
        let open = (at + 1..section_end).find(|&i| block[i].starts_with('{'))?;
        first_json(&block[open..section_end].join("\n"))
    }

    /// The schema of the `status` response of `method path`: its inline schema, or the shared
    /// one it points to.
    pub fn response(&self, method: &str, path: &str, status: u16) -> Option<Value> {
        let block = self.block(method, path)?;
        let marker = format!("📤 RESPONSE {status}");
        let at = block.iter().position(|l| l.trim() == marker)?;
        let section_end = (at + 1..block.len())
            .find(|&i| block[i].starts_with("📤 RESPONSE") || block[i].starts_with("📥"))
            .unwrap_or(block.len());
        let section = &block[at + 1..section_end];
        if let Some(open) = section.iter().position(|l| l.starts_with('{')) {
            return first_json(&section[open..].join("\n"));
        }
        let shared = section
            .iter()
            .find_map(|l| l.trim().strip_prefix("→ See "))?;
        self.shared(shared.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Things\nGET\n/api/v1/things\nList things\n📤 RESPONSE 200\nInline Schema\n\
        Response: Default Response\n{\n\"type\": \"object\",\n\"required\": [\"data\"]\n}\n\
        📤 RESPONSE 404\n- Default Response\n→ See StandardErrorResponse\n\
        POST\n/api/v1/things\n📥 REQUEST BODY\nInline Schema\n{\"type\": \"object\", \"required\": [\"n\"]}\n\
        📤 RESPONSE 201\nInline Schema\n{\"type\": \"string\"}\n\
        Shared Schemas\nStandardErrorResponse\nThe errors.\n{\"type\": \"object\", \"title\": \"err\"}\n";

    #[test]
    fn reads_inline_and_shared_schemas_of_the_right_block() {
        let seed = Seed::parse(SAMPLE);
        let ok = seed.response("GET", "/api/v1/things", 200).unwrap();
        assert_eq!(ok["required"][0], "data");
        let missing = seed.response("GET", "/api/v1/things", 404).unwrap();
        assert_eq!(missing["title"], "err");
        assert_eq!(
            seed.response("POST", "/api/v1/things", 201).unwrap()["type"],
            "string"
        );
        assert!(seed.response("POST", "/api/v1/things", 200).is_none());
        assert_eq!(
            seed.request("POST", "/api/v1/things").unwrap()["required"][0],
            "n"
        );
        assert!(seed.request("GET", "/api/v1/things").is_none());
        assert!(seed.response("GET", "/api/v1/other", 200).is_none());
        assert!(seed.has_response("GET", "/api/v1/things", 404));
        assert!(!seed.has_response("GET", "/api/v1/things", 204));
        assert_eq!(seed.statuses("GET", "/api/v1/things"), [200, 404]);
        assert!(seed.statuses("GET", "/api/v1/other").is_empty());
        let things = (
            "Things".to_string(),
            "GET".to_string(),
            "/api/v1/things".to_string(),
        );
        let post = (
            "Things".to_string(),
            "POST".to_string(),
            "/api/v1/things".to_string(),
        );
        assert_eq!(seed.listings(), [things, post]);
    }

    #[test]
    fn a_note_under_a_response_is_not_a_category() {
        let text = "Tags\nDELETE\n/api/v1/tags/{id}\n📤 RESPONSE 204\nTag deleted\n\
            GET\n/api/v1/tags/{id}\n📤 RESPONSE 200\n- Default Response\n\
            → See StandardErrorResponse\nOther\nGET\n/api/v1/other\n";
        let categories: Vec<String> = Seed::parse(text)
            .listings()
            .into_iter()
            .map(|(c, _, _)| c)
            .collect();
        assert_eq!(categories, ["Tags", "Tags", "Other"]);
    }
}
