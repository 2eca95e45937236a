//! The real terminal: raw mode and the alternate screen in, and always back out — on quit,
//! on panic, and on SIGTERM or SIGHUP.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use signal_hook::iterator::Signals;

/// Set when SIGTERM or SIGHUP arrives; the event loop checks it and leaves cleanly.
#[derive(Debug, Clone)]
pub struct StopSignal(Arc<AtomicBool>);

/// The signals that stop the console (SIGINT arrives as ctrl+c in raw mode, but may still
/// be sent).
const STOP_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// How long the event loop has, after a stop signal, to leave on its own before the
/// process leaves without it.
const GRACE: Duration = Duration::from_secs(2);

impl StopSignal {
    /// Registers for SIGTERM, SIGHUP and SIGINT.
    ///
    /// The loop sees the flag between events. But when the terminal hangs up, reads on it
    /// return end-of-file at once, forever, and the terminal library's event reader spins
    /// on them without returning to the loop. So a watchdog waits for the same signals
    /// and, if the process is still here after a grace period, restores what it can and
    /// exits.
    pub fn register() -> io::Result<StopSignal> {
        let flag = Arc::new(AtomicBool::new(false));
        for signal in STOP_SIGNALS {
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
        }
        let mut signals = Signals::new(STOP_SIGNALS)?;
        thread::Builder::new()
            .name("stop-watchdog".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    thread::sleep(GRACE);
                    leave();
                    std::process::exit(128 + signal);
                }
            })?;
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
