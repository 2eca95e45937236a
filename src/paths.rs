//! Where redcode keeps its files: the user's data directory (XDG on Linux).

use std::path::PathBuf;

/// `$XDG_DATA_HOME/redcode`, or `~/.local/share/redcode`, or `./.redcode` as a last resort.
pub fn data_dir() -> PathBuf {
    data_dir_from(std::env::var_os("XDG_DATA_HOME"), std::env::var_os("HOME"))
}

fn data_dir_from(xdg: Option<std::ffi::OsString>, home: Option<std::ffi::OsString>) -> PathBuf {
    match (
        xdg.filter(|x| !x.is_empty()),
        home.filter(|h| !h.is_empty()),
    ) {
        (Some(xdg), _) => PathBuf::from(xdg).join("redcode"),
        (None, Some(home)) => PathBuf::from(home).join(".local/share/redcode"),
        (None, None) => PathBuf::from(".redcode"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_xdg_then_home() {
        assert_eq!(
            data_dir_from(Some("/x".into()), Some("/h".into())),
            PathBuf::from("/x/redcode")
        );
        assert_eq!(
            data_dir_from(Some("".into()), Some("/h".into())),
            PathBuf::from("/h/.local/share/redcode")
        );
        assert_eq!(data_dir_from(None, None), PathBuf::from(".redcode"));
    }
}
