// Word wrapping for outputs at a prompt: a terminal breaks long lines mid-word at its edge, so
// line mode breaks them at spaces instead, continuing under a two-space indent. Widths skip
// ANSI escape sequences (coloured diagnostics). Source and caret lines of a diagnostic
// (`12 | …`, `   | ^^^`) are never wrapped: the caret must stay under its column.
// Batch output is not wrapped (golden transcripts stay one line per message).
// (ASCII stand-ins for LANG=C are the formatter's: Charts' `ASCIIFallback`.)
enum TextWrap {
    /// `text` with every line wider than `width` columns broken at spaces.
    static func wrapped(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { isSourceLine($0) ? String($0) : wrap(line: $0, width: width) }
            .joined(separator: "\n")
    }

    /// Greedy filling; a word wider than the room left starts a line of its own.
    static func wrap(line: Substring, width: Int) -> String {
        guard visibleWidth(line) > width else { return String(line) }
        let indent = String(repeating: " ", count: min(line.prefix { $0 == " " }.count + 2, width / 2))
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for (index, word) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let wordWidth = visibleWidth(word)
            if index == 0 {
                current = String(word)
                currentWidth = wordWidth
            } else if currentWidth + 1 + wordWidth <= width || currentWidth <= indent.count {
                current += " " + word
                currentWidth += 1 + wordWidth
            } else {
                lines.append(current)
                current = indent + word
                currentWidth = indent.count + wordWidth
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// Columns a line takes: characters outside escape sequences.
    static func visibleWidth(_ text: Substring) -> Int {
        withoutEscapes(text).unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }.count
    }

    /// The text without `ESC [ … letter` sequences.
    static func withoutEscapes(_ text: Substring) -> String {
        var result = String.UnicodeScalarView()
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if scalar.properties.isAlphabetic { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// A diagnostic's gutter line: optional spaces and a line number, then `|`.
    static func isSourceLine(_ line: Substring) -> Bool {
        withoutEscapes(line).drop { $0 == " " || $0.isNumber }.first == "|"
    }
}
