// The ncurses backend, kept thin: start (setlocale, newterm — never initscr, which exits on an
// unknown TERM — cbreak, keypad, mouse wheel, colours after start_color), read one key with a
// timeout, copy only the cells that changed since the previous frame, and end. Colour pairs
// are allocated on first use and never recycled (ramps have ≤ 64 levels, so a frame needs few);
// a colour the terminal lacks becomes the default, and when pairs run out new combinations
// draw in the default pair.
import CNcurses
import Charts
import Foundation

final class Terminal {
    let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    let colors: ColorPairs?

    /// nil when the terminal cannot run the notebook (unknown TERM, no cursor addressing).
    init?(noColor: Bool) {
        setlocale(LC_ALL, "")
        guard let screen = newterm(nil, basin_stdout(), basin_stdin()) else { return nil }
        guard basin_tigetstr("cup") != nil, let window = basin_stdscr() else {
            endwin()
            delscreen(screen)
            return nil
        }
        self.screen = screen
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, 33)
        mousemask(basin_wheel_up() | basin_wheel_down(), nil)
        mouseinterval(0)
        if !noColor && has_colors() {
            start_color()
            use_default_colors()
            colors = ColorPairs(colorCount: Int(basin_colors()), pairCount: Int(basin_color_pairs()))
        } else {
            colors = nil
        }
    }

    /// The profile this terminal can show: Unicode when the locale is UTF-8, colours as it has.
    func profile(unicode: Bool) -> RenderProfile {
        RenderProfile(
            glyphs: unicode ? .unicode : .ascii, colors: colors.map { RenderProfile.Colors(colorCount: $0.colorCount) } ?? .none)
    }

    var size: (width: Int, height: Int) {
        var h: Int32 = 0, w: Int32 = 0
        basin_getmaxyx(window, &h, &w)
        return (Int(w), Int(h))
    }

    /// What one read gave.
    enum Input {
        case key(Key)
        case resize
        /// A code the notebook has no use for.
        case ignored
    }

    /// Waits up to 33 ms (or not at all) for input; nil when none came.
    func read(wait: Bool = true) -> Input? {
        wtimeout(window, wait ? 33 : 0)
        var ch: wint_t = 0
        let r = wget_wch(window, &ch)
        if r == basin_err() { return nil }
        if r == basin_key_code_yes() {
            if Int32(truncatingIfNeeded: ch) == basin_key_resize() { return .resize }
            return KeyDecoder.special(Int32(truncatingIfNeeded: ch), mouse: mouseEvent).map(Input.key) ?? .ignored
        }
        if ch == 27 { return .key(escapeOrAlt()) }
        return KeyDecoder.character(UInt32(ch)).map(Input.key) ?? .ignored
    }

    /// Esc alone, or Alt with the character that follows at once.
    private func escapeOrAlt() -> Key {
        wtimeout(window, 0)
        var ch: wint_t = 0
        guard wget_wch(window, &ch) == basin_ok(), let scalar = Unicode.Scalar(UInt32(ch)), ch >= 32 else { return .escape }
        return .alt(Character(scalar))
    }

    private func mouseEvent() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == basin_ok() else { return nil }
        if event.bstate & basin_wheel_up() != 0 { return .wheelUp }
        if basin_wheel_down() != 0 && event.bstate & basin_wheel_down() != 0 { return .wheelDown }
        return nil
    }

    /// Draws the cells of `frame` that differ from `previous`, then places the cursor.
    func draw(_ frame: CellBuffer, previous: CellBuffer, cursor: (x: Int, y: Int)?) {
        var wide: [wchar_t] = [0, 0]
        for change in frame.diff(from: previous) {
            wide[0] = wchar_t(bitPattern: change.cell.glyph.value)
            let (attributes, pair) = style(change.cell.style)
            _ = basin_put_cell(Int32(change.y), Int32(change.x), &wide, attributes, pair)
        }
        if let cursor {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    func style(_ s: CellStyle) -> (attr_t, Int16) {
        var a = basin_a_normal()
        if s.attributes.contains(.bold) { a |= basin_a_bold() }
        if s.attributes.contains(.dim) { a |= basin_a_dim() }
        if s.attributes.contains(.reverse) { a |= basin_a_reverse() }
        if s.attributes.contains(.underline) { a |= basin_a_underline() }
        return (a, colors?.pair(s.foreground, s.background) ?? 0)
    }

    /// Makes the next draw repaint every cell (after Ctrl-L, a suspend or a resize).
    func invalidate() { clearok(basin_curscr(), true) }

    /// Leaves curses mode for a moment (Ctrl-Z); the next refresh comes back.
    func suspend() { endwin() }

    func resume() {
        wrefresh(window)
        invalidate()
    }

    func close() {
        endwin()
        delscreen(screen)
    }
}

final class ColorPairs {
    let colorCount: Int
    let pairLimit: Int
    private var pairs: [UInt32: Int16] = [:]
    private var next: Int32 = 1

    init(colorCount: Int, pairCount: Int) {
        self.colorCount = colorCount
        pairLimit = min(pairCount, Int(Int16.max))
    }

    func pair(_ foreground: Color, _ background: Color) -> Int16 {
        let fg = index(foreground), bg = index(background)
        if fg < 0 && bg < 0 { return 0 }
        let key = UInt32(UInt16(bitPattern: fg)) << 16 | UInt32(UInt16(bitPattern: bg))
        if let p = pairs[key] { return p }
        guard Int(next) < pairLimit else { return 0 }
        let p = Int16(next)
        init_pair(p, fg, bg)
        pairs[key] = p
        next += 1
        return p
    }

    /// The terminal's index for a colour: -1 (default) for `.default` or one it lacks.
    func index(_ c: Color) -> Int16 {
        guard let i = c.index, i < colorCount else { return -1 }
        return Int16(i)
    }
}
