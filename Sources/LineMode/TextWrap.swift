// Word wrapping for outputs at a prompt: a terminal breaks long lines mid-word at its edge, so
// line mode breaks them at spaces instead, continuing under a two-space indent (or under the
// description column of a `  name   description` row). Widths skip
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
        let indent = String(repeating: " ", count: hangingIndent(line, width: width))
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

    /// Where continuation lines start: under the description of a `  name   description` row
    /// (help, usage tables), else two columns in from the line's own indentation.
    static func hangingIndent(_ line: Substring, width: Int) -> Int {
        let plain = Array(withoutEscapes(line))
        let leading = plain.prefix { $0 == " " }.count
        var column = leading
        while column < plain.count, plain[column] != " " { column += 1 }
        let gapStart = column
        while column < plain.count, plain[column] == " " { column += 1 }
        if column - gapStart >= 2, column < plain.count, column <= width / 2 { return column }
        return min(leading + 2, width / 2)
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
