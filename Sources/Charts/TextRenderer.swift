// Turns a cell buffer into text for batch and line mode: ANSI SGR escapes (256-colour
// `38;5;N`, 16-colour `3x/9x`, attributes only) or plain glyphs; trailing blanks trimmed.

/// Prints cell buffers as text.
public struct TextRenderer: Sendable {
    public var profile: RenderProfile
    /// Whether to emit ANSI escapes at all (false: plain text, e.g. piped output).
    public var usesEscapes: Bool

    public init(profile: RenderProfile, usesEscapes: Bool) {
        self.profile = profile
        self.usesEscapes = usesEscapes
    }

    public init(environment: TerminalEnvironment) {
        self.init(profile: environment.profile, usesEscapes: environment.usesEscapes)
    }

    /// The buffer's rows joined with newlines (no trailing newline).
    public func render(_ buffer: CellBuffer) -> String {
        renderLines(buffer).joined(separator: "\n")
    }

    /// One string per row.
    public func renderLines(_ buffer: CellBuffer) -> [String] {
        (0..<buffer.height).map { renderRow($0, of: buffer) }
    }

    func renderRow(_ row: Int, of buffer: CellBuffer) -> String {
        var end = buffer.width
        while end > 0 && isInvisible(buffer[x: end - 1, y: row]) { end -= 1 }
        var line = ""
        var current = CellStyle.plain
        for column in 0..<end {
            let cell = buffer[x: column, y: row]
            if usesEscapes {
                let style = profile.adapted(cell.style)
                if style != current {
                    line += sgr(style)
                    current = style
                }
            }
            line.unicodeScalars.append(printable(cell.glyph))
        }
        if usesEscapes && current != .plain { line += "\u{1B}[0m" }
        return line
    }

    /// A blank that would print as nothing: no escapes at all, or no background/reverse/underline
    /// left after adapting its colours to the profile.
    func isInvisible(_ cell: Cell) -> Bool {
        guard cell.glyph == " " else { return false }
        return !usesEscapes || Cell(" ", style: profile.adapted(cell.style)).isPlainBlank
    }

    /// ASCII profiles never print non-ASCII; controls are never printed.
    func printable(_ glyph: Unicode.Scalar) -> Unicode.Scalar {
        if glyph.value < 0x20 || glyph.value == 0x7F { return "?" }
        if !profile.isUnicode && glyph.value > 0x7E { return ASCIIFallback.scalar(glyph) ?? "?" }
        return glyph
    }

    /// A full SGR sequence for a style: reset, then attributes and colours.
    public func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        let attributes: [(CellAttributes, String)] = [(.bold, "1"), (.dim, "2"), (.underline, "4"), (.reverse, "7")]
        for (attribute, code) in attributes where style.attributes.contains(attribute) { codes.append(code) }
        if let code = colorCode(style.foreground, background: false) { codes.append(code) }
        if let code = colorCode(style.background, background: true) { codes.append(code) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    func colorCode(_ color: Color, background: Bool) -> String? {
        guard case .indexed(let i) = profile.adapted(color) else { return nil }
        switch profile.colors {
        case .none: return nil
        case .palette256: return (background ? "48;5;" : "38;5;") + String(i)
        case .basic8, .basic16:
            let base = i < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
            return String(base + Int(i % 8))
        }
    }
}
