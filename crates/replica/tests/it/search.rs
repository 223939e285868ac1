//! Full-text search (diacritics folded, prefixes, hostile input) and contact lists.

use crate::common::*;
use outpost_replica::{ContactQuery, ContactSort, Entity, Source};
use serde_json::json;

#[test]
fn contact_search_folds_diacritics_and_matches_prefixes() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let mueller = contact(&scope, "Jürgen", "Müller", "j.mueller@example.de");
    let _other = contact(&scope, "Anna", "Schmidt", "anna@example.com");
    let noted = scope
        .create_contact(
            Source::User,
            fields(json!({"firstName": "Zoë", "phone": "+33 6 12 34 56 78",
                "address": {"street": "Rue de la Paix", "city": "Besançon", "country": "France"}, "notes": "Prefers café meetings"})),
        )
        .unwrap();
    let names = |q: &str| {
        scope
            .search_contacts(q, 10)
            .unwrap()
            .into_iter()
            .map(|c| c.display_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(names("Muller"), ["Jürgen Müller"]);
    assert_eq!(names("müll"), ["Jürgen Müller"]);
    assert_eq!(names("jurg mul"), ["Jürgen Müller"]);
    assert_eq!(names("j.mueller@exa"), ["Jürgen Müller"]);
    assert_eq!(names("besancon"), ["Zoë"]);
    assert_eq!(names("cafe"), ["Zoë"]);
    assert_eq!(names("zoe"), ["Zoë"]);
    assert_eq!(names("+33 6 12"), ["Zoë"]);
    assert!(names("Müller Schmidt").is_empty(), "every word must match");
    // Input that would be FTS5 syntax is just text.
    for hostile in [
        "\"",
        "Müller\"",
        "NOT Müller",
        "(Müller",
        "Mül*er",
        "a OR",
        "-Müller",
        "name:Müller",
        "^M",
        "NEAR(Müller)",
    ] {
        scope
            .search_contacts(hostile, 10)
            .unwrap_or_else(|e| panic!("{hostile}: {e}"));
    }
    assert_eq!(
        names("NOT Müller"),
        Vec::<String>::new(),
        "NOT is a word to find, not an operator"
    );
    assert!(names("  \"\" ").is_empty());

    // Edits and deletes keep the index in step.
    scope
        .update_contact(
            Source::User,
            &mueller.local_id,
            fields(json!({"lastName": "Meier"})),
        )
        .unwrap();
    assert!(names("muller").is_empty());
    assert_eq!(names("meier"), ["Jürgen Meier"]);
    scope.delete_contact(Source::User, &noted.local_id).unwrap();
    assert!(names("besancon").is_empty());
}

#[test]
fn contact_search_lists_matches_in_name_order_a_page_at_a_time() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    for (first, last) in [
        ("Mara", "Zeller"),
        ("Anna", "Marx"),
        ("Bob", "Martin"),
        ("Ola", "Nord"),
        ("Mark", "Adams"),
    ] {
        contact(
            &scope,
            first,
            last,
            &format!("{}@example.com", first.to_lowercase()),
        );
    }
    let names = |q: &str, limit: u32| {
        scope
            .search_contacts(q, limit)
            .unwrap()
            .into_iter()
            .map(|c| c.display_name)
            .collect::<Vec<_>>()
    };
    // Two letters match first and last names alike; the list keeps the contact list's order
    // (last name, then first).
    assert_eq!(
        names("ma", 10),
        ["Mark Adams", "Bob Martin", "Anna Marx", "Mara Zeller"]
    );
    assert_eq!(names("ma", 2), ["Mark Adams", "Bob Martin"]);
    assert_eq!(names("mar", 10), names("ma", 10));
    assert_eq!(names("mart", 10), ["Bob Martin"]);
}

#[test]
fn entry_search_covers_titles_descriptions_and_locations() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let cal = calendar(&scope, "Ops", "Europe/Berlin");
    let e = scope
        .create_entry(
            Source::User,
            fields(json!({"calendarId": cal.local_id, "kind": "booking", "title": "Übergabe Schlüssel",
                "description": "Bring the façade plans", "locationName": "Gebäude Süd",
                "startsAt": "2026-03-02T08:00:00Z", "endsAt": "2026-03-02T09:00:00Z", "timezone": "Europe/Berlin"})),
        )
        .unwrap();
    entry(
        &scope,
        &cal.local_id,
        "Lunch",
        "2026-03-02T11:00:00Z",
        "2026-03-02T12:00:00Z",
    );
    let titles = |q: &str| {
        scope
            .search_entries(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect::<Vec<_>>()
    };
    assert_eq!(titles("uberg"), ["Übergabe Schlüssel"]);
    assert_eq!(titles("facade"), ["Übergabe Schlüssel"]);
    assert_eq!(titles("gebaude sud"), ["Übergabe Schlüssel"]);
    assert_eq!(titles("lun"), ["Lunch"]);
    let hit = &scope.search_entries("schlussel", 10).unwrap()[0];
    assert_eq!(hit.entry_id, e.local_id);
    assert_eq!(hit.starts_at, "2026-03-02T08:00:00.000Z");
    scope
        .update_entry(
            Source::User,
            &e.local_id,
            fields(json!({"title": "Handover"})),
        )
        .unwrap();
    assert!(titles("uberg").is_empty());
    assert_eq!(titles("hand"), ["Handover"]);
}

#[test]
fn contact_lists_sort_and_page() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    for (first, last, email) in [
        ("Carla", "Zeta", "a@z.example"),
        ("Bert", "Alpha", "c@a.example"),
        ("Anna", "Mitte", "b@m.example"),
        ("Ömer", "Öztürk", "d@o.example"),
    ] {
        contact(&scope, first, last, email);
    }
    scope
        .create_contact(
            Source::User,
            fields(json!({"email": "0-nameless@example.com"})),
        )
        .unwrap();
    let page = |sort, offset, limit| {
        scope
            .contacts(&ContactQuery {
                sort,
                offset,
                limit,
            })
            .unwrap()
            .items
            .into_iter()
            .map(|c| c.display_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        page(ContactSort::Name, 0, 10),
        [
            "Bert Alpha",
            "Anna Mitte",
            "Ömer Öztürk",
            "Carla Zeta",
            "0-nameless@example.com"
        ]
    );
    assert_eq!(page(ContactSort::Name, 1, 2), ["Anna Mitte", "Ömer Öztürk"]);
    assert_eq!(
        page(ContactSort::Email, 0, 2),
        ["0-nameless@example.com", "Carla Zeta"]
    );
    // The last edited comes first.
    let bert = scope.search_contacts("bert", 1).unwrap().remove(0);
    std::thread::sleep(std::time::Duration::from_millis(5));
    scope
        .update_contact(
            Source::User,
            &bert.local_id,
            fields(json!({"notes": "edited"})),
        )
        .unwrap();
    assert_eq!(page(ContactSort::Updated, 0, 1), ["Bert Alpha"]);
    let all = scope
        .contacts(&ContactQuery {
            sort: ContactSort::Name,
            offset: 4,
            limit: 10,
        })
        .unwrap();
    assert_eq!(all.total, 5);
    assert_eq!(all.items.len(), 1);
    assert!(
        scope
            .get(Entity::Contact, &bert.local_id)
            .unwrap()
            .has_pending_ops
    );
}

/// A search matching more contacts than `BROAD_MATCH` (2,000) walks the name index instead of
/// sorting every match; when the matches sit beyond its walking budget (ten rows per match), it
/// sorts them after all. Either way: the first page in name order, this tenant's live contacts
/// only.
#[test]
fn broad_searches_give_the_same_page_whichever_way_they_are_answered() {
    let t = open();
    let scope = t.replica.tenant(TENANT);
    let mut n = 0;
    let mut rows = |first: &str, last: &str, count: usize| -> Vec<serde_json::Value> {
        (0..count)
            .map(|i| {
                n += 1;
                server_contact(
                    &format!("00000000-0000-4000-8000-{n:012}"),
                    first,
                    &format!("{last}{i:05}"),
                    "2026-01-01T00:00:00Z",
                )
            })
            .collect()
    };
    // "Nora Aaa…" sort first, then 20,100 contacts that match neither query, then "Mara Zulu…".
    let mut all = rows("Nora", "Aaa", 2_050);
    all.extend(rows("Otto", "Mid", 20_100));
    all.extend(rows("Mara", "Zulu", 2_050));
    for chunk in all.chunks(1_000) {
        scope
            .upsert_many_from_server(Entity::Contact, chunk)
            .unwrap();
    }
    // A deleted match and another tenant's matches sort before everything and must not show.
    let gone = contact(&scope, "Mara", "Aaa", "gone@example.com");
    scope.delete_contact(Source::User, &gone.local_id).unwrap();
    let other = t.replica.tenant(OTHER_TENANT);
    for first in ["Mara", "Nora"] {
        contact(&other, first, "Aaaa", "other@example.com");
    }

    let page = |q: &str| {
        scope
            .search_contacts(q, 50)
            .unwrap()
            .into_iter()
            .map(|c| c.display_name)
            .collect::<Vec<_>>()
    };
    let expected = |first: &str, last: &str| {
        (0..50)
            .map(|i| format!("{first} {last}{i:05}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(page("no"), expected("Nora", "Aaa"), "found by the walk");
    assert_eq!(
        page("ma"),
        expected("Mara", "Zulu"),
        "sorted after the walk gave up"
    );
    assert_eq!(
        page("mara zulu0204"),
        [
            "Mara Zulu02040",
            "Mara Zulu02041",
            "Mara Zulu02042",
            "Mara Zulu02043",
            "Mara Zulu02044",
            "Mara Zulu02045",
            "Mara Zulu02046",
            "Mara Zulu02047",
            "Mara Zulu02048",
            "Mara Zulu02049"
        ],
        "few matches: sorted"
    );
}
