//! Timing helpers and the report table: medians with their spread, percentiles of many samples.

use std::time::{Duration, Instant};

pub async fn time_async<T>(f: impl std::future::Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let out = f.await;
    (out, started.elapsed())
}

/// Sorted samples: median, spread and percentiles.
pub struct Samples(Vec<f64>);

impl Samples {
    pub fn new(mut values: Vec<f64>) -> Samples {
        values.sort_by(|a, b| a.total_cmp(b));
        Samples(values)
    }

    pub fn of_durations(values: &[Duration]) -> Samples {
        Samples::new(values.iter().map(|d| d.as_secs_f64() * 1000.0).collect())
    }

    pub fn percentile(&self, p: f64) -> f64 {
        if self.0.is_empty() {
            return f64::NAN;
        }
        let i = ((self.0.len() as f64 - 1.0) * p / 100.0).round() as usize;
        self.0[i.min(self.0.len() - 1)]
    }

    pub fn median(&self) -> f64 {
        self.percentile(50.0)
    }

    pub fn min(&self) -> f64 {
        self.0.first().copied().unwrap_or(f64::NAN)
    }

    pub fn max(&self) -> f64 {
        self.0.last().copied().unwrap_or(f64::NAN)
    }
}

/// One row of the README's table.
pub struct Row {
    pub what: String,
    pub measured: String,
    pub spread: String,
    pub target: String,
    /// None where the target is not a number to compare.
    pub met: Option<bool>,
}

pub fn print_table(rows: &[Row], header: &str) {
    println!("{header}\n");
    println!("| measure | result | spread | target | met |");
    println!("| --- | --- | --- | --- | --- |");
    for r in rows {
        let met = match r.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        println!(
            "| {} | {} | {} | {} | {met} |",
            r.what, r.measured, r.spread, r.target
        );
    }
}
