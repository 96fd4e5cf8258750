// How many `{` a line leaves open: the prompt keeps reading lines until a block closes, and
// tests split scripts into statements the same way. Braces inside strings and comments, and
// on tutorial narrative lines (`> …`), do not count.

extension Script {
    /// Opening minus closing braces of one line, outside strings, comments and narrative.
    public static func braceBalance(of line: String) -> Int {
        if line.drop(while: { $0 == " " || $0 == "\t" }).first == ">" { return 0 }
        var balance = 0, inString = false, escaped = false
        for character in line {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "#": return balance
            case "{": balance += 1
            case "}": balance -= 1
            default: break
            }
        }
        return balance
    }
}
