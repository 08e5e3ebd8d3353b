//! Enter: the detail of an event, actor, key figure, quote or place. Pages stack:
//! Enter on a link opens its page over this one, Esc goes back one. Each
//! page keeps its scroll and selected link; the document of the top page is
//! rebuilt at every layout (after each update), so it follows the data, the
//! filter, the width and the selected link.

use ratatui::layout::Rect;

use crate::action::Action;
use crate::data::Data;
use crate::doc::detail::{Document, Target, document};
use crate::geometry::popup;
use crate::keymap::Mode;
use crate::theme::Theme;

use super::{PopupModel, Reply, Scroll};

/// One page of the detail popup.
#[derive(Clone, Debug, PartialEq)]
pub struct DetailPage {
    pub target: Target,
    pub scroll: Scroll,
    /// The selected link among those the page names.
    pub link: usize,
    /// The page's text at the popup's width (empty until laid out).
    pub doc: Document,
}

impl DetailPage {
    pub fn new(target: Target) -> DetailPage {
        DetailPage {
            target,
            scroll: Scroll::default(),
            link: 0,
            doc: Document::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DetailPopup {
    /// Never empty: the popup closes with its last page.
    pub pages: Vec<DetailPage>,
}

impl DetailPopup {
    pub fn new(target: Target) -> DetailPopup {
        DetailPopup {
            pages: vec![DetailPage::new(target)],
        }
    }

    pub fn top(&self) -> &DetailPage {
        // Invariant: `pages` is never empty (see `update`, Back).
        self.pages.last().expect("a detail has a page")
    }

    fn top_mut(&mut self) -> &mut DetailPage {
        self.pages.last_mut().expect("a detail has a page")
    }
}

impl PopupModel for DetailPopup {
    fn mode(&self) -> Mode {
        Mode::Detail
    }

    fn area(&self, space: Rect) -> Rect {
        popup::detail(space).outer
    }

    fn relayout(&mut self, data: &Data, theme: &Theme, space: Rect) {
        let rects = popup::detail(space);
        for page in &mut self.pages {
            page.scroll.height = rects.text_height();
        }
        // The top page's text, with its selected link marked.
        let page = self.top_mut();
        page.doc = document(data, theme, page.target, page.link, rects.text.width);
        page.scroll.lines = page.doc.lines.len();
        page.scroll.clamp();
    }

    fn update(&mut self, action: Action, _data: &Data, _space: Rect) -> Reply {
        let page = self.top_mut();
        let links = &page.doc.links;
        match action {
            Action::NextLink | Action::PrevLink if !links.is_empty() => {
                let n = links.len();
                let at = page.link.min(n - 1);
                page.link = if action == Action::NextLink {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                // The mark moves when the page is laid out again.
                let line = links[page.link].line;
                page.scroll.show(line);
                Reply::Done
            }
            Action::Toggle => match links.get(page.link).map(|link| link.target) {
                Some(Target::Actor(actor)) => Reply::ToggleActor(actor),
                Some(Target::Place(place)) => Reply::TogglePlace(place),
                Some(_) => Reply::Status("only actors and places go in the filter".into()),
                None => Reply::Done,
            },
            Action::Open => match links.get(page.link).copied() {
                // The actor's own line on its page: nothing new to open.
                Some(link) if link.target == page.target => Reply::Status("already open".into()),
                Some(link) => {
                    self.pages.push(DetailPage::new(link.target));
                    Reply::Done
                }
                None => Reply::Done,
            },
            Action::Back => {
                if self.pages.len() == 1 {
                    return Reply::Close;
                }
                self.pages.pop();
                Reply::Done
            }
            other => {
                page.scroll.apply(other);
                Reply::Done
            }
        }
    }
}
