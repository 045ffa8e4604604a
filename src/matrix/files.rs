//! The files of the data directory the Matrix adapter owns, and how a secret one is written.

/// The Matrix store (state and encryption keys), in the data directory.
pub const STORE_DIR: &str = "matrix-store";
/// The saved session (access token, device), in the data directory.
pub const SESSION_FILE: &str = "session.json";

/// Writes a file of the data directory readable by its owner only (0600), atomically: a crash
/// leaves the old file or the new one, never half of one.
pub(super) fn write_private_file(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)?;
    file.write_all(contents)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_private_file_is_the_owners_alone_and_replaced_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("secret.json");
        super::write_private_file(&path, b"first").expect("write");
        super::write_private_file(&path, b"second").expect("rewrite");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }
}
