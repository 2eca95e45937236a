//! Injects: records and messages the facilitator releases before their time, through the
//! desk's actions (as the class's server sends them) or with a code read out in the room;
//! each release journaled, so replay and grading agree; and each due by itself on the
//! scenario's clock when no one releases it.

mod common;

use std::time::Duration;

use common::{play, recorded, screen_text, tempdir};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::{Action, Screen};
use redcode::engine::World;
use redcode::scenario::Time;
use redcode::scenario::catalog::DocumentIx;
use redcode::scenario::inject;
use redcode::session::replay::replay_to_end;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

fn document(world: &World, id: &str) -> DocumentIx {
    let i = world
        .scenario
        .documents
        .iter()
        .position(|d| d.id == *id)
        .unwrap_or_else(|| panic!("no document {id}"));
    DocumentIx(i as u16)
}

fn code_of(world: &World, id: &str) -> String {
    let i = inject::find(&world.scenario, id).expect("the inject exists");
    inject::codes(&world.scenario)[i].clone()
}

fn typed(text: &str) -> Vec<Action> {
    let mut actions = vec![Action::StartInjectCode];
    actions.extend(text.chars().map(Action::Type));
    actions.push(Action::Confirm);
    actions
}

#[test]
fn a_released_record_is_in_the_documents_before_its_time() {
    let world = common::zhengzhou();
    let hotline = document(&world, "doc-hotline");
    let fresh = play(&world, []);
    assert!(!fresh.document_in(&world, hotline));
    assert!(!fresh.available_documents(&world).contains(&hotline));

    let desk = play(&world, [Action::ReleaseInject("hotline".into())]);
    assert!(desk.document_in(&world, hotline));
    assert!(desk.available_documents(&world).contains(&hotline));
    assert!(
        desk.message().contains("12345 hotline"),
        "{}",
        desk.message()
    );
    // Only that record: the others held by injects stay where they were.
    assert!(!desk.document_in(&world, document(&world, "doc-db-error")));

    let again = play(
        &world,
        [
            Action::ReleaseInject("hotline".into()),
            Action::ReleaseInject("hotline".into()),
        ],
    );
    assert_eq!(again.message(), "You already have that record.");
}

#[test]
fn a_code_read_out_releases_its_inject_and_a_wrong_one_is_refused() {
    let world = common::zhengzhou();
    let province = document(&world, "doc-province");
    let code = code_of(&world, "province");
    // Read aloud and typed as heard: capitals and spaces instead of dashes.
    let heard = code.to_uppercase().replace('-', " ");
    let desk = play(&world, typed(&heard));
    assert!(desk.document_in(&world, province), "{}", desk.message());

    let wrong = play(&world, typed("tidy-anchor-00"));
    assert!(!wrong.document_in(&world, province));
    assert!(
        wrong.message().contains("is not a code of this scenario"),
        "{}",
        wrong.message()
    );
}

#[test]
fn alone_each_inject_comes_at_its_own_time() {
    let world = common::zhengzhou();
    let s = &world.scenario;
    assert!(s.injects.len() >= 4);
    for (i, inj) in s.injects.iter().enumerate() {
        let due = inject::schedule(s, inj).expect("every shipped inject has a time");
        let before = play(&world, [Action::SeekTo(Time(due.0 - 1))]);
        let at = play(&world, [Action::SeekTo(due)]);
        assert!(!before.inject_in(&world, i), "{}", inj.id);
        assert!(at.inject_in(&world, i), "{}", inj.id);
    }
}

#[test]
fn a_message_shows_on_the_briefing_once_released() {
    let world = common::zhengzhou();
    let draw = |actions: Vec<Action>| {
        let mut app = App::new(world.clone(), Keymap::default(), Theme::MONO, "t".into());
        app.dispatch(Action::Resize {
            width: 100,
            height: 60,
        });
        for a in actions {
            app.dispatch(a);
        }
        app.dispatch(Action::Show(Screen::Briefing));
        let mut terminal = Terminal::new(TestBackend::new(100, 60)).unwrap();
        terminal.draw(|f| app.draw(f)).unwrap();
        screen_text(terminal.backend().buffer())
    };
    let before = draw(vec![]);
    assert!(!before.contains("Messages released to you"), "{before}");
    let after = draw(typed(&code_of(&world, "press")));
    assert!(after.contains("Messages released to you"), "{after}");
    assert!(
        after.contains("A reporter asks the audit office"),
        "{after}"
    );
}

#[test]
fn a_release_is_journaled_and_replays_to_the_same_desk() {
    let world = common::zhengzhou();
    let mut actions = typed(&code_of(&world, "database-error"));
    actions.push(Action::ReleaseInject("hotline".into()));
    actions.push(Action::Show(Screen::Documents));
    let dir = tempdir();
    let journal = recorded(dir.path(), "zhengzhou-2022", "p", &actions);
    let desk = replay_to_end(&world, &journal).expect("the replay matches its checksums");
    assert!(desk.document_in(&world, document(&world, "doc-db-error")));
    assert!(desk.document_in(&world, document(&world, "doc-hotline")));
    assert_eq!(desk.document_rows(), play(&world, actions).document_rows());
}

#[test]
fn a_release_reaches_a_player_who_is_typing_and_leaves_the_field_open() {
    let world = common::zhengzhou();
    let desk = play(
        &world,
        [
            Action::StartNote,
            Action::Type('a'),
            Action::ReleaseInject("hotline".into()),
            Action::Type('b'),
        ],
    );
    assert!(desk.document_in(&world, document(&world, "doc-hotline")));
    assert_eq!(desk.input().map(|i| i.text.as_str()), Some("ab"));
}

/// Over SSH, in a class played in teams: a release to team red reaches both of its
/// students, one of them joining after it, and never the student of team blue.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_release_to_one_team_reaches_its_students_only() {
    use common::class::{CODE, LiveClass};
    use common::client::Student;
    use redcode::class::{Audience, Teams};
    let teams = Teams {
        max_teams: 2,
        ..Teams::default()
    };
    let live = LiveClass::serve(
        redcode::scenario::builtin::DEFAULT,
        redcode::serve::Limits::default(),
        Some(teams),
    );
    let mut ana = Student::join(live.addr, "red/Ana", CODE, (120, 36))
        .await
        .unwrap();
    let mut cy = Student::join(live.addr, "blue/Cy", CODE, (120, 36))
        .await
        .unwrap();
    live.class
        .release_inject("hotline", Audience::Team("Red".into()))
        .expect("released to team red");
    let released = "New record released: 12345 hotline";
    ana.wait_for(released, Duration::from_secs(30))
        .await
        .expect("Ana of team red gets it");
    // A late member of the team gets it as she joins.
    let mut bo = Student::join(live.addr, "red/Bo", CODE, (120, 36))
        .await
        .unwrap();
    bo.wait_for(released, Duration::from_secs(30))
        .await
        .expect("Bo, joining red later, gets it");
    // Cy of team blue has had time to take it, and has not: her documents do not hold it.
    cy.still_plays().await.expect("Cy plays on");
    let taken = cy
        .keystroke_showing(b"7", "Documents", Duration::from_secs(20))
        .await;
    assert!(taken.is_some(), "Cy's documents are drawn");
    cy.settle(Duration::from_millis(300)).await;
    assert!(
        !cy.text.contains("12345 hotline"),
        "not for team blue:\n{}",
        cy.text
    );
    let log = live.wait_for_log("inject hotline released to team red");
    assert!(
        !log.contains("released to team Red"),
        "the team as the class keys it"
    );
    // A release to the team again is refused; to everyone, it is a release of its own.
    assert!(
        live.class
            .release_inject("hotline", Audience::Team("red".into()))
            .is_err()
    );
    live.class
        .release_inject("hotline", Audience::Everyone)
        .expect("released to everyone");
    cy.wait_for(released, Duration::from_secs(30))
        .await
        .expect("Cy gets the release to everyone");
}
