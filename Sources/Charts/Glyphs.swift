// Glyph tables: eighth blocks for bars and sparklines, box drawing for axes, and their ASCII twins.

/// Block and line glyphs for a profile.
public enum Glyphs {
    static let lowerEighths: [Unicode.Scalar] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let leftEighths: [Unicode.Scalar] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    static let asciiVertical: [Unicode.Scalar] = [" ", "_", "_", ".", "-", "-", "=", "=", "#"]

    /// A cell filled `eighths`/8 from the bottom (0–8, clamped).
    public static func vertical(eighths: Int, profile: RenderProfile) -> Unicode.Scalar {
        let e = max(0, min(8, eighths))
        return profile.isUnicode ? lowerEighths[e] : asciiVertical[e]
    }

    /// A cell filled `eighths`/8 from the left (0–8); ASCII rounds to a whole `#`.
    public static func horizontal(eighths: Int, profile: RenderProfile) -> Unicode.Scalar {
        let e = max(0, min(8, eighths))
        if profile.isUnicode { return leftEighths[e] }
        return e >= 4 ? "#" : " "
    }

    /// A horizontal bar of `length` cells (fractional, at eighth resolution).
    public static func horizontalBar(length: Double, profile: RenderProfile) -> String {
        let eighths = clampedInt((max(0, length) * 8).rounded(), limit: 8_000_000)
        var bar = String(repeating: profile.isUnicode ? "█" : "#", count: eighths / 8)
        if eighths % 8 > 0 { bar.unicodeScalars.append(horizontal(eighths: eighths % 8, profile: profile)) }
        while bar.last == " " { bar.removeLast() }
        return bar
    }

    public static func horizontalLine(_ p: RenderProfile) -> Unicode.Scalar { p.glyph("─", "-") }
    public static func verticalLine(_ p: RenderProfile) -> Unicode.Scalar { p.glyph("│", "|") }
    public static func dottedVertical(_ p: RenderProfile) -> Unicode.Scalar { p.glyph("┊", ":") }
    public static func ellipsis(_ p: RenderProfile) -> Unicode.Scalar { p.glyph("…", "~") }
}
