// The one JSON writer's escaping: safetensors headers, `basin trial`'s lines and the benchmark
// reports all quote strings through it. (Reading JSON is SafetensorsReader's small parser, and
// Foundation's for trial configs.)
public enum JSON {
    /// A JSON string literal (RFC 8259 escaping: quotes, backslashes and control characters).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
