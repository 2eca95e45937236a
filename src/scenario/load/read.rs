//! Reading a file's bytes, refusing folders and anything over the size cap.

use std::io::Read;
use std::path::Path;

use crate::scenario::ScenarioError;

/// Reads at most `cap` bytes of a file, refusing anything larger or not a regular file.
///
/// A FIFO, a device or a socket where a file is expected would block the reader forever
/// (opening a FIFO waits for a writer): such files are refused by their type before they
/// are opened, and the file is opened without blocking and checked again once open, so a
/// file swapped for a FIFO between the two looks cannot block either.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ScenarioError> {
    let metadata = std::fs::metadata(path).map_err(ScenarioError::CannotRead)?;
    if metadata.is_dir() {
        return Err(ScenarioError::Folder);
    }
    if !metadata.is_file() {
        return Err(ScenarioError::NotRegular);
    }
    if metadata.len() > cap {
        return Err(ScenarioError::TooBig {
            len: metadata.len(),
            cap,
        });
    }
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(ScenarioError::CannotRead)?;
    if bytes.len() as u64 > cap {
        // The size given by the file system was wrong (a device, a file still growing):
        // all that is known is that there is more than the limit.
        return Err(ScenarioError::OverLimit { cap });
    }
    Ok(bytes)
}

/// Opens a file for reading without waiting on it, and only if it is a regular file.
pub fn open_regular(path: &Path) -> Result<std::fs::File, ScenarioError> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(ScenarioError::CannotRead)?;
    let metadata = file.metadata().map_err(ScenarioError::CannotRead)?;
    if metadata.is_dir() {
        return Err(ScenarioError::Folder);
    }
    if !metadata.is_file() {
        return Err(ScenarioError::NotRegular);
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_fifos_are_refused_by_type_without_blocking() {
        assert_eq!(
            read_capped(Path::new("/dev/zero"), 1024)
                .unwrap_err()
                .to_string(),
            "this is not a regular file (a pipe, device or socket); give a file"
        );
        // Opening a FIFO for reading waits for a writer: refused before it is opened.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("f.ron");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_capped(&fifo, 1024),
            Err(ScenarioError::NotRegular)
        ));
        assert!(matches!(
            open_regular(&fifo),
            Err(ScenarioError::NotRegular)
        ));
    }
}
