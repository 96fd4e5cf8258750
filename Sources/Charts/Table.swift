// Tables (layer summaries, `compare`, sweep trials): a bold header, a rule, aligned columns that
// shrink with `…` when the width is short, an optional highlighted row (the best trial).

/// A text table.
public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Hashable {
        case left, right, center
    }

    public struct Column: Sendable, Equatable {
        public var header: String
        public var alignment: Alignment
        public init(_ header: String, alignment: Alignment = .left) {
            self.header = header
            self.alignment = alignment
        }
    }

    public var title: String?
    public var columns: [Column]
    /// Cell text, row by row; missing cells are blank, extra cells ignored.
    public var rows: [[String]]
    /// A row drawn in bold (e.g. the best trial).
    public var highlightedRow: Int?

    public init(title: String? = nil, columns: [Column], rows: [[String]], highlightedRow: Int? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.highlightedRow = highlightedRow
    }

    /// A number for a table cell: compact with `significant` digits (`1.23k`, `0.0312`, `2.5e-5`).
    public static func number(_ v: Double, significant: Int = 3) -> String {
        NumberFormat.compact(v, significant: significant)
    }

    /// An integer with thin grouping: 15210 → `15,210`.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var grouped = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return (n < 0 ? "-" : "") + grouped
    }

    static let gap = 2
    var titleRows: Int { (title ?? "").isEmpty ? 0 : 1 }

    public func preferredHeight(width: Int) -> Int { titleRows + 2 + rows.count }

    func cell(_ row: Int, _ column: Int) -> String {
        column < rows[row].count ? rows[row][column] : ""
    }

    /// Natural widths, then the widest column shrunk one at a time until the table fits
    /// (no column below 3, or its natural width if smaller).
    func columnWidths(fitting width: Int) -> [Int] {
        var widths = columns.indices.map { c in
            max(columns[c].header.count, rows.indices.map { cell($0, c).count }.max() ?? 0)
        }
        let available = width - Self.gap * max(0, columns.count - 1)
        while widths.reduce(0, +) > available {
            guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 3 else { break }
            widths[widest] -= 1
        }
        return widths
    }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        if let title { buffer.write(clipped(title, to: buffer.width, profile: profile), x: 0, y: 0, style: .bold) }
        let widths = columnWidths(fitting: buffer.width)
        var y = titleRows
        drawRow(columns.map(\.header), y: y, widths: widths, style: .bold, into: &buffer, profile: profile)
        y += 1
        let ruleLength = min(buffer.width, widths.reduce(0, +) + Self.gap * max(0, widths.count - 1))
        buffer.write(
            String(repeating: String(Glyphs.horizontalLine(profile)), count: max(0, ruleLength)), x: 0, y: y,
            style: CellStyle(foreground: profile.adapted(.gray)))
        y += 1
        let room = buffer.height - y
        let shown = rows.count <= room ? rows.count : max(0, room - 1)
        for r in 0..<shown {
            let style: CellStyle = r == highlightedRow ? CellStyle(attributes: .bold) : .plain
            drawRow(columns.indices.map { cell(r, $0) }, y: y + r, widths: widths, style: style, into: &buffer, profile: profile)
        }
        if shown < rows.count && y + shown < buffer.height {
            buffer.write(String(Glyphs.ellipsis(profile)) + " \(rows.count - shown) more rows", x: 0, y: y + shown, style: .dim)
        }
        return buffer
    }

    func drawRow(
        _ texts: [String], y: Int, widths: [Int], style: CellStyle, into buffer: inout CellBuffer,
        profile: RenderProfile
    ) {
        var x = 0
        for (c, width) in widths.enumerated() {
            let text = clipped(texts[c], to: width, profile: profile)
            let slack = width - text.unicodeScalars.count
            let offset: Int
            switch columns[c].alignment {
            case .left: offset = 0
            case .right: offset = slack
            case .center: offset = slack / 2
            }
            buffer.write(text, x: x + offset, y: y, style: style, clip: Rect(x: x, y: y, width: width, height: 1))
            x += width + Self.gap
        }
    }
}
