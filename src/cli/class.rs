//! `redcode class`: serve a scenario to a class over SSH, with the facilitator's console in
//! this terminal and every student's game journaled in the class folder.

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use rand::SeedableRng;
use rand::rngs::SysRng;
use rand_chacha::ChaCha8Rng;

use super::CliError;
use crate::class::team::team_key;
use crate::class::{ClassCode, Plan, Teams, generate_code};
use crate::paths::data_dir;
use crate::scenario::builtin;
use crate::scenario::text::clean_line;
use crate::serve::{self, Class, EventLog, Limits, WorldBuilder};
use crate::tui::facilitator::{self, ClassView};
use crate::tui::theme::Theme;

/// Options of `class`.
#[derive(Debug, Clone)]
pub struct ClassOptions {
    pub scenario: Option<String>,
    pub port: u16,
    pub code: Option<String>,
    pub bind: Option<IpAddr>,
    pub dir: Option<PathBuf>,
    pub seed: Option<u64>,
    /// Team play: `Some` (with the only team names accepted, or none for any).
    pub teams: Option<Vec<String>>,
    pub headless: bool,
    /// Minutes of each phase, in order; empty for the default plan.
    pub minutes: Vec<u64>,
    pub injects_on_schedule: bool,
    pub color: String,
}

pub fn run(options: ClassOptions) -> Result<(), CliError> {
    let name = options
        .scenario
        .clone()
        .unwrap_or_else(|| builtin::DEFAULT.to_owned());
    let plan = plan(&options.minutes)?;
    let loaded = crate::open::read(Some(&name))?;
    let opened = crate::open::open_loaded(loaded.clone(), options.seed)?;
    let world = Arc::new(opened.world);
    let code = match &options.code {
        Some(given) => ClassCode::new(given).ok_or_else(|| {
            CliError::Class("--code needs letters or digits a student can type".to_owned())
        })?,
        None => {
            let mut rng = ChaCha8Rng::try_from_rng(&mut SysRng)
                .map_err(|e| CliError::Class(format!("no randomness for a class code: {e}")))?;
            generate_code(&mut rng)
        }
    };
    let dir = options.dir.clone().unwrap_or_else(|| {
        let date = jiff::Zoned::now().strftime("%Y-%m-%d").to_string();
        PathBuf::from(format!("class-{}-{date}", file_safe(&world.scenario.id)))
    });
    std::fs::create_dir_all(&dir).map_err(|e| class_error(&dir, "cannot create", e))?;
    let log_path = dir.join("class.log");
    let log = EventLog::open(&log_path).map_err(|e| class_error(&log_path, "cannot write", e))?;
    let key_path = data_dir().join("host_key");
    let host_key = serve::hostkey::load_or_create(&key_path)
        .map_err(|e| class_error(&key_path, "host key", e))?;
    let title = format!(
        "redcode class: {}",
        clean_line(world.scenario.title.as_ref())
    );
    let limits = Limits::default();
    let mut class = Class::new(world, name, code, dir.clone(), limits.clone(), log);
    if let Some(allowed) = &options.teams {
        let teams = Teams {
            allowed: allowed
                .iter()
                .filter(|t| !team_key(t).is_empty())
                .cloned()
                .collect(),
            seed: options.seed,
            max_teams: limits.max_teams,
        };
        // Each team's city is built from the scenario read once, when its first student joins.
        let build: WorldBuilder = Box::new(move |seed| {
            crate::open::open_loaded(loaded.clone(), Some(seed))
                .map(|opened| opened.world)
                .map_err(|e| clean_line(&e.to_string()))
        });
        class = class.with_teams(teams, build);
    }
    let class = Arc::new(class);
    class.set_plan(plan);
    class.set_injects_on_schedule(options.injects_on_schedule);
    let bind = SocketAddr::new(
        options.bind.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
        options.port,
    );
    let server = serve::start(Arc::clone(&class), bind, host_key).map_err(|e| {
        CliError::Class(format!(
            "cannot open the class on {bind}: {}; choose another --port",
            clean_line(&e.to_string())
        ))
    })?;
    let join = join_lines(server.addr, class.teams().is_some());
    let facilitator_terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let result = if options.headless || !facilitator_terminal {
        super::headless::run(&server, &join)
    } else {
        let shown = Shown {
            title,
            join,
            dir: clean_line(&dir.display().to_string()),
        };
        console(&class, shown, &options.color)
    };
    eprintln!("Stopping the class: every student's game is being saved...");
    server.stop();
    let shown = clean_line(&dir.display().to_string());
    eprintln!("Class stopped. Journals are in {shown}; grade them with: redcode grade {shown}");
    result
}

/// What the facilitator's console always shows of the class.
struct Shown {
    title: String,
    join: Vec<String>,
    dir: String,
}

/// Runs the facilitator's console in this terminal until the class is stopped.
fn console(class: &Arc<Class>, shown: Shown, color: &str) -> Result<(), CliError> {
    let theme = Theme::choose(color, std::env::var("NO_COLOR").ok().as_deref());
    let inject_codes: Arc<[String]> = crate::scenario::inject::codes(&class.world.scenario).into();
    facilitator::run(
        theme,
        || ClassView {
            title: shown.title.clone(),
            join: shown.join.clone(),
            code: class.code.to_string(),
            dir: shown.dir.clone(),
            roster: class.roster(),
            connections: class.connections(),
            log: class.log.recent(5),
            world: Arc::clone(&class.world),
            exercise: class.exercise(),
            now: class.now(),
            released: class.released(),
            inject_codes: Arc::clone(&inject_codes),
        },
        |command| {
            let _ = class.act(command);
        },
    )
    .map_err(CliError::Terminal)
}

/// The phases' minutes given on the command line, or the default plan.
fn plan(minutes: &[u64]) -> Result<Plan, CliError> {
    match minutes {
        [] => Ok(Plan::default()),
        [b, i, s, d] if minutes.iter().all(|m| (1..=600).contains(m)) => {
            Ok(Plan::minutes(*b, *i, *s, *d))
        }
        _ => Err(CliError::Class(
            "--minutes takes four numbers of minutes from 1 to 600, for the briefing, investigation, submission and debrief: --minutes 5,30,5,10".to_owned(),
        )),
    }
}

fn class_error(path: &std::path::Path, what: &str, e: std::io::Error) -> CliError {
    CliError::Class(format!(
        "{what} {}: {}",
        clean_line(&path.display().to_string()),
        clean_line(&e.to_string())
    ))
}

/// A scenario id as part of a folder name.
fn file_safe(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect()
}

/// How students join: one line per address of this machine they could reach (all of them
/// when the server listens on every address), the loopback last.
fn join_lines(addr: SocketAddr, teams: bool) -> Vec<String> {
    let port = addr.port();
    let user = serve::user_form(teams);
    let mut hosts: Vec<IpAddr> = if addr.ip().is_unspecified() {
        if_addrs::get_if_addrs()
            .unwrap_or_default()
            .into_iter()
            .map(|i| i.ip())
            .filter(|ip| ip.is_ipv4() == addr.is_ipv4() && !ip.is_loopback())
            .collect()
    } else {
        vec![addr.ip()]
    };
    hosts.sort();
    hosts.dedup();
    if hosts.is_empty() {
        hosts.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    hosts
        .into_iter()
        .map(|ip| match ip {
            IpAddr::V6(v6) => format!("ssh -p {port} {user}@{v6}"),
            IpAddr::V4(v4) => format!("ssh -p {port} {user}@{v4}"),
        })
        .collect()
}

/// How the class plays in teams, in a line.
pub(super) fn teams_line(teams: &Teams) -> String {
    let which = if teams.allowed.is_empty() {
        "any team name".to_owned()
    } else {
        let names: Vec<String> = teams.allowed.iter().map(|t| team_key(t)).collect();
        format!("the teams {}", names.join(", "))
    };
    let variant = match teams.seed {
        Some(seed) => format!("every team plays seed {seed}"),
        None => "each team plays its own variant".to_owned(),
    };
    format!("Teams: {which} (TEAM/NAME as the user name); {variant}.")
}
