// ncurses key codes and characters to `Key`s.
import CNcurses

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
