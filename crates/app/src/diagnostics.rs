//! Facts about the running process, for benchmarks and the start-up probe.

/// This process's resident memory in MiB (Linux; `None` elsewhere or when unreadable).
pub fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn a_running_process_has_resident_memory() {
        let mib = super::resident_mib().expect("VmRSS is readable on Linux");
        assert!(mib > 0.0, "{mib}");
    }
}
