// Text into cells: word wrapping, and diagnostics coloured by a `DiagnosticStyle` that marks
// its pieces with private-use scalars, so the one DiagnosticRenderer lays out the text and the
// notebook only maps each marked piece to a cell style.
import Charts
import Diagnostics
import Foundation

/// Text for the profile: as is in Unicode; in ASCII the notebook's own arrows spelled out,
/// then the shared stand-ins (`→` as `->`, `·` as `.`) and `?` for anything else.
func folded(_ text: String, for profile: RenderProfile) -> String {
    guard !profile.isUnicode else { return text }
    var t = text
    for (symbol, word) in [("↑↓", "Up/Down"), ("↑", "Up"), ("↓", "Down"), ("⏎", "|"), ("❯", ">"), ("∇ ", "")] {
        t = t.replacingOccurrences(of: symbol, with: word)
    }
    return ASCIIFallback.text(t)
}

enum StyledText {
    /// Lines of at most `width` columns, broken at spaces where possible.
    static func wrapped(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { wrap(String($0), width) }
    }

    static func wrap(_ line: String, _ width: Int) -> [String] {
        var rest = Substring(line)
        var out: [String] = []
        while rest.count > width {
            let head = rest.prefix(width + 1)
            let cut = head.lastIndex(of: " ").flatMap { $0 > rest.startIndex ? $0 : nil }
            if let cut {
                out.append(String(rest[..<cut]))
                rest = rest[rest.index(after: cut)...]
            } else {
                out.append(String(rest.prefix(width)))
                rest = rest.dropFirst(width)
            }
        }
        out.append(String(rest))
        return out
    }

    /// Plain lines in one style as a buffer `width` wide.
    static func buffer(_ lines: [String], width: Int, style: CellStyle = .plain) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: lines.count)
        for (row, line) in lines.enumerated() { buffer.write(line, x: 0, y: row, style: style) }
        return buffer
    }

    /// A diagnostic as the shared renderer lays it out, coloured piece by piece, clipped.
    static func diagnostic(_ d: Diagnostic, source: SourceFile?, width: Int, profile: RenderProfile) -> CellBuffer {
        let text = DiagnosticRenderer(style: MarkedStyle()).render(d, source: source)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var buffer = CellBuffer(width: width, height: lines.count)
        for (row, line) in lines.enumerated() { writeMarked(String(line), row: row, into: &buffer, profile: profile) }
        return buffer.adapted(to: profile)
    }

    static func writeMarked(_ line: String, row: Int, into buffer: inout CellBuffer, profile: RenderProfile) {
        var style = CellStyle.plain, column = 0, text = ""
        func flush() {
            column = buffer.write(
                profile.isUnicode ? text : ASCIIFallback.text(text, oneForOne: true), x: column, y: row, style: style)
            text = ""
        }
        for scalar in line.unicodeScalars {
            if let piece = MarkedStyle.Piece(rawValue: scalar.value) {
                flush()
                style = piece.style
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        flush()
    }
}

/// Marks each piece of a rendered diagnostic with a private-use scalar naming its style.
struct MarkedStyle: DiagnosticStyle {
    enum Piece: UInt32 {
        case end = 0xE000, error, warning, note, message, gutter, help

        /// The private-use scalar that opens this piece (`end` closes any).
        var marker: String { Unicode.Scalar(rawValue).map { String($0) } ?? "" }

        var style: CellStyle {
            switch self {
            case .end: return .plain
            case .error: return CellStyle(foreground: .red, attributes: .bold)
            case .warning: return CellStyle(foreground: .yellow, attributes: .bold)
            case .note: return CellStyle(foreground: .cyan, attributes: .bold)
            case .message: return .bold
            case .gutter: return CellStyle(foreground: .blue)
            case .help: return CellStyle(foreground: .green)
            }
        }
    }

    func mark(_ piece: Piece, _ text: String) -> String {
        piece.marker + text + Piece.end.marker
    }

    func piece(_ severity: Severity) -> Piece {
        switch severity {
        case .error: return .error
        case .warning: return .warning
        case .note: return .note
        }
    }

    func severity(_ severity: Severity, _ text: String) -> String { mark(piece(severity), text) }
    func message(_ text: String) -> String { mark(.message, text) }
    func gutter(_ text: String) -> String { mark(.gutter, text) }
    func caret(_ severity: Severity, _ text: String) -> String { mark(piece(severity), text) }
    func help(_ text: String) -> String { mark(.help, text) }
}
