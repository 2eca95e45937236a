//! An SSH client made with russh's client API, for the tests and the load bench: a student
//! who joins with a terminal and plays by keystrokes, and the misbehaving clients a class
//! must survive. It depends on nothing else in `common`, so a bench can include it alone.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::client::{self, Handle, Msg};
use russh::keys::PublicKeyOrCertificate;
use russh::{Channel, ChannelMsg};

/// Accepts whatever host key the class server shows: the tests make a new one each time.
pub struct Trusting;

impl client::Handler for Trusting {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// An SSH connection, before any channel.
pub type Connection = Handle<Trusting>;

/// Connects and exchanges keys, not yet logged in.
pub async fn connect(addr: SocketAddr) -> Result<Connection, russh::Error> {
    let config = Arc::new(client::Config {
        // Fail fast rather than hang a test when the server goes quiet.
        inactivity_timeout: Some(Duration::from_secs(120)),
        // Room for a whole large frame's packets while a key is being sent: with russh's
        // default of 100 the client's own loop waits for the reader, who waits for the send.
        channel_buffer_size: 10_000,
        ..client::Config::default()
    });
    client::connect(config, addr, Trusting).await
}

/// Connects and gives `code` as the password of `user`; `Ok(true)` when accepted.
pub async fn login(addr: SocketAddr, user: &str, code: &str) -> Result<Connection, String> {
    let mut connection = connect(addr).await.map_err(|e| format!("connect: {e}"))?;
    let result = connection
        .authenticate_password(user, code)
        .await
        .map_err(|e| format!("authenticate: {e}"))?;
    if result.success() {
        Ok(connection)
    } else {
        Err(format!("the code was refused: {result:?}"))
    }
}

/// Text as a terminal would show it, roughly: the escape sequences taken out.
pub fn plain(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        // CSI: ESC [ parameters, then one final byte in @..~.
        if chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            chars.next();
        }
    }
    out
}

/// A student at a terminal: a session channel with a pty and the console on it.
pub struct Student {
    pub connection: Connection,
    pub channel: Channel<Msg>,
    /// Everything the server sent on the channel so far.
    pub seen: Vec<u8>,
    /// The same as text, escape sequences taken out (chunk by chunk, so it stays cheap).
    pub text: String,
    /// Whether the server closed the channel.
    pub closed: bool,
}

impl Student {
    /// Logs in as `user`, asks for a `width`×`height` terminal and the console, and waits
    /// for the first frame (the briefing).
    pub async fn join(
        addr: SocketAddr,
        user: &str,
        code: &str,
        (width, height): (u32, u32),
    ) -> Result<Student, String> {
        // Every step bounded: a server that stops answering fails the step, not the wait.
        let step = Duration::from_secs(30);
        let bounded = |what: &'static str| move |_| format!("{what}: no answer in {step:?}");
        let connection = tokio::time::timeout(step, login(addr, user, code))
            .await
            .map_err(bounded("log in"))??;
        let channel = tokio::time::timeout(step, connection.channel_open_session())
            .await
            .map_err(bounded("open a session"))?
            .map_err(|e| format!("open a session: {e}"))?;
        tokio::time::timeout(
            step,
            channel.request_pty(false, "xterm-256color", width, height, 0, 0, &[]),
        )
        .await
        .map_err(bounded("pty"))?
        .map_err(|e| format!("pty: {e}"))?;
        tokio::time::timeout(step, channel.request_shell(true))
            .await
            .map_err(bounded("shell"))?
            .map_err(|e| format!("shell: {e}"))?;
        let mut student = Student {
            connection,
            channel,
            seen: Vec::new(),
            text: String::new(),
            closed: false,
        };
        student
            .wait_for("Briefing", Duration::from_secs(60))
            .await
            .map_err(|screen| format!("no first frame for {user}: {screen}"))?;
        Ok(student)
    }

    /// Reads until the text received holds `needle`: `Err` with the text when the time is
    /// up or the channel closed first.
    pub async fn wait_for(&mut self, needle: &str, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        loop {
            if self.text.contains(needle) {
                return Ok(());
            }
            if self.closed || !self.read_until(deadline).await {
                return Err(self.text.clone());
            }
        }
    }

    /// Reads one message that carries data before `deadline`; `false` when none came.
    async fn read_until(&mut self, deadline: Instant) -> bool {
        loop {
            // A server that never stops sending must not keep the reader past its deadline.
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            match tokio::time::timeout(left, self.channel.wait()).await {
                Err(_) => return false,
                Ok(None) | Ok(Some(ChannelMsg::Close)) => {
                    self.closed = true;
                    return false;
                }
                Ok(Some(ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. })) => {
                    self.seen.extend_from_slice(&data);
                    self.text.push_str(&plain(&data));
                    return true;
                }
                Ok(Some(_)) => continue,
            }
        }
    }

    /// Reads whatever comes until nothing has come for `quiet`.
    pub async fn settle(&mut self, quiet: Duration) {
        while !self.closed && self.read_until(Instant::now() + quiet).await {}
    }

    /// Sends a keystroke and waits for the first bytes of the frame it draws: the time
    /// from the key leaving to the frame arriving, or `None` if none came within `limit`.
    pub async fn keystroke(&mut self, key: &[u8], limit: Duration) -> Option<Duration> {
        let sent = Instant::now();
        tokio::time::timeout(limit, self.channel.data(key))
            .await
            .ok()?
            .ok()?;
        self.read_until(sent + limit).await.then(|| sent.elapsed())
    }

    /// Sends a keystroke and waits until the frame it draws shows `needle`: the time from
    /// the key leaving to that frame arriving, or `None` if it did not within `limit`.
    /// Whatever was waiting beforehand is read first, so an earlier frame is not counted.
    pub async fn keystroke_showing(
        &mut self,
        key: &[u8],
        needle: &str,
        limit: Duration,
    ) -> Option<Duration> {
        self.settle(Duration::from_millis(2)).await;
        let from = self.text.len();
        let sent = Instant::now();
        tokio::time::timeout(limit, self.channel.data(key))
            .await
            .ok()?
            .ok()?;
        while !self.text[from..].contains(needle) {
            if self.closed || !self.read_until(sent + limit).await {
                return None;
            }
        }
        Some(sent.elapsed())
    }

    /// Proves the student still plays: switches between two screens (so every key changes
    /// the frame) and waits for each frame. `Err` says what went wrong.
    pub async fn still_plays(&mut self) -> Result<(), String> {
        self.settle(Duration::from_millis(200)).await;
        for key in [b"2", b"3", b"2"] {
            let took = self.keystroke(key, Duration::from_secs(20)).await;
            if took.is_none() {
                return Err(format!(
                    "no frame within 20 s after the key {:?} (closed: {})",
                    String::from_utf8_lossy(key),
                    self.closed
                ));
            }
            self.settle(Duration::from_millis(100)).await;
        }
        Ok(())
    }
}
