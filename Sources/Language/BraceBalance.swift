// How many `{` a text leaves open: the one rule for "the block is not finished yet", which line
// mode's prompt, the notebook's input line (Enter adds a line) and the golden runner's statement
// splitting all read. Braces inside strings and comments, and on tutorial narrative lines
// (`> …`), do not count.

extension Script {
    /// Opening minus closing braces of `text` (any number of lines), outside strings, comments
    /// and narrative lines.
    public static func braceBalance(of text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { $0 + lineBraceBalance(String($1)) }
    }

    /// Opening minus closing braces of one line.
    static func lineBraceBalance(_ line: String) -> Int { LineScan(line).braceBalance }
}

/// One line read as the lexer reads strings, comments and narrative: the braces it leaves open
/// outside them, and whether it ends inside a string, a `#` comment or a `> narrative` line
/// (where completion offers nothing).
struct LineScan {
    private(set) var braceBalance = 0
    private(set) var endsInsideTextOrComment = false

    init(_ line: some StringProtocol) {
        if line.drop(while: { $0 == " " || $0 == "\t" }).first == ">" {
            endsInsideTextOrComment = true
            return
        }
        var inString = false, escaped = false
        for character in line {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            switch character {
            case "\"": inString = true
            case "#":
                endsInsideTextOrComment = true
                return
            case "{": braceBalance += 1
            case "}": braceBalance -= 1
            default: break
            }
        }
        endsInsideTextOrComment = inString
    }
}
