// A canvas of dots over a grid of cells, for line plots and overlays: braille (2×4 dots per
// cell), an ASCII 1×2 fallback (' . :), or one marker glyph per cell. Each cell keeps the style
// of the last dot drawn in it, so series drawn later (validation, bright) sit on top.

/// A dot canvas; dot (0, 0) is the top-left, y grows downward.
public struct DotCanvas: Sendable {
    public enum Resolution: Sendable, Hashable {
        /// Unicode braille, 2 × 4 dots per cell.
        case braille
        /// ASCII: upper dot `'`, lower `.`, both `:`.
        case asciiHalves
        /// One dot per cell, drawn as the marker glyph of the layer that set it.
        case markers
    }

    public let columns: Int
    public let rows: Int
    public let resolution: Resolution
    var bits: [UInt8]
    var layers: [Int]

    public init(columns: Int, rows: Int, resolution: Resolution) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.resolution = resolution
        bits = Array(repeating: 0, count: self.columns * self.rows)
        layers = Array(repeating: -1, count: self.columns * self.rows)
    }

    /// The canvas for a profile: braille with Unicode, halves in ASCII, markers when several
    /// series must be told apart without colour.
    public static func resolution(for profile: RenderProfile, distinguishSeries: Bool) -> Resolution {
        if distinguishSeries && !profile.hasColor { return .markers }
        return profile.isUnicode ? .braille : .asciiHalves
    }

    public var dotsPerCell: (x: Int, y: Int) {
        switch resolution {
        case .braille: return (2, 4)
        case .asciiHalves: return (1, 2)
        case .markers: return (1, 1)
        }
    }

    public var dotWidth: Int { columns * dotsPerCell.x }
    public var dotHeight: Int { rows * dotsPerCell.y }

    /// Whether any dot of the cell is set.
    public func isSet(column: Int, row: Int) -> Bool {
        column >= 0 && column < columns && row >= 0 && row < rows && bits[row * columns + column] != 0
    }

    /// Sets one dot for `layer` (ignored outside the canvas).
    public mutating func set(x: Int, y: Int, layer: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let (sx, sy) = dotsPerCell
        let cell = (y / sy) * columns + x / sx
        bits[cell] |= Self.bit(dx: x % sx, dy: y % sy, resolution: resolution)
        layers[cell] = layer
    }

    /// Draws a straight segment between dot coordinates (fractional allowed), clipped to the canvas.
    public mutating func line(from a: (x: Double, y: Double), to b: (x: Double, y: Double), layer: Int) {
        guard let (p, q) = clip(a, b) else { return }
        var x0 = clampedInt(p.x.rounded()), y0 = clampedInt(p.y.rounded())
        let x1 = clampedInt(q.x.rounded()), y1 = clampedInt(q.y.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        while true {  // Bresenham, all octants
            set(x: x0, y: y0, layer: layer)
            if x0 == x1 && y0 == y1 { return }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += sx }
            if e2 <= dx { error += dx; y0 += sy }
        }
    }

    /// Clips a segment to the dot box (Liang–Barsky); nil when it misses or is not finite.
    func clip(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) -> ((x: Double, y: Double), (x: Double, y: Double))? {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return nil }
        let maxX = Double(dotWidth) - 0.5, maxY = Double(dotHeight) - 0.5
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x + 0.5), (dx, maxX - a.x), (-dy, a.y + 0.5), (dy, maxY - a.y)] {
            if p == 0 { if q < 0 { return nil }; continue }
            let r = q / p
            if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
            if t0 > t1 { return nil }
        }
        return ((a.x + t0 * dx, a.y + t0 * dy), (a.x + t1 * dx, a.y + t1 * dy))
    }

    /// The glyph of a cell, nil when empty. `markers` gives each layer's glyph in `.markers` mode.
    public func glyph(column: Int, row: Int, markers: [Unicode.Scalar] = []) -> Unicode.Scalar? {
        guard isSet(column: column, row: row) else { return nil }
        let index = row * columns + column
        switch resolution {
        case .braille: return Unicode.Scalar(0x2800 + UInt32(bits[index]))
        case .asciiHalves: return bits[index] == 3 ? ":" : bits[index] == 1 ? "'" : "."
        case .markers:
            let layer = layers[index]
            return layer >= 0 && layer < markers.count ? markers[layer] : "*"
        }
    }

    /// The layer that drew last in a cell (-1 for none).
    public func layer(column: Int, row: Int) -> Int {
        column >= 0 && column < columns && row >= 0 && row < rows ? layers[row * columns + column] : -1
    }

    /// Copies set cells into `buffer` at `origin`, styled by `style(layer)`.
    public func draw(
        into buffer: inout CellBuffer, x: Int, y: Int, markers: [Unicode.Scalar] = [],
        style: (Int) -> CellStyle
    ) {
        for row in 0..<rows {
            for column in 0..<columns {
                guard let g = glyph(column: column, row: row, markers: markers) else { continue }
                buffer.put(g, x: x + column, y: y + row, style: style(layer(column: column, row: row)))
            }
        }
    }

    static func bit(dx: Int, dy: Int, resolution: Resolution) -> UInt8 {
        switch resolution {
        case .braille:  // dots 1-2-3-7 down the left column, 4-5-6-8 down the right
            let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
            return dx == 0 ? left[dy] : right[dy]
        case .asciiHalves: return dy == 0 ? 1 : 2
        case .markers: return 1
        }
    }
}
