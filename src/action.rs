//! Everything a user can ask the dashboard for. Keys (through the table in
//! `keymap`) and mouse events become an [`Action`]; `App::update` is the only
//! place that acts on one.

/// The five panes, in focus order. Each pane's title shows its number, and
/// the number key jumps to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pane {
    Figures,
    Timeline,
    Actors,
    Quotes,
    Map,
}

impl Pane {
    pub const ALL: [Pane; 5] = [
        Pane::Figures,
        Pane::Timeline,
        Pane::Actors,
        Pane::Quotes,
        Pane::Map,
    ];
    pub const COUNT: usize = Pane::ALL.len();

    /// 1-based, as shown in titles and typed on the keyboard.
    pub fn number(self) -> u8 {
        match self {
            Pane::Figures => 1,
            Pane::Timeline => 2,
            Pane::Actors => 3,
            Pane::Quotes => 4,
            Pane::Map => 5,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Figures => "Key figures",
            Pane::Timeline => "Timeline",
            Pane::Actors => "Actors",
            Pane::Quotes => "Quotes",
            Pane::Map => "Map",
        }
    }

    /// Where the pane is in [`Pane::ALL`].
    pub fn position(self) -> usize {
        usize::from(self.number() - 1)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.position() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.position() + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// Movement within the focused pane or the open popup.
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Open the detail of the selected item (in a detail: of the selected
    /// actor or event).
    Open,
    /// Esc: close a popup, cancel input, clear the search, leave zoom. Never quits.
    Back,
    /// Start typing a search.
    Search,
    /// A character typed into the search or the actor picker.
    Input(char),
    DeleteChar,
    ClearInput,
    /// Keep the search typed so far and go back to browsing.
    Accept,
    NextMatch,
    PrevMatch,
    /// Open the actor picker.
    Picker,
    /// Open the facet picker (categories, tags, actor kinds, sources).
    Facets,
    /// Add the selected actor to the filter, or remove it.
    Toggle,
    ClearFilters,
    /// Open the date-window prompt.
    Window,
    /// Move the date window back or on by its own length.
    ShiftWindow {
        forward: bool,
    },
    /// Halve or double the date window around its middle.
    ScaleWindow {
        wider: bool,
    },
    /// Show only what is new or changed since the last look, or everything again.
    OnlyMarked,
    /// List what the file no longer has since the last look.
    Removed,
    /// Remove the last chip of the filter (the search, the window, the last
    /// facet, else the last actor).
    RemoveChip,
    /// In a detail: move to the next or previous actor or event named there.
    NextLink,
    PrevLink,
    Help,
    /// Show the whole `check` report of the save that did not load.
    Report,
    Zoom,
    /// The map: closer, farther, and fit to what the filter keeps.
    MapZoomIn,
    MapZoomOut,
    MapFit,
    /// Show or hide the time strip above the timeline.
    ToggleStrip,
    /// The timeline: oldest or newest first; the actors: tree, by events,
    /// by name.
    Sort,
    ToggleMouse,
    /// Read the open file again now (it is also reloaded when saved).
    Reload,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    /// Open the selected item's source in the browser (with several, choose).
    OpenSource,
    /// Copy the selected item as plain text to the clipboard.
    CopyItem,
    /// Copy the whole view as the Markdown briefing to the clipboard.
    CopyView,
    /// Edit the file in the user's editor at the selected item's line.
    Edit,
    /// Write the view to a file (a prompt asks for its path).
    Export,
    /// Left click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The mouse moved with the left button held (a drag).
    Drag {
        column: u16,
        row: u16,
    },
    /// The left button let go.
    Release {
        column: u16,
        row: u16,
    },
    /// Mouse wheel over a screen cell.
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn focus_order_wraps_both_ways() {
        assert_eq!(Pane::Map.next(), Pane::Figures);
        assert_eq!(Pane::Figures.prev(), Pane::Map);
        assert_eq!(Pane::Timeline.next(), Pane::Actors);
    }
}
