//! The SSH server for a class (russh): connections, the class code, limits and the log.
//! Each connection is a terminal a student's console draws to; no game logic lives here.

pub mod control;
pub mod handler;
pub mod hostkey;
pub mod injects;
pub mod input;
pub mod log;
pub mod player;
pub mod terminal;

use std::collections::HashMap;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use russh::server::Config;
use tokio::sync::watch;

use crate::class::{ClassCode, Exercise, Plan, Roster, Teams};
use crate::engine::World;

pub use log::EventLog;

/// What one client may take of the server.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Connections open at once, students and strangers alike.
    pub max_connections: usize,
    /// How long a connection may take to give the class code: a client that connects and
    /// says nothing must not hold a place for long.
    pub login: Duration,
    /// A console with no key pressed for this long is closed (its game is kept).
    pub idle: Duration,
    /// How long a frame may wait for a client that reads nothing.
    pub output_timeout: Duration,
    /// Bytes taken from one read; the rest is dropped.
    pub max_read: usize,
    /// Input bytes a second once the burst is spent.
    pub input_rate: u32,
    pub input_burst: u32,
    /// Teams that may form when the class accepts any team name: each costs a world.
    pub max_teams: usize,
    /// Wrong class codes before the connection is closed.
    pub wrong_codes: u32,
    /// The wait after each wrong code.
    pub wrong_code_delay: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_connections: 200,
            login: Duration::from_secs(60),
            idle: Duration::from_secs(45 * 60),
            output_timeout: Duration::from_secs(20),
            max_read: 4096,
            input_rate: 2048,
            input_burst: 8192,
            max_teams: 40,
            wrong_codes: 3,
            wrong_code_delay: Duration::from_secs(1),
        }
    }
}

/// Builds the world of one variant (seed) of the class's scenario.
pub type WorldBuilder = Box<dyn Fn(u64) -> Result<World, String> + Send + Sync>;

/// One variant's world: built once, by the first student to need it, while the others
/// who need it wait and everyone else plays on.
type WorldCell = Arc<OnceLock<Result<Arc<World>, String>>>;

/// A class being served: the world students play (or one per team), the code, the folder
/// their journals go to, the roster and the log.
pub struct Class {
    /// The class's own world, shared read-only by every student's console (never copied
    /// per student); in team play, the variant of the class's seed.
    pub world: Arc<World>,
    /// The scenario as named on the command line (a built-in id or a path), for journals.
    pub scenario: String,
    pub code: ClassCode,
    pub dir: PathBuf,
    pub limits: Limits,
    pub log: EventLog,
    roster: Mutex<Roster>,
    /// Team play, when the class plays in teams.
    teams: Option<Teams>,
    build: Option<WorldBuilder>,
    /// The worlds built so far, by seed; each shared by all who play it.
    worlds: Mutex<HashMap<u64, WorldCell>>,
    join_hint: OnceLock<String>,
    stop: AtomicBool,
    connections: AtomicUsize,
    seats: AtomicUsize,
    /// When the class opened: class time, which the pure class state is told, counts from it.
    opened: Instant,
    /// The phases, the timer, the pause and the message (see `control`).
    exercise: Mutex<Exercise>,
    /// The injects released so far, in the order they were.
    released: Mutex<Vec<crate::class::Released>>,
    /// Injects go out by themselves at their planned minute (else only by hand).
    injects_on_schedule: AtomicBool,
}

impl Class {
    pub fn new(
        world: Arc<World>,
        scenario: String,
        code: ClassCode,
        dir: PathBuf,
        limits: Limits,
        log: EventLog,
    ) -> Class {
        let own: WorldCell = Arc::new(OnceLock::from(Ok(Arc::clone(&world))));
        Class {
            worlds: Mutex::new(HashMap::from([(world.seed, own)])),
            teams: None,
            build: None,
            world,
            scenario,
            code,
            dir,
            limits,
            log,
            roster: Mutex::new(Roster::new()),
            join_hint: OnceLock::new(),
            stop: AtomicBool::new(false),
            connections: AtomicUsize::new(0),
            seats: AtomicUsize::new(0),
            opened: Instant::now(),
            exercise: Mutex::new(Exercise::new(Plan::default())),
            released: Mutex::new(Vec::new()),
            injects_on_schedule: AtomicBool::new(false),
        }
    }

    /// The class plays in teams, each team's world made by `build` from its seed.
    pub fn with_teams(mut self, teams: Teams, build: WorldBuilder) -> Class {
        self.teams = Some(teams);
        self.build = Some(build);
        self
    }

    /// How the class plays in teams, if it does.
    pub fn teams(&self) -> Option<&Teams> {
        self.teams.as_ref()
    }

    /// Whether the world of `seed` is built already (and a student need not wait).
    pub fn world_ready(&self, seed: u64) -> bool {
        let worlds = self.worlds.lock().unwrap_or_else(|e| e.into_inner());
        worlds.get(&seed).is_some_and(|cell| cell.get().is_some())
    }

    /// The world of the variant `seed`: the one already built, or built now, once, on the
    /// calling thread (a student's console's own); other students of the same variant wait
    /// for it, and the rest of the class is not held up.
    pub fn world_for(&self, seed: u64) -> Result<Arc<World>, String> {
        let cell = {
            let mut worlds = self.worlds.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(worlds.entry(seed).or_default())
        };
        cell.get_or_init(|| {
            let build = self
                .build
                .as_ref()
                .ok_or_else(|| format!("this class plays seed {} only", self.world.seed))?;
            let started = Instant::now();
            let world = build(seed).map(Arc::new);
            match &world {
                Ok(_) => self.log.write(&format!(
                    "built the world of seed {seed} in {} ms",
                    started.elapsed().as_millis()
                )),
                Err(e) => self
                    .log
                    .write(&format!("cannot build the world of seed {seed}: {e}")),
            }
            world
        })
        .clone()
    }

    /// How many worlds are built or being built.
    pub fn worlds(&self) -> usize {
        self.worlds.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// The roster, for a moment (a poisoned lock still holds a good roster).
    pub fn roster_mut(&self) -> MutexGuard<'_, Roster> {
        self.roster.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the roster, for drawing.
    pub fn roster(&self) -> Roster {
        self.roster_mut().clone()
    }

    /// Whether the class is ending: every console stops and closes its journal.
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// How students join, e.g. `ssh -p 2222 NAME@HOST` (`TEAM/NAME@HOST` in team play).
    pub fn join_hint(&self) -> &str {
        self.join_hint
            .get()
            .map_or("ssh -p PORT NAME@HOST", String::as_str)
    }

    /// Connections open now.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }
}

/// A place among the connections a class allows; given back when dropped.
pub struct Slot(Arc<Class>);

impl Slot {
    fn take(class: &Arc<Class>) -> Option<Slot> {
        let max = class.limits.max_connections;
        class
            .connections
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Slot(Arc::clone(class)))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A console running: counted, so the server waits for journals to close before it stops.
pub(crate) struct SeatCount(Arc<Class>);

impl SeatCount {
    pub(crate) fn new(class: &Arc<Class>) -> SeatCount {
        class.seats.fetch_add(1, Ordering::AcqRel);
        SeatCount(Arc::clone(class))
    }
}

impl Drop for SeatCount {
    fn drop(&mut self) {
        self.0.seats.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The server, running on threads of its own until [`Server::stop`].
pub struct Server {
    pub addr: SocketAddr,
    class: Arc<Class>,
    shutdown: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

/// How long a stopping server waits for consoles to close their journals.
const STOP_WAIT: Duration = Duration::from_secs(5);

impl Server {
    /// The class it serves.
    pub fn class(&self) -> &Arc<Class> {
        &self.class
    }

    /// Ends the class: every console stops and closes its journal, every student is told,
    /// then the server closes.
    pub fn stop(mut self) {
        self.class.stop.store(true, Ordering::Relaxed);
        let deadline = Instant::now() + STOP_WAIT;
        while self.class.seats.load(Ordering::Acquire) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        self.class.log.write("class stopped");
    }
}

/// Opens the server on `bind` and serves the class until stopped. The address is taken
/// at once, so a port in use is an error here, not later.
pub fn start(class: Arc<Class>, bind: SocketAddr, host_key: PrivateKey) -> io::Result<Server> {
    let listener = TcpListener::bind(bind)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let _ = class.join_hint.set(format!(
        "ssh -p {} {}@HOST",
        addr.port(),
        user_form(class.teams.is_some())
    ));
    let config = Arc::new(config(&class.limits, host_key));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("class-server")
        .enable_all()
        .build()?;
    let (shutdown, shutdown_rx) = watch::channel(false);
    let serving = Arc::clone(&class);
    let thread = std::thread::Builder::new()
        .name("class-accept".to_owned())
        .spawn(move || {
            runtime.block_on(accept_loop(serving, listener, config, shutdown_rx));
            runtime.shutdown_timeout(Duration::from_secs(1));
        })?;
    control::start_timer(&class)?;
    class.log.write(&format!("class open on {addr}"));
    Ok(Server {
        addr,
        class,
        shutdown,
        thread: Some(thread),
    })
}

/// What a student types before `@HOST`: their name, or their team and name.
pub fn user_form(teams: bool) -> &'static str {
    if teams { "TEAM/NAME" } else { "NAME" }
}

fn config(limits: &Limits, host_key: PrivateKey) -> Config {
    Config {
        methods: handler::methods(),
        auth_rejection_time: limits.wrong_code_delay,
        // OpenSSH first asks which methods there are: no reason to make it wait.
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![host_key],
        max_auth_attempts: limits.wrong_codes as usize + 2,
        inactivity_timeout: Some(limits.idle + Duration::from_secs(60)),
        keepalive_interval: Some(Duration::from_secs(30)),
        keepalive_max: 3,
        nodelay: true,
        ..Config::default()
    }
}

async fn accept_loop(
    class: Arc<Class>,
    listener: TcpListener,
    config: Arc<Config>,
    mut shutdown: watch::Receiver<bool>,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(listener) => listener,
        Err(e) => {
            class.log.write(&format!("cannot listen: {e}"));
            return;
        }
    };
    loop {
        tokio::select! {
            _ = shutdown.changed() => return,
            accepted = listener.accept() => match accepted {
                Ok((socket, peer)) => admit(&class, socket, peer, &config, shutdown.clone()),
                Err(e) => {
                    // Out of file descriptors, say: wait rather than spin.
                    class.log.write(&format!("cannot accept a connection: {e}"));
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            },
        }
    }
}

/// Serves one connection, or refuses it when the class has as many as it allows.
fn admit(
    class: &Arc<Class>,
    socket: tokio::net::TcpStream,
    peer: SocketAddr,
    config: &Arc<Config>,
    mut shutdown: watch::Receiver<bool>,
) {
    let Some(slot) = Slot::take(class) else {
        class.log.write(&format!(
            "refused {peer}: the class has {} connections already",
            class.limits.max_connections
        ));
        return;
    };
    let handler = handler::Connection::new(Arc::clone(class), Some(peer), slot);
    let logged_in = handler.logged_in();
    let login = class.limits.login;
    let config = Arc::clone(config);
    let class = Arc::clone(class);
    tokio::spawn(async move {
        // Bounded too: a client that opens a connection and never finishes the handshake.
        let started =
            tokio::time::timeout(login, russh::server::run_stream(config, socket, handler));
        let session = match started.await {
            Ok(Ok(session)) => session,
            Ok(Err(e)) => {
                class
                    .log
                    .write(&format!("connection from {peer} failed: {e}"));
                return;
            }
            Err(_) => {
                class.log.write(&format!(
                    "closed {peer}: no handshake in {} s",
                    login.as_secs()
                ));
                return;
            }
        };
        let handle = session.handle();
        let late = async {
            tokio::time::sleep(login).await;
            if logged_in.load(Ordering::Acquire) {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            _ = session => {}
            _ = shutdown.changed() => {
                let _ = handle
                    .disconnect(russh::Disconnect::ByApplication, "The class has ended.".into(), String::new())
                    .await;
            }
            () = late => {
                class.log.write(&format!("closed {peer}: no class code in {} s", login.as_secs()));
                let _ = handle
                    .disconnect(russh::Disconnect::ByApplication, "No class code was given in time.".into(), String::new())
                    .await;
            }
        }
    });
}
