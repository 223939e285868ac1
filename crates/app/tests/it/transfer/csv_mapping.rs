//! A CSV whose headers the detection does not know (German ones): the preview shows each header
//! with the field it goes to and warns of the ignored columns that hold data; the caller's
//! mapping (by header or index) is what the import then uses; a column the file does not have,
//! or a mapping for another format, is refused naming the problem.

use outpost_app::commands::import::csv_columns::{ColumnChoice, ColumnKey, ContactField};
use outpost_app::commands::import::{DuplicatePolicy, ImportArgs, ImportOutcome};

use super::{contact_named, file, import_args, signed_in};

const GERMAN: &str = "Vorname,Nachname,E-Mail,Firma,Ehepartner,Notizen\n\
Jürgen,Mapping,juergen@mapping.example,ACME,Carla,Met at the fair\n\
Anna,Mapping,anna@mapping.example,,,\n";

fn fields(o: &ImportOutcome) -> Vec<(String, ContactField)> {
    o.csv_columns
        .as_ref()
        .expect("a CSV outcome has its columns")
        .iter()
        .map(|c| (c.header.clone(), c.field))
        .collect()
}

fn choice(column: ColumnKey, field: ContactField) -> ColumnChoice {
    ColumnChoice { column, field }
}

#[tokio::test]
async fn the_preview_shows_the_mapping_and_the_import_uses_the_callers() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let csv = file(dir.path(), "kontakte.csv", GERMAN);

    let detected = app
        .import_preview(import_args(&csv, DuplicatePolicy::Skip))
        .await
        .unwrap();
    use ContactField::*;
    let h = |s: &str| s.to_string();
    assert_eq!(
        fields(&detected),
        [
            (h("Vorname"), Ignore),
            (h("Nachname"), Ignore),
            (h("E-Mail"), Email),
            (h("Firma"), Ignore),
            (h("Ehepartner"), Ignore),
            (h("Notizen"), Ignore),
        ]
    );
    let filled: Vec<u32> = detected
        .csv_columns
        .as_ref()
        .unwrap()
        .iter()
        .map(|c| c.filled_rows)
        .collect();
    assert_eq!(filled, [2, 2, 2, 1, 1, 1]);
    assert_eq!(detected.file_warnings.len(), 1, "{detected:?}");
    assert_eq!(
        detected.file_warnings[0].message,
        "These columns are not imported but hold data: \"Vorname\" (2 rows), \"Nachname\" (2 rows), \"Firma\" (1 row), \"Ehepartner\" (1 row), \"Notizen\" (1 row). Map them to a field (a note line keeps it in the notes) to keep it."
    );

    let mapped = ImportArgs {
        mapping: Some(vec![
            choice(ColumnKey::Header("vorname".into()), FirstName),
            choice(ColumnKey::Index(1), LastName),
            choice(ColumnKey::Header("Firma".into()), NoteLine),
            choice(ColumnKey::Header("Notizen".into()), Notes),
        ]),
        ..import_args(&csv, DuplicatePolicy::Skip)
    };
    let preview = app.import_preview(mapped).await.unwrap();
    assert_eq!(
        fields(&preview),
        [
            (h("Vorname"), FirstName),
            (h("Nachname"), LastName),
            (h("E-Mail"), Email),
            (h("Firma"), NoteLine),
            (h("Ehepartner"), Ignore),
            (h("Notizen"), Notes),
        ]
    );
    assert_eq!(preview.items[0].label, "Jürgen Mapping");
    assert_eq!(
        preview.file_warnings[0].message,
        "This column is not imported but holds data: \"Ehepartner\" (1 row). Map it to a field (a note line keeps it in the notes) to keep it."
    );

    let applied = app
        .import_apply(ImportArgs {
            mapping: Some(vec![
                choice(ColumnKey::Header("Vorname".into()), FirstName),
                choice(ColumnKey::Header("Nachname".into()), LastName),
                choice(ColumnKey::Header("Firma".into()), NoteLine),
                choice(ColumnKey::Header("Ehepartner".into()), NoteLine),
                choice(ColumnKey::Header("Notizen".into()), Notes),
            ]),
            ..import_args(&csv, DuplicatePolicy::Skip)
        })
        .await
        .unwrap();
    assert_eq!((applied.created, applied.failed), (2, 0), "{applied:?}");
    assert!(applied.file_warnings.is_empty(), "{applied:?}");
    let juergen = contact_named(&app, "Jürgen Mapping").await;
    assert_eq!(juergen["firstName"], "Jürgen");
    assert_eq!(juergen["lastName"], "Mapping");
    assert_eq!(juergen["email"], "juergen@mapping.example");
    assert_eq!(
        juergen["notes"],
        "Met at the fair\nFirma: ACME\nEhepartner: Carla"
    );
    server.shutdown().await.unwrap();
}

#[tokio::test]
async fn a_column_not_there_or_a_mapping_for_another_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (server, app) = signed_in(dir.path()).await;
    let csv = file(dir.path(), "kontakte.csv", GERMAN);
    let e = app
        .import_preview(ImportArgs {
            mapping: Some(vec![choice(
                ColumnKey::Header("Ort".into()),
                ContactField::City,
            )]),
            ..import_args(&csv, DuplicatePolicy::Skip)
        })
        .await
        .unwrap_err();
    assert_eq!(e.code, "invalid");
    assert!(
        e.message.starts_with("the mapping names no column \"Ort\"; the file's columns are: 0: \"Vorname\", 1: \"Nachname\""),
        "{}",
        e.message
    );
    let vcf = file(
        dir.path(),
        "one.vcf",
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna\r\nEND:VCARD\r\n",
    );
    let e = app
        .import_preview(ImportArgs {
            mapping: Some(vec![choice(ColumnKey::Index(0), ContactField::FirstName)]),
            ..import_args(&vcf, DuplicatePolicy::Skip)
        })
        .await
        .unwrap_err();
    assert!(
        e.message
            .ends_with("a column mapping is for CSV files; this one is read as vcf"),
        "{}",
        e.message
    );
    server.shutdown().await.unwrap();
}
