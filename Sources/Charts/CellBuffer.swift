// The pure cell buffer every chart draws into (ratatui's Buffer): width × height cells, clipped
// writes, fills, blits of sub-buffers, `lines()` for tests and `diff` for the notebook backend.

/// A rectangle of cells; `x`, `y` is the top-left corner.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        return Rect(x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
    }

    /// This rectangle shrunk by `dx` columns and `dy` rows on every side.
    public func inset(dx: Int, dy: Int) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}

/// A changed cell, as `CellBuffer.diff` reports it.
public struct CellChange: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var cell: Cell

    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

/// A width × height grid of cells. Sizes below zero become zero; every access outside the
/// grid is ignored (writes) or answers a blank (reads), so drawing code never traps.
public struct CellBuffer: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, filling cell: Cell = .blank) {
        let w = max(0, min(width, 100_000)), h = max(0, min(height, 100_000))
        let count = w.multipliedReportingOverflow(by: h)
        let fits = !count.overflow && count.partialValue <= 10_000_000
        self.width = fits ? w : 0
        self.height = fits ? h : 0
        self.cells = Array(repeating: cell, count: fits ? count.partialValue : 0)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x x: Int, y y: Int) -> Cell {
        get { bounds.contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if bounds.contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Sets the glyph at a position, keeping the background already there when `style`'s is default.
    public mutating func put(_ glyph: Unicode.Scalar, x: Int, y: Int, style: CellStyle = .plain) {
        guard bounds.contains(x: x, y: y) else { return }
        var s = style
        if s.background == .default { s.background = cells[y * width + x].style.background }
        cells[y * width + x] = Cell(glyph, style: s)
    }

    /// Writes `text` on one row from column `x`, clipped to `clip` (default: the whole buffer).
    /// Controls and wide characters become `?`, zero-width marks are dropped.
    /// Returns the column after the text (counting stops at the clip edge).
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var column = x
        for scalar in text.unicodeScalars {
            let w = columnWidth(of: scalar)
            if w == 0 { continue }
            let glyph: Unicode.Scalar = w == 1 ? scalar : "?"
            if area.contains(x: column, y: y) { put(glyph, x: column, y: y, style: style) }
            column += 1
            if column >= area.maxX && column > x { break }
        }
        return column
    }

    /// Fills a rectangle (clipped) with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for row in r.y..<r.maxY {
            for col in r.x..<r.maxX { cells[row * width + col] = cell }
        }
    }

    /// Copies another buffer in with its top-left corner at `x`, `y` (clipped).
    public mutating func blit(_ other: CellBuffer, x: Int, y: Int) {
        let target = Rect(x: x, y: y, width: other.width, height: other.height).intersection(bounds)
        guard !target.isEmpty else { return }
        for row in target.y..<target.maxY {
            for col in target.x..<target.maxX {
                cells[row * width + col] = other.cells[(row - y) * other.width + (col - x)]
            }
        }
    }

    /// The glyphs row by row, trailing spaces trimmed: what tests compare with literals.
    public func lines() -> [String] {
        (0..<height).map { row in
            var text = String.UnicodeScalarView()
            for col in 0..<width { text.append(cells[row * width + col].glyph) }
            var line = String(text)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// `lines()` joined with newlines.
    public var text: String { lines().joined(separator: "\n") }

    /// The cells that differ from `previous`, row-major. A size change reports every cell.
    public func diff(from previous: CellBuffer) -> [CellChange] {
        let sameSize = previous.width == width && previous.height == height
        var changes: [CellChange] = []
        for index in cells.indices where !sameSize || cells[index] != previous.cells[index] {
            changes.append(CellChange(x: index % width, y: index / width, cell: cells[index]))
        }
        return changes
    }

    /// Every colour mapped to what `profile` allows (see `RenderProfile.adapted`), and in ASCII
    /// profiles every non-ASCII glyph (user text such as `→`) replaced by `?`.
    public func adapted(to profile: RenderProfile) -> CellBuffer {
        var copy = self
        for index in copy.cells.indices {
            copy.cells[index].style = profile.adapted(copy.cells[index].style)
            if !profile.isUnicode && !copy.cells[index].glyph.isASCII {
                copy.cells[index].glyph = ASCIIFallback.scalar(copy.cells[index].glyph) ?? "?"
            }
        }
        return copy
    }
}
