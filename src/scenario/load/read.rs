//! Reading a file's bytes, refusing folders and anything over the size cap.

use std::io::Read;
use std::path::Path;

use crate::scenario::ScenarioError;

/// Reads at most `cap` bytes of a file, refusing anything larger or not a regular file.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ScenarioError> {
    let metadata = std::fs::metadata(path).map_err(ScenarioError::CannotRead)?;
    if metadata.is_dir() {
        return Err(ScenarioError::Folder);
    }
    if metadata.len() > cap {
        return Err(ScenarioError::TooBig {
            len: metadata.len(),
            cap,
        });
    }
    let file = std::fs::File::open(path).map_err(ScenarioError::CannotRead)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_that_never_ends_is_refused_at_the_cap() {
        let zero = Path::new("/dev/zero");
        if zero.exists() {
            assert_eq!(
                read_capped(zero, 1024).unwrap_err().to_string(),
                "the file is over the limit of 1024 bytes"
            );
        }
    }
}
