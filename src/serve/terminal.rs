//! A student's terminal at the far end of an SSH channel: a ratatui backend whose bytes go
//! to the channel and whose size is the one the client last reported, never the server's.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use russh::ChannelId;
use russh::server::Handle;

/// The largest terminal drawn for: a frame's bytes (the output kept per student) stay
/// bounded whatever size a client claims.
pub const MAX_WIDTH: u16 = 400;
pub const MAX_HEIGHT: u16 = 150;

/// A terminal size a client reported, capped, and at least one cell each way.
pub fn capped(width: u32, height: u32) -> Size {
    let clamp = |v: u32, max: u16| u16::try_from(v).unwrap_or(u16::MAX).clamp(1, max);
    Size::new(clamp(width, MAX_WIDTH), clamp(height, MAX_HEIGHT))
}

/// The client's terminal size, shared between the connection (which hears of resizes)
/// and the console (which draws to it).
pub type SharedSize = Arc<Mutex<Size>>;

/// Bytes for one channel (a frame, or the sequences that enter and leave the screen): gathered while a frame is drawn, sent when it is flushed.
pub struct ChannelWriter {
    handle: Handle,
    channel: ChannelId,
    runtime: tokio::runtime::Handle,
    pending: Vec<u8>,
    /// How long a frame may wait for the client to take it; a client that reads nothing
    /// must not hold its console forever.
    timeout: Duration,
}

impl ChannelWriter {
    pub fn new(
        handle: Handle,
        channel: ChannelId,
        runtime: tokio::runtime::Handle,
        timeout: Duration,
    ) -> ChannelWriter {
        ChannelWriter {
            handle,
            channel,
            runtime,
            pending: Vec::new(),
            timeout,
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Sends what was gathered, waiting while the client's window is full (so one slow
    /// client slows only its own console) but no longer than the timeout.
    fn flush(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.pending);
        let send = self.handle.data(self.channel, bytes);
        match self
            .runtime
            .block_on(async { tokio::time::timeout(self.timeout, send).await })
        {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the connection is closed",
            )),
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading",
            )),
        }
    }
}

/// The crossterm backend over a channel, with the size the client reported.
pub struct ChannelBackend {
    inner: CrosstermBackend<ChannelWriter>,
    size: SharedSize,
    cursor: Position,
}

impl ChannelBackend {
    pub fn new(writer: ChannelWriter, size: SharedSize) -> ChannelBackend {
        ChannelBackend {
            inner: CrosstermBackend::new(writer),
            size,
            cursor: Position::ORIGIN,
        }
    }
}

impl Backend for ChannelBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    /// Never fails: the terminal shows the cursor again as it is dropped, and a closed
    /// connection has no cursor worth an error message on the facilitator's screen.
    fn show_cursor(&mut self) -> io::Result<()> {
        let _ = self.inner.show_cursor();
        Ok(())
    }

    /// Where the cursor was last put: asking the far terminal would mean reading its
    /// answer from the input stream.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.cursor = position.into();
        self.inner.set_cursor_position(self.cursor)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(*self.size.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.size()?,
            pixels: Size::default(),
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_capped_and_never_empty() {
        assert_eq!(capped(80, 24), Size::new(80, 24));
        assert_eq!(capped(0, 0), Size::new(1, 1));
        assert_eq!(capped(u32::MAX, 100_000), Size::new(MAX_WIDTH, MAX_HEIGHT));
    }
}
