// Keys as the notebook's state machine sees them (tests write them directly), and how the
// ncurses layer decodes wget_wch's characters and KEY_* codes into them.
import CNcurses

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

enum KeyDecoder {
    /// A character from wget_wch: controls become Ctrl-letters, Enter, Tab, Backspace.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 127, 8: return .backspace
        case 0: return nil
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + value))))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A KEY_* code (keypad mode).
    static func special(_ code: Int32, mouse: () -> Key?) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case basin_key_mouse(): return mouse()
        default:
            for n in 1...12 where code == basin_key_f(Int32(n)) { return .function(n) }
            return nil
        }
    }
}
