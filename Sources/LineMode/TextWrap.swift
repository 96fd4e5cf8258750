// Word wrapping for text outputs at a prompt: a terminal breaks long lines mid-word at its
// edge, so line mode breaks them at spaces instead, continuing under a two-space indent.
// Batch output is not wrapped (golden transcripts stay one line per message).
enum TextWrap {
    /// `text` with every line longer than `width` columns broken at spaces.
    static func wrapped(_ text: String, width: Int) -> String {
        guard width >= 20 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrap(line: $0, width: width) }
            .joined(separator: "\n")
    }

    /// One line, broken into pieces of at most `width` characters (a word longer than the
    /// room left is cut where the room ends).
    static func wrap(line: Substring, width: Int) -> String {
        guard line.count > width else { return String(line) }
        let indent = String(repeating: " ", count: min(line.prefix { $0 == " " }.count + 2, width / 2))
        var pieces: [String] = []
        var rest = line
        var room = width
        while rest.count > room {
            let window = rest.prefix(room + 1)
            let cut = window.lastIndex(of: " ").flatMap { $0 > rest.startIndex ? $0 : nil }
                ?? rest.index(rest.startIndex, offsetBy: room)
            pieces.append(String(rest[..<cut]).trimmingTrailingSpaces)
            rest = rest[cut...].drop { $0 == " " }
            room = width - indent.count
        }
        pieces.append(String(rest))
        return pieces.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }.joined(separator: "\n")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
