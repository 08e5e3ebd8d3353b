//! Where popups go. Every popup is a box centred in the popup space (the
//! screen below the reload banner, when there is one); its text sits inside
//! a margin. State pages and scrolls by these numbers, hits test against
//! them, and drawing draws into them.

use ratatui::layout::{Margin, Rect};

/// A centred box of at most `width` x `height` inside `area` (all of it
/// when it is smaller).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The boxes of one popup: its frame and where its text goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PopupRects {
    pub outer: Rect,
    pub text: Rect,
}

impl PopupRects {
    /// A box of at most `width` x `height` centred in `space`, text inside a
    /// margin of `margin` columns and one row.
    pub fn centered(space: Rect, width: u16, height: u16, margin: u16) -> PopupRects {
        let outer = centered(space, width, height);
        PopupRects {
            outer,
            text: outer.inner(Margin::new(margin, 1)),
        }
    }

    /// Rows of text in view.
    pub fn text_height(&self) -> usize {
        usize::from(self.text.height)
    }
}

/// A detail page: up to 100 columns, the space's height but two rows.
pub fn detail(space: Rect) -> PopupRects {
    PopupRects::centered(space, 100, space.height.saturating_sub(2), 2)
}

/// The key help: up to 80 columns.
pub fn help(space: Rect) -> PopupRects {
    PopupRects::centered(space, 80, space.height.saturating_sub(2), 2)
}

/// A scrollable report (the `check` report of a save that did not load).
pub fn report(space: Rect) -> PopupRects {
    PopupRects::centered(space, 110, space.height.saturating_sub(2), 2)
}

/// The list of what was removed since the last look: up to 90 columns,
/// as tall as its `lines` (within the space but two rows).
pub fn removed(space: Rect, lines: usize) -> PopupRects {
    let height = u16::try_from(lines.max(1) + 2).unwrap_or(u16::MAX);
    PopupRects::centered(space, 90, height.min(space.height.saturating_sub(2)), 2)
}

/// The date-window prompt: the text, then up to three rows of what is
/// wrong with it or a hint.
pub fn window(space: Rect) -> PopupRects {
    PopupRects::centered(space, 72, 6, 1)
}

/// Rows of the export prompt above its command line: the path, two rows of
/// what is wrong or a hint, a blank row and the command's heading.
pub const EXPORT_ROWS_ABOVE_COMMAND: u16 = 5;

/// The export prompt: the path, what is wrong or a hint, then the
/// `sitrep summary` command line in `command_rows` rows (wrapped).
pub fn export(space: Rect, command_rows: usize) -> PopupRects {
    let rows = u16::try_from(command_rows.max(1)).unwrap_or(u16::MAX);
    let height = rows.saturating_add(EXPORT_ROWS_ABOVE_COMMAND + 2);
    PopupRects::centered(space, 76, height.min(space.height.saturating_sub(2)), 1)
}

/// The source chooser: the sources' rows (as many as fit, see
/// [`super::sources`]), a blank row, then the highlighted source's URL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourcesRects {
    pub outer: Rect,
    pub list: Rect,
    /// Where the highlighted source's URL goes.
    pub url: Rect,
}

/// The chooser for a list of `rows` rows in all: as tall as they need,
/// within the space but two rows; as wide whatever its height.
pub fn sources(space: Rect, rows: usize) -> SourcesRects {
    let height = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(4);
    let width = titles_width(space, 76);
    let outer = centered(space, width, height.min(space.height.saturating_sub(2)));
    let inner = outer.inner(Margin::new(2, 1));
    let list = Rect {
        height: inner.height.saturating_sub(2),
        ..inner
    };
    let url = Rect {
        y: inner.bottom().saturating_sub(1),
        height: inner.height.min(1),
        ..inner
    };
    SourcesRects { outer, list, url }
}

/// A list picker: a query row, a count row, then the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PickerRects {
    pub outer: Rect,
    pub inner: Rect,
    pub list: Rect,
}

/// The actor picker.
pub fn picker(space: Rect) -> PickerRects {
    list_picker(space, 68)
}

/// The facet picker: a little wider than the actor picker, for the
/// sources' titles, and wider still on a wide screen.
pub fn facets(space: Rect) -> PickerRects {
    list_picker(space, titles_width(space, 76))
}

/// Columns a box listing sources' titles takes at most.
pub const TITLES_MAX_WIDTH: u16 = 110;

/// The width of a box that lists sources' titles: `base` columns, or on a
/// wide screen three quarters of it (up to [`TITLES_MAX_WIDTH`]), so that a
/// title is not cut or wrapped while the screen has room for it.
fn titles_width(space: Rect, base: u16) -> u16 {
    (space.width / 4 * 3).clamp(base, TITLES_MAX_WIDTH)
}

fn list_picker(space: Rect, width: u16) -> PickerRects {
    let outer = centered(space, width, 24.min(space.height.saturating_sub(4)));
    let inner = outer.inner(Margin::new(1, 1));
    let list = Rect {
        y: inner.y.saturating_add(2),
        height: inner.height.saturating_sub(2),
        ..inner
    };
    PickerRects { outer, inner, list }
}

/// Where popups are centred on a screen of `size` whose banner is
/// `banner`. Popups leave the first and last rows of it free: the header's
/// last row and the footer. While the reload banner shows, the space starts
/// at the banner's last row instead, so a popup never hides why the file
/// did not reload.
pub fn space(size: Rect, banner: Rect) -> Rect {
    if banner.is_empty() {
        return size;
    }
    let top = banner.bottom().saturating_sub(1).max(size.y);
    Rect {
        y: top,
        height: size.bottom().saturating_sub(top),
        ..size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(inner: Rect, outer: Rect) -> bool {
        inner.x >= outer.x
            && inner.y >= outer.y
            && inner.right() <= outer.right()
            && inner.bottom() <= outer.bottom()
    }

    #[test]
    fn popups_stay_inside_their_space() {
        for (w, h) in [(50, 12), (80, 21), (200, 57), (240, 20)] {
            let space = Rect::new(0, 3, w, h);
            for rects in [
                detail(space),
                help(space),
                report(space),
                removed(space, 500),
            ] {
                assert!(inside(rects.outer, space), "{rects:?} in {space:?}");
                assert!(inside(rects.text, rects.outer), "{rects:?}");
            }
            for p in [picker(space), facets(space)] {
                assert!(inside(p.outer, space), "{p:?} in {space:?}");
                assert!(inside(p.list, p.outer), "{p:?}");
            }
            for count in [1, 3, 100] {
                let s = sources(space, count);
                assert!(inside(s.outer, space), "{s:?} in {space:?}");
                assert!(inside(s.list, s.outer) && inside(s.url, s.outer), "{s:?}");
                assert!(s.list.bottom() <= s.url.y, "{s:?}");
            }
        }
    }

    #[test]
    fn boxes_of_titles_widen_on_a_wide_screen() {
        let widths = |w: u16| {
            let space = Rect::new(0, 1, w, 40);
            (facets(space).outer.width, sources(space, 3).outer.width)
        };
        // No wider than the screen, as wide as before at 80 and 100 columns.
        assert_eq!(widths(70), (70, 70));
        assert_eq!(widths(80), (76, 76));
        assert_eq!(widths(100), (76, 76));
        // Then three quarters of the screen, up to a limit.
        assert_eq!(widths(120), (90, 90));
        assert_eq!(widths(200), (TITLES_MAX_WIDTH, TITLES_MAX_WIDTH));
    }

    #[test]
    fn popups_open_below_the_banner() {
        let size = Rect::new(0, 0, 80, 24);
        assert_eq!(space(size, Rect::default()), size);
        let below = space(size, Rect::new(0, 2, 80, 2));
        assert_eq!((below.y, below.height), (3, 21));
    }
}
