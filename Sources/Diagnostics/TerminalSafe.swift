// Text that came from files (a CSV field, a column name, a script's line) can hold escape
// sequences; printed raw, they would change a terminal's title, hide its cursor or worse. Every
// front end prints messages and text outputs through this: control characters other than
// newline and tab become U+FFFD.
public enum TerminalSafe {
    /// `text` with every C0 control (but newline and tab), DEL and C1 control replaced by U+FFFD.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x0A && v != 0x09) || (v >= 0x7F && v < 0xA0)
    }
}
