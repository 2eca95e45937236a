//! Hostile and broken clients against a class served on 127.0.0.1, made with russh's own
//! client: no terminal, an absurd window, a flood of bytes, a connection cut mid-frame,
//! fifty connections at once, a silent connection, wrong codes, and requests for anything
//! but the console. In each case the server stays up and another student, connected all
//! along, still gets a frame after each keystroke. Also team play: each team its own
//! variant, shared by its members, journaled and graded against it.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::class::{CODE, LiveClass};
use common::client::{self, Student, plain};
use redcode::class::Teams;
use redcode::scenario::builtin;
use redcode::serve::Limits;
use russh::{ChannelMsg, ChannelOpenFailure};
use tokio::io::AsyncReadExt;

/// Limits as a class has them, with the waits shortened for a test.
fn limits() -> Limits {
    Limits {
        login: Duration::from_secs(3),
        wrong_code_delay: Duration::from_millis(200),
        ..Limits::default()
    }
}

fn tutorial() -> LiveClass {
    LiveClass::serve(builtin::TUTORIAL, limits(), None)
}

/// A student who stays connected through the whole test: the proof the class plays on.
async fn witness(addr: SocketAddr) -> Student {
    Student::join(addr, "Witness", CODE, (100, 30))
        .await
        .expect("the witness joins")
}

async fn still_plays(witness: &mut Student, after: &str) {
    if let Err(why) = witness.still_plays().await {
        panic!("after {after}, the witness no longer plays: {why}");
    }
}

/// Waits for everything the server says on a channel until it closes it: the text and
/// the exit status, if any.
async fn until_closed(channel: &mut russh::Channel<russh::client::Msg>) -> (String, Option<u32>) {
    let mut text = Vec::new();
    let mut status = None;
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, channel.wait()).await {
            Ok(Some(ChannelMsg::Data { data } | ChannelMsg::ExtendedData { data, .. })) => {
                text.extend_from_slice(&data)
            }
            Ok(Some(ChannelMsg::ExitStatus { exit_status })) => status = Some(exit_status),
            Ok(Some(ChannelMsg::Close) | None) => break,
            Ok(Some(_)) => {}
            Err(_) => panic!("the server never closed the channel: {}", plain(&text)),
        }
    }
    (plain(&text), status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_asks_for_no_terminal_is_told_to_and_the_class_plays_on() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    let connection = client::login(class.addr, "NoPty", CODE).await.unwrap();
    let mut channel = connection.channel_open_session().await.unwrap();
    channel.request_shell(true).await.unwrap();
    let (said, status) = until_closed(&mut channel).await;
    assert!(
        said.contains("The class console needs a terminal"),
        "{said}"
    );
    assert_eq!(status, Some(1));
    still_plays(&mut witness, "a client without a terminal").await;
    assert!(class.wait_for_log("refused NoPty").contains("no terminal"));
    assert!(
        !class.dir.join("NoPty.jsonl").exists(),
        "no game was started"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurd_window_size_is_capped_and_the_class_plays_on() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    let mut huge = Student::join(class.addr, "Huge", CODE, (u32::MAX, 1_000_000))
        .await
        .expect("a huge terminal still gets its console, capped");
    // A frame for 400×150 cells at most: a few hundred kilobytes, not gigabytes; and once
    // drawn, the console goes quiet until a key.
    huge.settle(Duration::from_millis(300)).await;
    let first = huge.seen.len();
    assert!(first < 2_000_000, "{first} bytes");
    huge.settle(Duration::from_secs(2)).await;
    assert!(
        huge.seen.len() - first < 100_000,
        "{} bytes more with no key",
        huge.seen.len() - first
    );
    for (width, height) in [(0, 0), (70_000, u32::MAX)] {
        tokio::time::timeout(
            Duration::from_secs(20),
            huge.channel
                .window_change(width, height, u32::MAX, u32::MAX),
        )
        .await
        .expect("the server takes the resize")
        .unwrap();
        huge.settle(Duration::from_millis(300)).await;
    }
    assert!(!huge.closed, "the huge terminal plays on");
    still_plays(&mut huge, "its own resizes").await;
    still_plays(&mut witness, "an absurd window size").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_bytes_is_dropped_and_the_class_plays_on() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    let flooder = Student::join(class.addr, "Flood", CODE, (80, 24))
        .await
        .unwrap();
    // Eight megabytes of junk, every byte value but the keys that quit.
    let mut state: u32 = 12345;
    let junk: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            match (state >> 16) as u8 {
                b'q' | b'Q' | 0x03 => b'x',
                b => b,
            }
        })
        .collect();
    let started = Instant::now();
    for _ in 0..128 {
        flooder.channel.data(&junk[..]).await.unwrap();
    }
    still_plays(&mut witness, "a flood of 8 MB").await;
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the flood took {:?}",
        started.elapsed()
    );
    assert_eq!(class.class.roster().connected(), 2, "{}", class.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_cut_mid_frame_leaves_its_journal_and_the_class_plays_on() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    // A connection over a socket this test can cut under the client's feet.
    let socket = tokio::net::TcpStream::connect(class.addr).await.unwrap();
    let std_socket = socket.into_std().unwrap();
    let cutter = std_socket.try_clone().unwrap();
    let socket = tokio::net::TcpStream::from_std(std_socket).unwrap();
    let config = std::sync::Arc::new(russh::client::Config::default());
    let mut connection = russh::client::connect_stream(config, socket, client::Trusting)
        .await
        .unwrap();
    assert!(
        connection
            .authenticate_password("Cut", CODE)
            .await
            .unwrap()
            .success()
    );
    let channel = connection.channel_open_session().await.unwrap();
    channel
        .request_pty(false, "xterm", 100, 30, 0, 0, &[])
        .await
        .unwrap();
    channel.request_shell(true).await.unwrap();
    class.wait_for_log("joined Cut");
    // The largest frame there is, and the connection gone while it is sent.
    channel.window_change(400, 150, 0, 0).await.unwrap();
    channel.data(&b"2"[..]).await.unwrap();
    cutter.shutdown(std::net::Shutdown::Both).unwrap();
    drop(cutter);
    class.wait_for_log("left Cut");
    assert!(class.dir.join("Cut.jsonl").exists(), "the journal is kept");
    still_plays(&mut witness, "a connection cut mid-frame").await;
    class.wait_for_connections(1);
    // The name is free again: the student rejoins where they stopped.
    let mut back = Student::join(class.addr, "Cut", CODE, (100, 30))
        .await
        .unwrap();
    back.wait_for("Welcome back, Cut", Duration::from_secs(30))
        .await
        .expect("the game resumes");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_connections_at_once_all_play_and_the_class_plays_on() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    let addr = class.addr;
    let joins: Vec<_> = (0..50)
        .map(|i| {
            tokio::spawn(
                async move { Student::join(addr, &format!("S{i:02}"), CODE, (80, 24)).await },
            )
        })
        .collect();
    let mut students = Vec::new();
    for join in joins {
        students.push(join.await.unwrap().expect("each of the fifty joins"));
    }
    assert_eq!(class.class.connections(), 51);
    assert_eq!(class.class.roster().connected(), 51);
    still_plays(&mut witness, "fifty connections at once").await;
    still_plays(&mut students[49], "fifty connections at once").await;
    for student in students {
        let _ = student
            .connection
            .disconnect(russh::Disconnect::ByApplication, "", "")
            .await;
    }
    class.wait_for_connections(1);
    still_plays(&mut witness, "fifty connections gone").await;
    assert_eq!(class.class.worlds(), 1, "one world for the whole class");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_that_never_logs_in_is_closed_and_frees_its_place() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    // One that never even says hello, one that stops after the key exchange.
    let mut silent = tokio::net::TcpStream::connect(class.addr).await.unwrap();
    let handshaken = client::connect(class.addr).await.unwrap();
    class.wait_for_connections(3);
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), silent.read_to_end(&mut rest)).await;
    assert!(
        read.is_ok(),
        "the silent connection is closed by the server"
    );
    class.wait_for_connections(1);
    assert!(handshaken.is_closed() || class.class.connections() == 1);
    let log = class.wait_for_log("no class code in 3 s");
    assert!(log.contains("no handshake in 3 s"), "{log}");
    still_plays(&mut witness, "silent connections").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_wrong_codes_and_the_connection_is_closed() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    let mut connection = client::connect(class.addr).await.unwrap();
    let mut refused = 0;
    for _ in 0..5 {
        match connection
            .authenticate_password("Eve", "not-the-code")
            .await
        {
            Ok(result) if !result.success() => refused += 1,
            Ok(_) => panic!("a wrong code was accepted"),
            Err(_) => break,
        }
    }
    assert!(refused <= 3, "no fourth try is answered: {refused}");
    let start = Instant::now();
    while !connection.is_closed() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the server closes"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let log = class.wait_for_log("a wrong class code 3 times");
    assert_eq!(log.matches("wrong class code from").count(), 3, "{log}");
    // The right code on a new connection still works.
    let _ok = client::login(class.addr, "Eve", CODE).await.unwrap();
    still_plays(&mut witness, "three wrong codes").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everything_but_the_console_is_refused_with_a_reason() {
    let class = tutorial();
    let mut witness = witness(class.addr).await;
    let addr = class.addr;

    let connection = client::login(addr, "Mo", CODE).await.unwrap();
    let mut exec = connection.channel_open_session().await.unwrap();
    exec.exec(true, "cat /etc/passwd").await.unwrap();
    let (said, status) = until_closed(&mut exec).await;
    assert!(
        said.contains("redcode serves only its console: running a command is refused"),
        "{said}"
    );
    assert!(!said.contains("root:"), "{said}");
    assert_eq!(status, Some(1));

    let connection = client::login(addr, "Mo", CODE).await.unwrap();
    let mut sftp = connection.channel_open_session().await.unwrap();
    sftp.request_subsystem(true, "sftp").await.unwrap();
    let (said, _) = until_closed(&mut sftp).await;
    assert!(said.contains("file transfer (sftp) is refused"), "{said}");

    let connection = client::login(addr, "Mo", CODE).await.unwrap();
    let forward = connection
        .channel_open_direct_tcpip("127.0.0.1", 22, "127.0.0.1", 5000)
        .await;
    assert!(
        matches!(
            forward,
            Err(russh::Error::ChannelOpenFailure(
                ChannelOpenFailure::AdministrativelyProhibited
            ))
        ),
        "{:?}",
        forward.map(|_| ())
    );
    let remote = connection.tcpip_forward("0.0.0.0", 8080).await;
    assert!(remote.is_err(), "remote forwarding is refused: {remote:?}");

    // A student at the console may not open a second channel, nor a second shell.
    let mut mo = Student::join(addr, "Mo", CODE, (80, 24)).await.unwrap();
    let second = mo.connection.channel_open_session().await;
    assert!(second.is_err(), "a second channel is refused");
    mo.channel.request_shell(true).await.unwrap();
    mo.channel.agent_forward(true).await.unwrap();
    still_plays(&mut mo, "its own refused requests").await;

    let log = class.wait_for_log("refused a second channel");
    for line in [
        "refused running a command from Mo",
        "refused file transfer (sftp) from Mo",
        "refused port forwarding to 127.0.0.1:22",
        "refused remote forwarding of 0.0.0.0:8080",
        "refused agent forwarding",
    ] {
        assert!(log.contains(line), "{line}:\n{log}");
    }
    still_plays(&mut witness, "refused requests").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_team_plays_its_own_variant_shared_by_its_members_and_graded_against_it() {
    let teams = Teams {
        max_teams: 2,
        ..Teams::default()
    };
    let mut class = LiveClass::serve(builtin::TUTORIAL, limits(), Some(teams));
    let addr = class.addr;
    let mut ana = Student::join(addr, "Red/Ana", CODE, (100, 30))
        .await
        .unwrap();
    let mut bo = Student::join(addr, "red/Bo", CODE, (100, 30))
        .await
        .unwrap();
    let mut cy = Student::join(addr, "blue/Cy", CODE, (100, 30))
        .await
        .unwrap();

    // No team: told how to join.
    let connection = client::login(addr, "Dee", CODE).await.unwrap();
    let mut alone = connection.channel_open_session().await.unwrap();
    alone
        .request_pty(false, "xterm", 80, 24, 0, 0, &[])
        .await
        .unwrap();
    alone.request_shell(true).await.unwrap();
    let (said, _) = until_closed(&mut alone).await;
    assert!(said.contains("This class plays in teams"), "{said}");
    assert!(
        said.contains(&format!("ssh -p {} red/ana@HOST", addr.port())),
        "{said}"
    );

    let roster = class.class.roster();
    let rows = roster.teams();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[1].team.as_str(), rows[1].members), ("red", 2));
    assert_ne!(rows[0].seed, rows[1].seed, "each team its own variant");
    // One world per team, built once: the class's own and red's and blue's at most.
    assert!(class.class.worlds() <= 3, "{}", class.class.worlds());
    let red = class.class.world_for(rows[1].seed.unwrap()).unwrap();
    let again = class.class.world_for(rows[1].seed.unwrap()).unwrap();
    assert!(
        std::sync::Arc::ptr_eq(&red, &again),
        "a team's world is shared"
    );

    for student in [&mut ana, &mut bo, &mut cy] {
        still_plays(student, "joining in teams").await;
    }
    class.stop();
    let out = common::redcode(&[
        "grade",
        &class.dir.display().to_string(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{out:?}");
    let graded: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let graded = graded.as_array().expect("rows");
    let seed_of = |player: &str| {
        graded
            .iter()
            .find(|r| r["player"] == player)
            .unwrap_or_else(|| panic!("{player} is graded: {graded:?}"))["seed"]
            .as_u64()
    };
    assert_eq!(seed_of("red/Ana"), rows[1].seed);
    assert_eq!(seed_of("red/Bo"), rows[1].seed);
    assert_eq!(seed_of("blue/Cy"), rows[0].seed);
    assert_eq!(graded.len(), 3, "{graded:?}");
}
