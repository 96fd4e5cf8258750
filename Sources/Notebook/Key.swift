// Keys as the notebook's state machine sees them: decoded by the ncurses layer (or written
// directly by tests), never raw terminal bytes.

/// One key press (or mouse wheel notch).
public enum Key: Sendable, Hashable {
    /// A printable character.
    case character(Character)
    /// Ctrl with a letter: `.control("a")` is Ctrl-A.
    case control(Character)
    case enter, tab, backTab, backspace, delete, escape
    case left, right, up, down, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)
    case wheelUp, wheelDown
    /// Alt (Meta) with a character: Alt-B, Alt-F.
    case alt(Character)

    /// A printable key for each character of `text` (tests type with it).
    public static func typing(_ text: String) -> [Key] {
        text.map { $0 == "\n" ? .enter : .character($0) }
    }
}
