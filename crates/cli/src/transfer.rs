//! `outpost import FILE` and `outpost export contacts|calendars`: files in and out, offline.

use std::path::PathBuf;

use chrono::NaiveDate;

use clap::{Args, ValueEnum};
use outpost_app::commands::export::{ExportArgs, ExportWhat, VCardVersion};
use outpost_app::commands::import::csv_columns::ColumnChoice;
use outpost_app::commands::import::{DuplicatePolicy, FileFormat, ImportArgs};
use outpost_app::{App, AppError};

use crate::output::Output;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Ics,
    Vcf,
    Csv,
}

impl From<FormatArg> for FileFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Ics => FileFormat::Ics,
            FormatArg::Vcf => FileFormat::Vcf,
            FormatArg::Csv => FileFormat::Csv,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DuplicatesArg {
    Skip,
    Update,
    Create,
}

#[derive(Args, Debug)]
pub struct ImportCmd {
    /// A .ics, .vcf or .csv file
    file: PathBuf,
    /// The calendar events go into (for .ics)
    #[arg(long)]
    calendar: Option<String>,
    /// Only show what would happen, write nothing
    #[arg(long)]
    dry_run: bool,
    /// What to do with records already here (same UID; same name and email or phone)
    #[arg(long, value_enum, default_value_t = DuplicatesArg::Skip)]
    duplicates: DuplicatesArg,
    /// The file's format [default: from its name or first line]
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// CSV: put a column into a field, over the mapping detected from the headers (repeat for
    /// several). HEADER is the column's header, or #N for the Nth column; fields: firstName,
    /// middleName, lastName, fullName, email, phone, url, notes, street, streetNumber,
    /// extendedAddress, poBox, city, postalCode, region, country, noteLine ("Header: value" in
    /// the notes), ignore. A --dry-run shows the mapping.
    #[arg(long = "map", value_name = "HEADER=FIELD", value_parser = crate::column_map::parse_column_map)]
    map: Vec<ColumnChoice>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportWhatArg {
    Contacts,
    Calendars,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VCardVersionArg {
    /// vCard 3.0, for older phones and address books
    #[value(name = "3")]
    V3,
    /// vCard 4.0 (RFC 6350)
    #[value(name = "4")]
    V4,
}

#[derive(Args, Debug)]
pub struct ExportCmd {
    what: ExportWhatArg,
    /// ics for calendars; vcf (default) or csv for contacts
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// The file to write [default: standard output, with the messages on standard error]
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Only this calendar (repeat for several)
    #[arg(long = "calendar", value_name = "ID")]
    calendars: Vec<String>,
    /// Calendars: only entries on or after this day (YYYY-MM-DD, in each calendar's zone); a
    /// series with an occurrence in the window is written whole, with its rule
    #[arg(long, value_name = "DATE")]
    from: Option<NaiveDate>,
    /// Calendars: only entries on or before this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    to: Option<NaiveDate>,
    /// Contacts as vCard: the version written
    #[arg(long, value_enum)]
    vcard_version: Option<VCardVersionArg>,
}

pub async fn import(app: &App, cmd: ImportCmd, out: Output) -> Result<(), AppError> {
    let args = ImportArgs {
        path: cmd.file.display().to_string(),
        calendar_id: cmd.calendar,
        duplicates: match cmd.duplicates {
            DuplicatesArg::Skip => DuplicatePolicy::Skip,
            DuplicatesArg::Update => DuplicatePolicy::Update,
            DuplicatesArg::Create => DuplicatePolicy::Create,
        },
        format: cmd.format.map(Into::into),
        mapping: (!cmd.map.is_empty()).then_some(cmd.map),
    };
    let outcome = if cmd.dry_run {
        app.import_preview(args).await?
    } else {
        app.import_apply(args).await?
    };
    out.import_outcome(&outcome);
    // Items that could not be imported make the run fail, so scripts notice.
    if outcome.failed > 0 || !outcome.file_problems.is_empty() {
        return Err(AppError::new(
            "import_incomplete",
            format!(
                "{} item(s) could not be imported and {} problem(s) were found outside items (see above)",
                outcome.failed,
                outcome.file_problems.len()
            ),
        ));
    }
    Ok(())
}

pub async fn export(app: &App, cmd: ExportCmd, out: Output) -> Result<(), AppError> {
    let mut args = ExportArgs {
        what: match cmd.what {
            ExportWhatArg::Contacts => ExportWhat::Contacts,
            ExportWhatArg::Calendars => ExportWhat::Calendars,
        },
        format: cmd.format.map(Into::into),
        path: String::new(),
        calendar_ids: cmd.calendars,
        from: cmd.from,
        to: cmd.to,
        vcard_version: cmd.vcard_version.map(|v| match v {
            VCardVersionArg::V3 => VCardVersion::V3,
            VCardVersionArg::V4 => VCardVersion::V4,
        }),
    };
    match cmd.output {
        Some(path) => {
            args.path = path.display().to_string();
            let outcome = app.export(args).await?;
            out.export_outcome(&outcome, false);
        }
        None => {
            // The file goes to standard output, so what the CLI says goes to standard error:
            // `outpost export contacts > all.vcf` gets the file alone.
            args.path = STDOUT_NAME.to_string();
            let stdout = std::io::BufWriter::new(std::io::stdout());
            let outcome = app.export_to_writer(args, Box::new(stdout)).await?;
            out.export_outcome(&outcome, true);
        }
    }
    Ok(())
}

/// How an export to standard output is named in its outcome and errors.
const STDOUT_NAME: &str = "standard output";
