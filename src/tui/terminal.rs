//! The real terminal: raw mode and the alternate screen in, and always back out — on quit,
//! on panic, and on SIGTERM or SIGHUP.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

/// Set when SIGTERM or SIGHUP arrives; the event loop checks it and leaves cleanly.
#[derive(Debug, Clone)]
pub struct StopSignal(Arc<AtomicBool>);

impl StopSignal {
    /// Registers for SIGTERM and SIGHUP (SIGINT arrives as ctrl+c in raw mode).
    pub fn register() -> io::Result<StopSignal> {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
        }
        Ok(StopSignal(flag))
    }

    pub fn raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Enters the console's terminal mode and installs a panic hook that leaves it first.
pub fn enter() -> io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    execute!(io::stdout(), EnableMouseCapture)?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
    Ok(terminal)
}

/// Leaves the console's terminal mode. Safe to call more than once.
pub fn leave() {
    let _ = execute!(io::stdout(), DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = io::stdout().flush();
}
