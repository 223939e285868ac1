//! Writes the TypeScript bindings of the command surface into the UI's source tree.

fn main() -> std::io::Result<()> {
    let path = outpost_app::bindings::default_path();
    std::fs::create_dir_all(path.parent().expect("bindings file has a folder"))?;
    let text = outpost_app::bindings::generate();
    let changed = std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str());
    if changed {
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    } else {
        println!("{} is current", path.display());
    }
    Ok(())
}
