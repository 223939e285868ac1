//! `--map HEADER=field` of `outpost import`: a CSV column (by header, or `#N` for the Nth
//! column) and the field it goes to.

use outpost_app::commands::import::csv_columns::{ColumnChoice, ColumnKey, ContactField};

/// Reads one `--map` value. The header may itself hold `=`; the field never does, so the value
/// is cut at the last one. Fields are matched ignoring case, `-` and `_` (`first-name`,
/// `firstName`).
pub fn parse_column_map(text: &str) -> Result<ColumnChoice, String> {
    let Some((column, field)) = text.rsplit_once('=') else {
        return Err(format!(
            "\"{text}\" is not HEADER=field (for example --map \"Vorname=firstName\")"
        ));
    };
    let column = match column.strip_prefix('#') {
        Some(n) => match n.parse::<u32>() {
            Ok(n) if n >= 1 => ColumnKey::Index(n - 1),
            _ => {
                return Err(format!(
                    "\"{column}\": a column by number is #1 for the first, #2 for the second..."
                ))
            }
        },
        None if column.trim().is_empty() => {
            return Err(format!(
                "\"{text}\" names no column: give its header, or #N for the Nth column"
            ))
        }
        None => ColumnKey::Header(column.to_string()),
    };
    let fold = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect::<String>()
            .to_lowercase()
    };
    let field = ContactField::ALL
        .into_iter()
        .find(|f| fold(&f.name()) == fold(field))
        .ok_or_else(|| {
            let names: Vec<String> = ContactField::ALL.iter().map(|f| f.name()).collect();
            format!(
                "\"{field}\" is not a contact field; one of: {}",
                names.join(", ")
            )
        })?;
    Ok(ColumnChoice { column, field })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_numbers_and_field_spellings() {
        let c = parse_column_map("E-Mail = privat=email").unwrap();
        assert_eq!(c.column, ColumnKey::Header("E-Mail = privat".into()));
        assert_eq!(c.field, ContactField::Email);
        let c = parse_column_map("#3=postal_code").unwrap();
        assert_eq!(
            (c.column, c.field),
            (ColumnKey::Index(2), ContactField::PostalCode)
        );
        assert_eq!(
            parse_column_map("Firma=note-line").unwrap().field,
            ContactField::NoteLine
        );
    }

    #[test]
    fn mistakes_are_named() {
        assert!(parse_column_map("Vorname")
            .unwrap_err()
            .contains("HEADER=field"));
        assert!(parse_column_map("#0=email")
            .unwrap_err()
            .contains("#1 for the first"));
        assert!(parse_column_map("=email")
            .unwrap_err()
            .contains("names no column"));
        let e = parse_column_map("Vorname=vorname").unwrap_err();
        assert!(e.contains("firstName, middleName"), "{e}");
    }
}
