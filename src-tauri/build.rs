fn main() {
    // Declaring the app's commands makes each one need a permission (capabilities/default.json),
    // so the window can call only what the UI uses.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["call"])),
    )
    .expect("tauri build script");
}
