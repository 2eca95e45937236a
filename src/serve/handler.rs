//! One SSH connection: the class code as its password, a terminal and a shell as the only
//! things it may ask for, and its bytes passed, within limits, to the student's console.

use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use ratatui::crossterm::event::Event;
use ratatui::layout::Size;
use russh::server::{Auth, Handler, Msg, Response, Session};
use russh::{Channel, ChannelId, ChannelOpenFailure, MethodKind, MethodSet};

use super::input::InputParser;
use super::player::{self, Join, Seat};
use super::terminal::capped;
use super::{Class, Slot};
use crate::session::player_name;

/// One client's connection, from its first byte to its last.
pub struct Connection {
    class: Arc<Class>,
    peer: String,
    /// The user name the client gave with the right class code.
    user: Option<String>,
    /// The player's name: the user name cleaned, then (once seated) as the class knows it.
    name: Option<String>,
    wrong_codes: u32,
    channel: Option<ChannelId>,
    /// The terminal the client asked for: its TERM and size.
    pty: Option<(String, Size)>,
    seat: Option<Seat>,
    parser: InputParser,
    bucket: Bucket,
    /// Set once the class code was accepted: the server stops counting the login time.
    logged_in: Arc<AtomicBool>,
    _slot: Slot,
}

impl Connection {
    pub fn new(class: Arc<Class>, peer: Option<SocketAddr>, slot: Slot) -> Connection {
        let bucket = Bucket::new(class.limits.input_burst, class.limits.input_rate);
        Connection {
            class,
            peer: peer.map_or_else(|| "an unknown address".to_owned(), |p| p.to_string()),
            user: None,
            name: None,
            wrong_codes: 0,
            channel: None,
            pty: None,
            seat: None,
            parser: InputParser::new(),
            bucket,
            logged_in: Arc::new(AtomicBool::new(false)),
            _slot: slot,
        }
    }

    /// Whether the class code was accepted, for the server's login timer.
    pub fn logged_in(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.logged_in)
    }

    /// Who this is, for the log: the name once known, and always the address.
    fn who(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.peer),
            None => self.peer.clone(),
        }
    }

    /// Checks a typed class code. The third wrong one ends the connection after a delay.
    async fn check(&mut self, user: &str, typed: &str) -> Result<Auth, russh::Error> {
        if self.class.code.accepts(typed) {
            self.user = Some(user.to_owned());
            self.name = Some(player_name(user));
            return Ok(Auth::Accept);
        }
        self.wrong_codes += 1;
        let limit = self.class.limits.wrong_codes;
        self.class.log.write(&format!(
            "wrong class code from {} as {} ({} of {limit})",
            self.peer,
            player_name(user),
            self.wrong_codes
        ));
        if self.wrong_codes >= limit {
            tokio::time::sleep(self.class.limits.wrong_code_delay).await;
            self.class.log.write(&format!(
                "refused {}: a wrong class code {limit} times",
                self.peer
            ));
            return Err(russh::Error::Disconnect);
        }
        Ok(Auth::reject())
    }

    /// Refuses a request for anything but the console, telling the client why.
    fn refuse(
        &self,
        channel: ChannelId,
        session: &mut Session,
        what: &str,
    ) -> Result<(), russh::Error> {
        self.class
            .log
            .write(&format!("refused {what} from {}", self.who()));
        let text = format!(
            "redcode serves only its console: {what} is refused.\r\nTo play, connect without a command: {}\r\n",
            self.class.join_hint()
        );
        // The request is answered, then ended at once with the reason and a failing exit
        // status: OpenSSH shows nothing the server says on a channel whose request failed,
        // so a plain failure would leave the student with no reason.
        session.channel_success(channel)?;
        session.extended_data(channel, 1, text.into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    /// Tells the client something on its terminal and closes the channel.
    fn say_and_close(
        &self,
        channel: ChannelId,
        session: &mut Session,
        text: &str,
    ) -> Result<(), russh::Error> {
        session.data(channel, format!("{text}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    /// Puts the student on the roster: their name, their team and the variant they play,
    /// or what they are told when they cannot join.
    fn place(&self, user: &str) -> Result<(String, Option<String>, u64), String> {
        let class = &self.class;
        let mut roster = class.roster_mut();
        let (name, team, seed) = match class.teams() {
            None => (player_name(user), None, class.world.seed),
            Some(teams) => {
                let formed = |team: &str| roster.has_team(team);
                let placed = teams
                    .place(user, class.world.seed, formed, roster.teams().len())
                    .map_err(|refusal| refusal.message(class.join_hint()))?;
                (placed.name, Some(placed.team), placed.seed)
            }
        };
        roster
            .join_team(&name, team.as_deref(), Some(seed))
            .map_err(|refusal| refusal.message().to_owned())?;
        Ok((name, team, seed))
    }

    /// Seats the student at a console of their own.
    fn seat(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), russh::Error> {
        let Some(user) = self.user.clone() else {
            return Err(russh::Error::NotAuthenticated);
        };
        let Some((term, size)) = self.pty.clone() else {
            self.class
                .log
                .write(&format!("refused {}: no terminal", self.who()));
            return self.say_and_close(
                channel,
                session,
                &format!(
                    "The class console needs a terminal: connect with {}",
                    self.class.join_hint()
                ),
            );
        };
        let (name, team, seed) = match self.place(&user) {
            Ok(placed) => placed,
            Err(refusal) => {
                self.class
                    .log
                    .write(&format!("refused {}: {refusal}", self.who()));
                return self.say_and_close(channel, session, &refusal);
            }
        };
        self.name = Some(name.clone());
        let join = Join {
            name: name.clone(),
            team: team.clone(),
            seed,
            term,
            size,
            handle: session.handle(),
            channel,
            runtime: tokio::runtime::Handle::current(),
        };
        match player::spawn(Arc::clone(&self.class), join) {
            Ok(seat) => {
                let team = team.map_or_else(String::new, |t| format!(" in team {t} (seed {seed})"));
                self.class
                    .log
                    .write(&format!("joined {}{team}", self.who()));
                self.seat = Some(seat);
                Ok(())
            }
            Err(e) => {
                self.class.roster_mut().leave(&name);
                self.class
                    .log
                    .write(&format!("no console for {}: {e}", self.who()));
                self.say_and_close(
                    channel,
                    session,
                    "The server could not start your console; try again.",
                )
            }
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        if let Some(seat) = &self.seat {
            seat.stop.store(true, Ordering::Relaxed);
        }
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        self.check(user, password).await
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(mut response) = response else {
            return Ok(Auth::Partial {
                name: Cow::Borrowed("redcode class"),
                instructions: Cow::Borrowed("Type the class code your facilitator gave you."),
                prompts: Cow::Owned(vec![(Cow::Borrowed("Class code: "), false)]),
            });
        };
        let typed = response
            .next()
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        self.check(user, &typed).await
    }

    async fn auth_succeeded(&mut self, _: &mut Session) -> Result<(), Self::Error> {
        self.logged_in.store(true, Ordering::Release);
        self.class
            .log
            .write(&format!("class code accepted from {}", self.who()));
        Ok(())
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            self.class
                .log
                .write(&format!("refused a second channel from {}", self.who()));
            reply
                .reject(ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        }
        // The channel's own message queue is not read: its requests come to this handler.
        self.channel = Some(channel.id());
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _: Channel<Msg>,
        host: &str,
        port: u32,
        _: &str,
        _: u32,
        reply: russh::server::ChannelOpenHandle,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        self.class.log.write(&format!(
            "refused port forwarding to {host}:{port} from {}",
            self.who()
        ));
        reply
            .reject(ChannelOpenFailure::AdministrativelyProhibited)
            .await;
        Ok(())
    }

    async fn tcpip_forward(
        &mut self,
        address: &str,
        port: &mut u32,
        _: &mut Session,
    ) -> Result<bool, Self::Error> {
        self.class.log.write(&format!(
            "refused remote forwarding of {address}:{port} from {}",
            self.who()
        ));
        Ok(false)
    }

    async fn agent_request(&mut self, _: ChannelId, _: &mut Session) -> Result<bool, Self::Error> {
        self.class
            .log
            .write(&format!("refused agent forwarding from {}", self.who()));
        Ok(false)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _: bool,
        _: &str,
        _: &str,
        _: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.class
            .log
            .write(&format!("refused X11 forwarding from {}", self.who()));
        session.channel_failure(channel)
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        width: u32,
        height: u32,
        _: u32,
        _: u32,
        _: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let term: String = crate::scenario::text::clean_line(term)
            .chars()
            .take(64)
            .collect();
        self.pty = Some((term, capped(width, height)));
        session.channel_success(channel)
    }

    async fn shell_request(
        &mut self,
        channel: ChannelId,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.seat.is_some() || self.channel != Some(channel) {
            return session.channel_failure(channel);
        }
        session.channel_success(channel)?;
        self.seat(channel, session)
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.refuse(channel, session, "running a command")
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let what = if name == "sftp" {
            "file transfer (sftp)".to_owned()
        } else {
            format!("the subsystem {}", player_name(name))
        };
        self.refuse(channel, session, &what)
    }

    async fn data(
        &mut self,
        _: ChannelId,
        data: &[u8],
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(seat) = &self.seat else {
            return Ok(());
        };
        let data = &data[..data.len().min(self.class.limits.max_read)];
        let allowed = self.bucket.take(data.len(), Instant::now());
        for event in self.parser.feed(&data[..allowed]) {
            // A console that has not caught up drops what floods in, rather than queue it.
            let _ = seat.events.try_send(event);
        }
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _: ChannelId,
        width: u32,
        height: u32,
        _: u32,
        _: u32,
        _: &mut Session,
    ) -> Result<(), Self::Error> {
        let size = capped(width, height);
        if let Some((_, pty)) = &mut self.pty {
            *pty = size;
        }
        if let Some(seat) = &self.seat {
            *seat.size.lock().unwrap_or_else(|e| e.into_inner()) = size;
            let _ = seat.events.try_send(Event::Resize(size.width, size.height));
        }
        Ok(())
    }

    async fn channel_close(&mut self, _: ChannelId, _: &mut Session) -> Result<(), Self::Error> {
        if let Some(seat) = &self.seat {
            seat.stop.store(true, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// The authentication methods offered: the class code, typed at a prompt or as a password.
pub fn methods() -> MethodSet {
    let mut methods = MethodSet::empty();
    methods.push(MethodKind::KeyboardInteractive);
    methods.push(MethodKind::Password);
    methods
}

/// A budget of input bytes: `burst` at once, refilled at `rate` a second. A client that
/// floods gets its excess dropped, and the other students' consoles never wait for it.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    burst: f64,
    rate: f64,
    last: Option<Instant>,
}

impl Bucket {
    fn new(burst: u32, rate: u32) -> Bucket {
        Bucket {
            tokens: f64::from(burst),
            burst: f64::from(burst),
            rate: f64::from(rate),
            last: None,
        }
    }

    /// How many of `wanted` bytes may pass at `now`.
    fn take(&mut self, wanted: usize, now: Instant) -> usize {
        if let Some(last) = self.last {
            let refill = now.saturating_duration_since(last).as_secs_f64() * self.rate;
            self.tokens = (self.tokens + refill).min(self.burst);
        }
        self.last = Some(now);
        let allowed = (wanted as f64).min(self.tokens.floor());
        self.tokens -= allowed;
        allowed as usize
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_flood_is_cut_to_the_budget_which_refills_with_time() {
        let mut bucket = Bucket::new(100, 50);
        let t0 = Instant::now();
        assert_eq!(bucket.take(80, t0), 80);
        assert_eq!(bucket.take(80, t0), 20);
        assert_eq!(bucket.take(80, t0), 0);
        assert_eq!(bucket.take(80, t0 + Duration::from_secs(1)), 50);
        assert_eq!(bucket.take(500, t0 + Duration::from_secs(60)), 100);
    }
}
