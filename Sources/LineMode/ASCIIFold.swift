// Plain-ASCII text for a non-UTF-8 locale (LANG=C): the interpreter's messages use a few
// typographic characters (`·`, `→`, `×`, `—`); a terminal that cannot show them gets readable
// ASCII instead of mojibake. Charts are already drawn in ASCII by the Charts profile; anything
// else outside ASCII (a user's own file name, say) becomes `?`.
enum ASCIIFold {
    static let replacements: [Unicode.Scalar: String] = [
        "·": "-", "•": "*", "→": "->", "←": "<-", "×": "x", "—": "--", "–": "-", "…": "...",
        "≈": "~", "≤": "<=", "≥": ">=", "±": "+/-", "−": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"",
        "─": "-", "│": "|", "σ": "sigma", "η": "eta", "²": "^2", "°": " deg",
    ]

    /// `text` with every non-ASCII scalar replaced.
    static func folded(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                result.unicodeScalars.append(scalar)
            } else {
                result += replacements[scalar] ?? "?"
            }
        }
        return result
    }
}
