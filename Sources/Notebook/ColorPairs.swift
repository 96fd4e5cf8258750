// Colour pairs for ncurses: one pair per (foreground, background) seen, allocated on first use
// and never recycled (ramps are quantized to ≤ 64 levels, so a frame needs few). A colour
// index the terminal does not have becomes the default colour; when pairs run out, new
// combinations draw in the default pair.
import CNcurses
import Charts

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
