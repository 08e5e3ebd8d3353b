//! The command line the dashboard shows after `x` writes what `x` wrote:
//! the dashboard's view, filtered by hand, against `sitrep summary` run
//! with the arguments made from that filter.

use assert_cmd::Command;

use sitrep::action::Action;
use sitrep::app::{App, Options};
use sitrep::load::load_str;
use sitrep::summary::{self, Format};

const FILE: &str = "tests/fixtures/dashboard.toml";

fn app() -> App {
    let text = std::fs::read_to_string(FILE).unwrap();
    let situation = load_str(&text).situation.expect("the fixture loads");
    let options = Options {
        file: Some(FILE.into()),
        ..Options::default()
    };
    let mut app = App::new(situation, options);
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

/// `sitrep ARGS`, as a user would run it (no config file of theirs).
fn run(args: &[String]) -> String {
    let out = Command::cargo_bin("sitrep")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(
            "SITREP_CONFIG",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-here/config.toml"),
        )
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn the_command_for_a_filtered_view_prints_what_the_dashboard_exports() {
    let mut app = app();
    // An actor through the picker, a search, and a date window.
    app.update(Action::Picker);
    type_text(&mut app, "ocha");
    app.update(Action::Toggle);
    app.update(Action::Back);
    app.update(Action::Search);
    type_text(&mut app, "kessa valley");
    app.update(Action::Accept);
    app.update(Action::Window);
    type_text(&mut app, "2025-02-20 2025-03-31");
    app.update(Action::Accept);
    let filter = app.filter().clone();
    assert!(!filter.actors.is_empty() && filter.from.is_some() && filter.to.is_some());
    assert!(!filter.search.is_empty());

    for format in [Format::Markdown, Format::Json, Format::Text] {
        let args = summary::command_args(app.situation(), &filter, format, Some(FILE));
        let printed = run(&args);
        assert_eq!(printed, app.view_as(format), "{args:?}");
    }
    let args = summary::command_args(app.situation(), &filter, Format::Markdown, Some(FILE));
    assert_eq!(
        args,
        [
            "summary",
            FILE,
            "--actor",
            "ocha",
            "--search",
            "kessa valley",
            "--from",
            "2025-02-20",
            "--to",
            "2025-03-31",
            "--format",
            "markdown"
        ]
    );
}

#[test]
fn no_filter_and_the_builtin_situation_need_no_arguments() {
    let text = sitrep::BUILTIN_TEXT;
    let situation = load_str(text).situation.unwrap();
    let app = App::new(situation, Options::default());
    let args = summary::command_args(app.situation(), app.filter(), Format::Text, None);
    assert_eq!(args, ["summary"]);
    assert_eq!(run(&args), app.view_as(Format::Text));
    assert_eq!(
        app.summary_command(Format::Text, "my view.txt".as_ref()),
        "sitrep summary > 'my view.txt'"
    );
}

#[test]
fn facets_come_back_as_their_flags() {
    let text = std::fs::read_to_string(FILE).unwrap();
    let situation = load_str(&text).situation.expect("the fixture loads");
    let ask = sitrep::ask::Ask {
        categories: vec!["humanitarian".into(), "health".into()],
        kinds: vec!["population".into()],
        sources: vec!["vrc-update".into()],
        ..Default::default()
    };
    let filter = ask.filter(&situation).expect("a filter the file has");
    let options = Options {
        file: Some(FILE.into()),
        filter,
        ..Options::default()
    };
    let app = App::new(situation, options);
    let args = summary::command_args(app.situation(), app.filter(), Format::Markdown, Some(FILE));
    assert_eq!(
        args,
        [
            "summary",
            FILE,
            "--category",
            "humanitarian",
            "--category",
            "health",
            "--kind",
            "population",
            "--source",
            "vrc-update",
            "--format",
            "markdown"
        ]
    );
    assert_eq!(run(&args), app.view_as(Format::Markdown));
}
