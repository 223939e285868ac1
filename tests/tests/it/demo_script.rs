//! `scripts/demo.sh` on a machine without a display: it installs the system packages first (so
//! `xvfb-run` exists by the time it is suggested), then says how to run under a virtual display
//! and stops, without building anything.

use std::path::Path;
use std::process::Command;

#[test]
fn without_a_display_the_demo_script_installs_first_then_tells_how_to_run_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let out = Command::new("bash")
        .arg(root.join("scripts/demo.sh"))
        .current_dir(root)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stdout}\n{stderr}");
    assert!(stderr.contains("scripts/demo.sh --xvfb"), "{stderr}");
    let said = format!("{stdout}{stderr}");
    let packages = said.find("system packages").expect("the packages step ran");
    let hint = said.find("no display").unwrap_or(said.len());
    assert!(packages < hint, "packages before the hint:\n{said}");
    assert!(
        which("xvfb-run"),
        "xvfb-run is installed by the time it is suggested"
    );
    assert!(
        !said.contains("building the UI"),
        "nothing was built:\n{said}"
    );
}

fn which(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}
