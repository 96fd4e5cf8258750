// A unified diff of two texts by lines (longest common subsequence), for golden-file failures.
// Quadratic in the line counts, which is fine for test transcripts of a few hundred lines.

/// `---`/`+++` headers, then hunks with `context` lines around each change; "" when equal.
public func unifiedDiff(
    expected: String, actual: String, expectedName: String = "expected",
    actualName: String = "actual", context: Int = 3
) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard a != b else { return "" }
    let edits = lineEdits(a, b)
    var out = ["--- \(expectedName)", "+++ \(actualName)"]
    var i = 0
    while i < edits.count {
        guard edits[i].kind != " " else { i += 1; continue }
        var start = max(0, i - context), end = i
        // Extend the hunk while changes are within 2·context lines of each other.
        while end < edits.count {
            if edits[end].kind != " " { end += 1; continue }
            let nextChange = edits[end...].firstIndex { $0.kind != " " } ?? edits.count
            if nextChange - end <= 2 * context && nextChange < edits.count { end = nextChange } else { break }
        }
        let stop = min(edits.count, end + context)
        start = max(start, 0)
        out.append("@@ -\(edits[start].oldLine + 1) +\(edits[start].newLine + 1) @@")
        out += edits[start..<stop].map { "\($0.kind)\($0.text)" }
        i = stop
    }
    return out.joined(separator: "\n")
}

struct LineEdit {
    var kind: Character
    var text: String
    var oldLine: Int
    var newLine: Int
}

/// The edit script from `a` to `b`: " " kept, "-" removed, "+" added.
func lineEdits(_ a: [String], _ b: [String]) -> [LineEdit] {
    let n = a.count, m = b.count
    var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
        for j in stride(from: m - 1, through: 0, by: -1) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
        }
    }
    var edits: [LineEdit] = []
    var i = 0, j = 0
    while i < n || j < m {
        if i < n, j < m, a[i] == b[j] {
            edits.append(LineEdit(kind: " ", text: a[i], oldLine: i, newLine: j)); i += 1; j += 1
        } else if j < m, i == n || lcs[i][j + 1] >= lcs[i + 1][j] {
            edits.append(LineEdit(kind: "+", text: b[j], oldLine: i, newLine: j)); j += 1
        } else {
            edits.append(LineEdit(kind: "-", text: a[i], oldLine: i, newLine: j)); i += 1
        }
    }
    return edits
}
