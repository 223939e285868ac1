//! How much of the seed the devserver serves, per domain (the seed's category headings), as the
//! table in the README's devserver section. The test fails when that table and the counts from
//! the seed and [`SERVED`] disagree; `OUTPOST_REGEN_COVERAGE=1` rewrites the table's counts and
//! keeps its "client uses" column, which is counted elsewhere.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::served::SERVED;
use super::text::Seed;

/// The header of the table in the README; the rows follow it up to the first line that is not
/// a table row.
const HEADER: &str = "| domain | endpoints | devserver serves | client uses |";
const RULE: &str = "| --- | ---: | ---: | ---: |";
/// The last row counts each method and path once (the seed lists some under 2 or 3 domains).
pub const ALL: &str = "all (each endpoint once)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub domain: String,
    pub endpoints: usize,
    pub served: usize,
}

/// One row per domain in the seed's order, then [`ALL`].
pub fn table(seed: &Seed) -> Vec<Row> {
    let served: BTreeSet<(&str, &str)> = SERVED.iter().copied().collect();
    let mut rows: Vec<Row> = Vec::new();
    let mut unique = BTreeMap::new();
    for (domain, method, path) in seed.listings() {
        let is_served = served.contains(&(method.as_str(), path.as_str()));
        unique.insert((method, path), is_served);
        let at = match rows.iter().position(|r| r.domain == domain) {
            Some(at) => at,
            None => {
                rows.push(Row {
                    domain,
                    endpoints: 0,
                    served: 0,
                });
                rows.len() - 1
            }
        };
        rows[at].endpoints += 1;
        rows[at].served += usize::from(is_served);
    }
    rows.push(Row {
        domain: ALL.into(),
        endpoints: unique.len(),
        served: unique.values().filter(|s| **s).count(),
    });
    rows
}

fn readme() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../README.md")
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// The README's table: the line range of its rows and, per row, its four cells.
fn readme_table(text: &str) -> Option<(usize, usize, Vec<Vec<String>>)> {
    let lines: Vec<&str> = text.lines().collect();
    let header = lines.iter().position(|l| l.trim() == HEADER)?;
    let first = header + 2;
    let end = (first..lines.len())
        .find(|&i| !lines[i].trim_start().starts_with('|'))
        .unwrap_or(lines.len());
    let rows = lines[first..end].iter().map(|l| cells(l)).collect();
    Some((header, end, rows))
}

/// The table as markdown, with the "client uses" cells taken from `client` by domain.
pub fn markdown(rows: &[Row], client: &BTreeMap<String, String>) -> String {
    let mut out = format!("{HEADER}\n{RULE}\n");
    for r in rows {
        let uses = client.get(&r.domain).map(String::as_str).unwrap_or("");
        let domain = if r.domain == ALL {
            format!("**{ALL}**")
        } else {
            r.domain.clone()
        };
        out += &format!("| {domain} | {} | {} | {uses} |\n", r.endpoints, r.served);
    }
    out
}

#[test]
fn the_readme_coverage_table_counts_what_the_seed_lists_and_the_devserver_serves() {
    let rows = table(&Seed::load());
    let path = readme();
    let text = std::fs::read_to_string(&path).unwrap();
    let found = readme_table(&text);
    let client: BTreeMap<String, String> = found
        .as_ref()
        .map(|(_, _, cells)| {
            cells
                .iter()
                .filter(|c| c.len() == 4)
                .map(|c| (c[0].trim_matches('*').to_string(), c[3].clone()))
                .collect()
        })
        .unwrap_or_default();
    let wanted = markdown(&rows, &client);
    if std::env::var_os("OUTPOST_REGEN_COVERAGE").is_some() {
        let (start, end, _) = found.expect("the README has no coverage table to rewrite");
        let lines: Vec<&str> = text.lines().collect();
        let mut out = lines[..start].join("\n") + "\n" + &wanted;
        out += &lines[end..].join("\n");
        out += "\n";
        std::fs::write(&path, out).unwrap();
        return;
    }
    let (start, end, _) = found.unwrap_or_else(|| {
        panic!(
            "README.md has no coverage table (header `{HEADER}`); it should read:\n{wanted}\
             (OUTPOST_REGEN_COVERAGE=1 rewrites an existing one)"
        )
    });
    let lines: Vec<&str> = text.lines().collect();
    let have = lines[start..end].join("\n") + "\n";
    assert_eq!(
        have, wanted,
        "the README's coverage table is out of date; OUTPOST_REGEN_COVERAGE=1 cargo test -p \
         outpost-devserver --test it seed::coverage rewrites it"
    );
}

#[test]
fn every_domain_is_counted_and_the_served_sum_to_the_route_table() {
    let rows = table(&Seed::load());
    let all = rows.last().unwrap();
    assert_eq!(all.domain, ALL);
    // The seed's own count (see ../shared/api/platform-api-map.md): 666 listings under 73
    // headings, 527 endpoints.
    assert_eq!(rows.len() - 1, 73);
    assert_eq!(
        rows[..rows.len() - 1]
            .iter()
            .map(|r| r.endpoints)
            .sum::<usize>(),
        666
    );
    assert_eq!(all.endpoints, 527);
    assert_eq!(
        all.served,
        SERVED.len(),
        "every served endpoint is in the seed once"
    );
    for r in &rows {
        assert!(r.served <= r.endpoints, "{r:?}");
    }
}

#[test]
fn a_domain_counts_an_endpoint_listed_under_it_even_when_another_lists_it_too() {
    let text = "A\nGET\n/api/v1/system/health\n- Default Response\nB\nGET\n/api/v1/system/health\n\
        - Default Response\nGET\n/api/v1/not/served\n";
    let rows = table(&Seed::parse(text));
    let count = |d: &str| {
        rows.iter()
            .find(|r| r.domain == d)
            .map(|r| (r.endpoints, r.served))
    };
    assert_eq!(count("A"), Some((1, 1)));
    assert_eq!(count("B"), Some((2, 1)));
    assert_eq!(count(ALL), Some((2, 1)));
}
