// DiagnosticRenderer: the one formatter for every front end (notebook, line mode, batch).
//
//     error: unknown command 'trian'
//     1 | trian a epochs=20
//       | ^^^^^
//       = help: did you mean 'train'?
//
// The output is plain text; colour is a decorator (`DiagnosticStyle`) applied to its pieces.
// When the source has a file name a location line (` --> lesson.basin:3:1`) follows the
// message. Notes with a span get their own source line with a labelled caret run.

/// Decorates the pieces of a rendered diagnostic, e.g. with ANSI colour. The plain style
/// returns every piece unchanged.
public protocol DiagnosticStyle: Sendable {
    func severity(_ severity: Severity, _ text: String) -> String
    func message(_ text: String) -> String
    func gutter(_ text: String) -> String
    func caret(_ severity: Severity, _ text: String) -> String
    func help(_ text: String) -> String
}

/// No decoration: what batch runs, `NO_COLOR` and the tests see.
public struct PlainStyle: DiagnosticStyle {
    public init() {}
    public func severity(_ severity: Severity, _ text: String) -> String { text }
    public func message(_ text: String) -> String { text }
    public func gutter(_ text: String) -> String { text }
    public func caret(_ severity: Severity, _ text: String) -> String { text }
    public func help(_ text: String) -> String { text }
}

/// ANSI SGR colours: red errors, yellow warnings, cyan notes, blue gutter, bold message.
public struct ANSIStyle: DiagnosticStyle {
    public init() {}
    private func sgr(_ code: String, _ text: String) -> String { "\u{1B}[\(code)m\(text)\u{1B}[0m" }
    private func colour(_ severity: Severity) -> String {
        switch severity {
        case .error: return "1;31"
        case .warning: return "1;33"
        case .note: return "1;36"
        }
    }
    public func severity(_ severity: Severity, _ text: String) -> String { sgr(colour(severity), text) }
    public func message(_ text: String) -> String { sgr("1", text) }
    public func gutter(_ text: String) -> String { sgr("34", text) }
    public func caret(_ severity: Severity, _ text: String) -> String { sgr(colour(severity), text) }
    public func help(_ text: String) -> String { sgr("32", text) }
}

/// Formats diagnostics with their source lines and caret runs.
public struct DiagnosticRenderer: Sendable {
    public var style: any DiagnosticStyle

    public init(style: any DiagnosticStyle = PlainStyle()) {
        self.style = style
    }

    /// Renders one diagnostic. Without a source (or when the span's line is missing) only the
    /// message, notes and help are printed. The result ends without a newline.
    public func render(_ diagnostic: Diagnostic, source: SourceFile?) -> String {
        let spans = [diagnostic.span] + diagnostic.notes.compactMap(\.span)
        let width = String(spans.map(\.line).max() ?? 1).count
        var lines = [
            style.severity(diagnostic.severity, diagnostic.severity.rawValue + ":")
                + " " + style.message(TerminalSafe.text(diagnostic.message))
        ]
        if let source, !source.name.isEmpty {
            let span = diagnostic.span
            lines.append(pad(width) + style.gutter("-->") + " \(TerminalSafe.text(source.name)):\(span.line):\(span.column)")
        }
        lines += snippet(diagnostic.span, label: nil, severity: diagnostic.severity, source: source, width: width)
        var shownLine = source?.line(diagnostic.span.line) == nil ? nil : diagnostic.span.line
        for note in diagnostic.notes {
            if let span = note.span, source?.line(span.line) != nil {
                let drawn = snippet(span, label: note.message, severity: .note, source: source, width: width)
                // A note on the line just shown needs only its caret line.
                lines += span.line == shownLine ? Array(drawn.suffix(1)) : drawn
                shownLine = span.line
            } else {
                lines.append(pad(width) + " " + style.gutter("=") + " note: " + TerminalSafe.text(note.message))
            }
        }
        if let help = diagnostic.help {
            lines.append(pad(width) + " " + style.gutter("=") + " " + style.help("help:") + " " + TerminalSafe.text(help))
        }
        return lines.joined(separator: "\n")
    }

    /// Renders several diagnostics, each against the source whose name matches its span's
    /// file, separated by blank lines.
    public func render(_ diagnostics: [Diagnostic], sources: [SourceFile]) -> String {
        diagnostics.map { diagnostic in
            render(diagnostic, source: sources.first { $0.name == diagnostic.span.file })
        }.joined(separator: "\n\n")
    }

    /// `N | source line` and the caret line under `span`, optionally labelled.
    private func snippet(
        _ span: SourceSpan, label: String?, severity: Severity,
        source: SourceFile?, width: Int
    ) -> [String] {
        guard let text = source?.line(span.line) else { return [] }
        var scalars = Array(text.unicodeScalars).map(Self.displayable)
        var start = max(0, span.column - 1)
        let end = span.endLine == span.line ? span.endColumn - 1 : scalars.count
        var count = max(1, end - start)
        // A long line is shown as a window around the span, so every error prints a bounded
        // amount (10 KB of '}' printed 150 MB when each error repeated its whole line).
        if scalars.count > Self.maxShownColumns {
            let from = max(0, min(start - Self.maxShownColumns / 4, scalars.count - Self.maxShownColumns))
            let to = min(scalars.count, from + Self.maxShownColumns)
            let head: [Unicode.Scalar] = from > 0 ? ["…"] : [], tail: [Unicode.Scalar] = to < scalars.count ? ["…"] : []
            scalars = head + scalars[from..<to] + tail
            start = start - from + head.count
            count = max(1, min(count, to - from + head.count - start))
        }
        let number = String(span.line)
        let lead = pad(width - number.count) + style.gutter(number + " |")
        var caret = pad(start) + String(repeating: "^", count: count)
        caret = style.caret(severity, caret) + (label.map { " " + TerminalSafe.text($0) } ?? "")
        return [
            lead + (scalars.isEmpty ? "" : " " + String(String.UnicodeScalarView(scalars))),
            pad(width) + " " + style.gutter("|") + " " + caret,
        ]
    }

    /// Columns of a source line shown at most (a window around the span beyond that).
    public static let maxShownColumns = 120

    private func pad(_ count: Int) -> String { String(repeating: " ", count: max(0, count)) }

    /// Tabs and control characters would break caret alignment: show each as one cell.
    private static func displayable(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar == "\t" { return " " }
        if TerminalSafe.isUnsafe(scalar) || scalar == "\n" { return "\u{FFFD}" }
        return scalar
    }
}
