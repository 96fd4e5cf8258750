// ASCII stand-ins for the few non-ASCII symbols Basin's own text uses (shapes `25×18`, arrows,
// middle dots, dashes, the Greek letters of landscapes and sharpness), so an ASCII profile (LANG=C) prints `25x18` rather than `25?18`.
// One cell per scalar, so tables keep their alignment; text may use the wider forms.

public enum ASCIIFallback {
    /// A one-character stand-in, or nil when there is none.
    public static func scalar(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s {
        case "×": return "x"
        case "·", "•": return "."
        case "–", "—", "−", "─": return "-"
        case "→": return ">"
        case "←": return "<"
        case "‘", "’": return "'"
        case "“", "”": return "\""
        case "…": return "."
        case "α": return "a"
        case "β": return "b"
        case "ε": return "e"
        case "λ": return "L"
        case "ᵀ": return "T"
        case "‖": return "|"
        case "§": return "#"
        case "▸": return ">"
        default: return nil
        }
    }

    /// Text for an ASCII terminal: arrows as `->`, `±` as `+/-`, an ellipsis as `...`, other
    /// known symbols by `scalar`, and anything else non-ASCII as `?`. `oneForOne` keeps one
    /// character per scalar (source lines under which a caret is drawn).
    public static func text(_ text: String, oneForOne: Bool = false) -> String {
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case _ where oneForOne && s.value >= 0x7F: out.unicodeScalars.append(scalar(s) ?? "?")
            case "→": out += "->"
            case "←": out += "<-"
            case "±": out += "+/-"
            case "…": out += "..."
            case "λ": out += "lambda"
            case "ε": out += "eps"
            case "\n", "\t": out.unicodeScalars.append(s)
            default:
                if s.value < 0x7F { out.unicodeScalars.append(s) } else { out.unicodeScalars.append(scalar(s) ?? "?") }
            }
        }
        return out
    }
}
