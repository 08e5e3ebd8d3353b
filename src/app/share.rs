//! The keys that take what is on screen elsewhere: `o` opens the selected
//! item's source, `y` and `Y` copy the item or the whole view, `e` edits
//! the file at the item, `x` exports the view. State decides what and
//! says so in the footer; the terminal loop does it (see [`Effect`]).

use std::path::Path;

use crate::action::Action;
use crate::data::Data;
use crate::doc::detail::Target;
use crate::export::{self, Refused};
use crate::item;
use crate::keymap::Mode;
use crate::model::SourceIx;
use crate::summary::{self, Format};
use crate::text::{fit, plural, shown};

use super::{App, Effect, ExportPopup, Popup, SourcesPopup};

/// Columns of a URL or path quoted in the footer at most.
const QUOTED: usize = 60;

impl App {
    /// The item the keys act on: the focused pane's selected item, or in a
    /// detail, the page's own item.
    pub fn item_in_view(&self) -> Option<Target> {
        match self.mode() {
            Mode::Normal => self.view.panes.get(self.view.focus).target(&self.data),
            Mode::Detail => match self.view.popup() {
                Some(Popup::Detail(detail)) => Some(detail.top().target),
                _ => None,
            },
            _ => None,
        }
    }

    /// `o`: the item's source, or a choice of them.
    pub(super) fn open_source(&mut self) -> Option<Effect> {
        let target = self.item_in_view()?;
        let s = &self.data.situation;
        let all = item::sources(s, target);
        let with_url = item::sources_with_url(s, target);
        let what = item::kind(target);
        match with_url.as_slice() {
            [] if all.is_empty() => {
                self.view.status = Some(format!("this {what} has no source"));
                None
            }
            [] => {
                self.view.status = Some(format!(
                    "no url in this {what}'s {}",
                    if all.len() == 1 { "source" } else { "sources" }
                ));
                None
            }
            [one] => self.open_url(*one),
            _ => {
                self.view
                    .popups
                    .push(Popup::Sources(SourcesPopup::new(target, with_url)));
                None
            }
        }
    }

    /// Opens a source's URL when it is one to open; says why not otherwise.
    pub(super) fn open_url(&mut self, source: SourceIx) -> Option<Effect> {
        let url = self.data.situation.sources[source].url.as_deref()?;
        let quoted = fit(&shown(url, QUOTED + 1), QUOTED);
        match crate::url::checked(url) {
            Ok(url) => {
                self.view.status = Some(format!("opening {quoted}"));
                Some(Effect::OpenUrl(url.to_string()))
            }
            Err(why) => {
                self.view.status = Some(format!("not opened: {} ({quoted})", why.reason()));
                None
            }
        }
    }

    /// `y`: the item as plain text.
    pub(super) fn copy_item(&mut self) -> Option<Effect> {
        let target = self.item_in_view()?;
        let text = item::plain_text(&self.data.situation, &self.data.derived.figures, target);
        self.copy(text, &format!("the {}", item::kind(target)))
    }

    /// `Y`: the view as the Markdown briefing.
    pub(super) fn copy_view(&mut self) -> Option<Effect> {
        let text = self.view_as(Format::Markdown);
        self.copy(text, "the view as Markdown")
    }

    pub(super) fn copy(&mut self, text: String, what: &str) -> Option<Effect> {
        if text.len() > crate::clipboard::MAX_BYTES {
            self.view.status = Some(format!(
                "{what} is {}: too much for the clipboard; x exports it to a file",
                crate::clipboard::amount(&text)
            ));
            return None;
        }
        self.view.status = Some(format!(
            "copied {what} ({}) to the clipboard",
            crate::clipboard::amount(&text)
        ));
        Some(Effect::Copy(text))
    }

    /// The briefing of what the filter shows now, as `summary` writes it
    /// (text at 80 columns, as `summary` does into a file).
    pub fn view_as(&self, format: Format) -> String {
        let view = summary::View::with_staleness(
            &self.data.situation,
            &self.data.index,
            &self.data.filter,
            self.staleness,
        );
        summary::render(&view, format, 80)
    }

    /// The `sitrep summary` command line that writes the view to `path` in
    /// `format`.
    pub fn summary_command(&self, format: Format, path: &Path) -> String {
        summary_command(&self.data, self.file.as_deref(), format, path)
    }

    /// `e`: the editor at the item's line.
    pub(super) fn edit(&mut self) -> Option<Effect> {
        if self.file.is_none() {
            self.view.status = Some(
                "built-in situation: no file to edit; `sitrep init --from-builtin FILE` writes a copy to open"
                    .into(),
            );
            return None;
        }
        let line = self
            .item_in_view()
            .and_then(|target| item::line(&self.data.situation, target))
            .unwrap_or(1);
        self.view.status = Some(format!("editing at line {line}…"));
        Some(Effect::Edit { line })
    }

    /// `x`: the export prompt.
    pub(super) fn open_export(&mut self) {
        let home = std::env::var_os("HOME");
        let prompt = ExportPopup::new(home, self.file.clone(), self.view.exported.clone());
        self.view.popups.push(Popup::Export(prompt));
    }

    /// Enter in the export prompt: the text to write there.
    pub(super) fn export(&mut self, path: std::path::PathBuf, overwrite: bool) -> Effect {
        let text = self.view_as(export::format_for(&path));
        self.view.status = Some(format!("writing {}…", quoted_path(&path)));
        Effect::Export {
            path,
            text,
            overwrite,
        }
    }

    /// What came of writing the view to `path`: on success the prompt
    /// closes and the footer says what was written (the next `x` opens
    /// with the path, and its command line); otherwise the prompt says why
    /// (and, for a file that is there, a second Enter replaces it).
    pub fn exported(&mut self, path: &Path, outcome: Result<usize, Refused>) {
        let format = export::format_for(path);
        let shown_path = quoted_path(path);
        let (why, confirm) = match outcome {
            Ok(lines) => {
                if let Some(Popup::Export(prompt)) = self.view.popups.last() {
                    self.view.exported = Some(prompt.text.text().to_string());
                    self.view.popups.pop();
                }
                let hint = match self.keymap.key(Mode::Normal, Action::Export) {
                    Some(again) => format!(" · {again} shows its sitrep command"),
                    None => String::new(),
                };
                self.view.status = Some(format!(
                    "wrote {} of {} to {shown_path}{hint}",
                    plural(lines, "line"),
                    export::format_name(format)
                ));
                return;
            }
            Err(Refused::Exists) => (
                format!("{shown_path} exists: Enter again replaces it"),
                Some(path.to_path_buf()),
            ),
            Err(Refused::DataFile) => (
                format!("{shown_path} is the open situation file: never written"),
                None,
            ),
            Err(Refused::Failed(why)) => (format!("cannot write {shown_path}: {why}"), None),
        };
        match self.view.popups.last_mut() {
            Some(Popup::Export(prompt)) => {
                prompt.error = Some(why);
                prompt.confirm = confirm;
                self.view.status = None;
            }
            _ => self.view.status = Some(why),
        }
    }
}

/// The `sitrep summary` command line that writes the view of `data` to
/// `path` in `format`; `file` is the situation file as the user named it.
pub(super) fn summary_command(
    data: &Data,
    file: Option<&str>,
    format: Format,
    path: &Path,
) -> String {
    let mut words = vec!["sitrep".to_string()];
    words.extend(summary::command_args(
        &data.situation,
        &data.filter,
        format,
        file,
    ));
    let path = crate::sanitize::clean_line(&path.to_string_lossy()).into_owned();
    format!(
        "{} > {}",
        shell_words::join(words),
        shell_words::quote(&path)
    )
}

fn quoted_path(path: &Path) -> String {
    fit(&shown(&path.to_string_lossy(), QUOTED + 1), QUOTED)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::action::{Action, Pane};
    use crate::app::Options;
    use crate::load::load_str;

    const FIXTURE: &str = include_str!("../../tests/fixtures/dashboard.toml");

    /// The fixture with the dam breach backed by three sources, two with a
    /// URL, and the evacuation by a source whose URL is not one to open.
    fn text() -> String {
        FIXTURE
            .replacen(
                "tags = [\"dam\"]\nsources = [\"herald-2025-02-27\"]",
                "tags = [\"dam\"]\nsources = [\"herald-2025-02-27\", \"moi-statement\", \"ocha-sitrep-3\"]",
                1,
            )
            .replacen(
                "date = 2025-03-01\n",
                "date = 2025-03-01\nurl = \"javascript:alert(1)\"\n",
                1,
            )
    }

    fn app(file: Option<&str>) -> App {
        let situation = load_str(&text()).situation.expect("the fixture loads");
        let options = Options {
            file: file.map(str::to_string),
            ..Options::default()
        };
        let mut app = App::new(situation, options);
        app.update(Action::Resize {
            width: 120,
            height: 40,
        });
        app
    }

    /// A key press through the keymap, and the effects it asks for.
    fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
        let key = KeyEvent::new(code, KeyModifiers::NONE);
        match app.keymap.action_for(app.mode(), app.view.focus, key) {
            Some(action) => app.update(action),
            None => Vec::new(),
        }
    }

    fn type_text(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c));
        }
    }

    /// Selects the event `id` in the timeline.
    fn select_event(app: &mut App, id: &str) {
        let s = &app.data.situation;
        let e = s.event_by_id(id).expect("the event");
        let at = app.data.selection.events.iter().position(|&x| x == e);
        app.view.panes.timeline.cursor.selected = at.expect("the event is shown");
        app.view.focus = Pane::Timeline;
    }

    fn status(app: &App) -> &str {
        app.status().unwrap_or_default()
    }

    #[test]
    fn o_opens_the_one_source_url_of_the_selected_event() {
        let mut app = app(None);
        select_event(&mut app, "record-rain");
        let effects = press(&mut app, KeyCode::Char('o'));
        let url = "https://reliefweb.example/report/kessa-sitrep-3";
        assert_eq!(effects, [Effect::OpenUrl(url.into())]);
        assert_eq!(status(&app), format!("opening {url}"));
    }

    #[test]
    fn o_with_several_urls_lets_the_user_choose() {
        let mut app = app(None);
        select_event(&mut app, "dam-breach");
        assert!(press(&mut app, KeyCode::Char('o')).is_empty());
        assert_eq!(app.mode(), Mode::Sources);
        let Some(Popup::Sources(chooser)) = app.view.popup() else {
            panic!("the chooser is open");
        };
        // Only the sources with a URL are offered.
        assert_eq!(chooser.sources.len(), 3);
        // The second one's URL is not one to open: refused, with why.
        press(&mut app, KeyCode::Down);
        assert!(press(&mut app, KeyCode::Enter).is_empty());
        assert!(status(&app).starts_with("not opened: only http and https"));
        press(&mut app, KeyCode::Char('o'));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        let effects = press(&mut app, KeyCode::Enter);
        assert_eq!(
            effects,
            [Effect::OpenUrl(
                "https://reliefweb.example/report/kessa-sitrep-3".into()
            )]
        );
        assert_eq!(app.mode(), Mode::Normal);
        // Esc leaves without opening anything.
        press(&mut app, KeyCode::Char('o'));
        assert!(press(&mut app, KeyCode::Esc).is_empty());
        assert_eq!(app.mode(), Mode::Normal);
    }

    #[test]
    fn a_reload_keeps_the_chosen_source_highlighted_by_id() {
        let mut app = app(None);
        select_event(&mut app, "dam-breach");
        press(&mut app, KeyCode::Char('o'));
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        let chosen = |app: &App| match app.view.popup() {
            Some(Popup::Sources(chooser)) => {
                let source = chooser.selected().expect("a source is highlighted");
                (
                    chooser.cursor.selected,
                    app.data.situation.sources[source].id.clone(),
                )
            }
            other => panic!("the chooser is open: {other:?}"),
        };
        assert_eq!(chosen(&app), (2, "ocha-sitrep-3".to_string()));
        // A new first source moves every index, and the event now lists the
        // chosen source second.
        let text = text()
            .replacen(
                "[[sources]]",
                "[[sources]]\nid = \"first\"\ntitle = \"A new first source\"\nurl = \"https://first.example\"\n\n[[sources]]",
                1,
            )
            .replacen(
                "[\"herald-2025-02-27\", \"moi-statement\", \"ocha-sitrep-3\"]",
                "[\"herald-2025-02-27\", \"ocha-sitrep-3\", \"moi-statement\"]",
                1,
            );
        let situation = load_str(&text).situation.expect("the new version loads");
        let id = |s: &crate::model::Situation| s.source_by_id("ocha-sitrep-3");
        assert_ne!(id(&situation), id(&app.data.situation));
        app.reloaded(crate::reload::Outcome::Loaded {
            situation: Box::new(situation),
            warnings: 0,
        });
        assert_eq!(chosen(&app), (1, "ocha-sitrep-3".to_string()));
        let effects = press(&mut app, KeyCode::Enter);
        assert!(matches!(&effects[..], [Effect::OpenUrl(u)] if u.ends_with("kessa-sitrep-3")));
    }

    #[test]
    fn o_refuses_a_url_that_is_not_http_and_says_when_there_is_none() {
        let mut app = app(None);
        select_event(&mut app, "evacuation");
        assert!(press(&mut app, KeyCode::Char('o')).is_empty());
        assert_eq!(
            status(&app),
            "not opened: only http and https urls are opened (javascript:alert(1))"
        );
        // An actor has no sources; a source without a URL says so too.
        press(&mut app, KeyCode::Char('3'));
        assert!(press(&mut app, KeyCode::Char('o')).is_empty());
        assert_eq!(status(&app), "this actor has no source");
        let mut app = self::app(None);
        select_event(&mut app, "inspection-2019");
        let s =
            load_str(&text().replace("url = \"https://herald.example/2025/02/27/orun-dam\"\n", ""));
        app.data = crate::data::Data::new(
            s.situation.unwrap(),
            Default::default(),
            Default::default(),
            Default::default(),
        );
        select_event(&mut app, "inspection-2019");
        assert!(press(&mut app, KeyCode::Char('o')).is_empty());
        assert_eq!(status(&app), "no url in this event's source");
    }

    #[test]
    fn o_and_y_in_a_detail_act_on_its_page() {
        let mut app = app(None);
        select_event(&mut app, "record-rain");
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.mode(), Mode::Detail);
        let effects = press(&mut app, KeyCode::Char('o'));
        assert!(matches!(&effects[..], [Effect::OpenUrl(u)] if u.ends_with("kessa-sitrep-3")));
        let effects = press(&mut app, KeyCode::Char('y'));
        let [Effect::Copy(text)] = &effects[..] else {
            panic!("{effects:?}");
        };
        assert!(text.starts_with("Event: A week of record rain"), "{text}");
        assert_eq!(app.mode(), Mode::Detail);
    }

    #[test]
    fn y_copies_the_item_and_y_upper_the_view_as_markdown() {
        let mut app = app(None);
        select_event(&mut app, "dam-breach");
        let effects = press(&mut app, KeyCode::Char('y'));
        let [Effect::Copy(text)] = &effects[..] else {
            panic!("{effects:?}");
        };
        assert!(text.starts_with("Event: Orun dam breaches"), "{text}");
        assert!(text.contains("Date: 27 Feb 2025\n"), "{text}");
        assert!(text.contains("  https://herald.example/2025/02/27/orun-dam\n"));
        assert_eq!(
            status(&app),
            format!(
                "copied the event ({}) to the clipboard",
                crate::clipboard::amount(text)
            )
        );

        // The whole view, with the filter in it.
        type_text(&mut app, "/dam");
        press(&mut app, KeyCode::Enter);
        let effects = press(&mut app, KeyCode::Char('Y'));
        let [Effect::Copy(markdown)] = &effects[..] else {
            panic!("{effects:?}");
        };
        assert_eq!(*markdown, app.view_as(Format::Markdown));
        assert!(markdown.contains("“dam”"), "{markdown}");
        assert!(
            !markdown.contains("Civil Protection evacuates"),
            "{markdown}"
        );
        assert!(status(&app).starts_with("copied the view as Markdown ("));
    }

    #[test]
    fn e_edits_the_file_at_the_item_and_not_the_builtin_situation() {
        let mut app = app(None);
        assert!(press(&mut app, KeyCode::Char('e')).is_empty());
        assert!(
            status(&app).contains("`sitrep init --from-builtin FILE`"),
            "{}",
            status(&app)
        );

        let mut app = self::app(Some("situation.toml"));
        select_event(&mut app, "evacuation");
        let effects = press(&mut app, KeyCode::Char('e'));
        let header = text()
            .lines()
            .position(|l| l == "id = \"evacuation\"")
            .expect("the event's id");
        // The line of its `[[events]]` header, just above the id.
        let line = u32::try_from(header).unwrap();
        assert_eq!(effects, [Effect::Edit { line }]);
        assert_eq!(status(&app), format!("editing at line {line}…"));
    }

    #[test]
    fn x_asks_for_a_path_confirms_an_overwrite_and_shows_the_command() {
        let mut app = app(Some("tests/fixtures/dashboard.toml"));
        type_text(&mut app, "/dam");
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('x'));
        assert_eq!(app.mode(), Mode::Export);
        // An empty path writes nothing.
        assert!(press(&mut app, KeyCode::Enter).is_empty());
        type_text(&mut app, "out.md");
        let effects = press(&mut app, KeyCode::Enter);
        let markdown = app.view_as(Format::Markdown);
        let path = PathBuf::from("out.md");
        assert_eq!(
            effects,
            [Effect::Export {
                path: path.clone(),
                text: markdown.clone(),
                overwrite: false
            }]
        );
        // A file is there: the prompt says so, a second Enter replaces it.
        app.exported(&path, Err(Refused::Exists));
        let Some(Popup::Export(prompt)) = app.view.popup() else {
            panic!("the prompt stays");
        };
        assert_eq!(
            prompt.error.as_deref(),
            Some("out.md exists: Enter again replaces it")
        );
        let effects = press(&mut app, KeyCode::Enter);
        assert!(matches!(
            &effects[..],
            [Effect::Export {
                overwrite: true,
                ..
            }]
        ));
        // Typing another path forgets the confirmation.
        app.exported(&path, Err(Refused::Exists));
        press(&mut app, KeyCode::Backspace);
        type_text(&mut app, "d");
        let effects = press(&mut app, KeyCode::Enter);
        assert!(matches!(
            &effects[..],
            [Effect::Export {
                overwrite: false,
                ..
            }]
        ));
        // The data file is refused outright, confirmed or not.
        app.exported(&path, Err(Refused::DataFile));
        assert!(app.view.popup().is_some());
        // Before Enter, the box shows the whole command line that writes
        // the same, and Ctrl-Y copies it.
        let command = "sitrep summary tests/fixtures/dashboard.toml --search dam \
                       --format markdown > out.md";
        let Some(Popup::Export(prompt)) = app.view.popup() else {
            panic!("the prompt is open");
        };
        assert_eq!(prompt.command(), command);
        assert_eq!(prompt.command_lines().join(" "), command);
        let copy = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
        let action = app.keymap.action_for(app.mode(), app.view.focus, copy);
        assert_eq!(
            app.update(action.expect("Ctrl-Y is bound")),
            [Effect::Copy(command.to_string())]
        );
        assert_eq!(app.mode(), Mode::Export, "copying keeps the prompt");
        // A write that succeeds closes the prompt, so the next keys are
        // not typed into it; the footer says what was written and how to
        // get the command again.
        app.exported(&path, Ok(markdown.lines().count()));
        assert_eq!(app.mode(), Mode::Normal);
        assert_eq!(
            status(&app),
            format!(
                "wrote {} lines of Markdown to out.md · x shows its sitrep command",
                markdown.lines().count()
            )
        );
        assert!(press(&mut app, KeyCode::Char('j')).is_empty());
        assert!(
            press(&mut app, KeyCode::Enter)
                .iter()
                .all(|e| !matches!(e, Effect::Export { .. }))
        );
        press(&mut app, KeyCode::Esc);
        // The next `x` opens with that path, selected: its command is there,
        // and typing replaces the path.
        press(&mut app, KeyCode::Char('x'));
        let Some(Popup::Export(prompt)) = app.view.popup() else {
            panic!("the prompt is open");
        };
        assert_eq!(
            (prompt.text.text(), prompt.text.selected()),
            ("out.md", true)
        );
        assert_eq!(prompt.command(), command);
        // The extension picks the format.
        type_text(&mut app, "view.json");
        let effects = press(&mut app, KeyCode::Enter);
        let [Effect::Export { text, .. }] = &effects[..] else {
            panic!("{effects:?}");
        };
        assert_eq!(*text, app.view_as(Format::Json));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Char('x'));
        type_text(&mut app, "notes");
        let effects = press(&mut app, KeyCode::Enter);
        let [Effect::Export { text, .. }] = &effects[..] else {
            panic!("{effects:?}");
        };
        assert_eq!(*text, app.view_as(Format::Text));
    }
}
