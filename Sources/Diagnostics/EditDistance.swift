// Edit distance and "did you mean" suggestions.
//
// Optimal string alignment distance (Damerau 1964; the restricted form that does not edit a
// substring twice): insertions, deletions, substitutions and swaps of two neighbouring
// characters each cost one. So `trian` is one edit from `train`.

/// Optimal string alignment distance between two strings, compared case-insensitively.
public func editDistance(_ a: String, _ b: String) -> Int {
    let s = Array(a.lowercased()), t = Array(b.lowercased())
    if s.isEmpty { return t.count }
    if t.isEmpty { return s.count }
    // Three rows of the DP table: two rows back (for swaps), the previous row and the current.
    var twoBack = [Int](repeating: 0, count: t.count + 1)
    var previous = Array(0...t.count)
    var current = [Int](repeating: 0, count: t.count + 1)
    for i in 1...s.count {
        current[0] = i
        for j in 1...t.count {
            let cost = s[i - 1] == t[j - 1] ? 0 : 1
            var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                best = min(best, twoBack[j - 2] + 1)
            }
            current[j] = best
        }
        (twoBack, previous, current) = (previous, current, twoBack)
    }
    return previous[t.count]
}

/// The largest distance still worth suggesting for a word of this length: one edit for words
/// up to four characters, two up to eight, three beyond.
public func suggestionThreshold(forLength length: Int) -> Int {
    switch length {
    case ...4: return 1
    case ...8: return 2
    default: return 3
    }
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo; otherwise a
/// candidate that `word` is a prefix of (at least three characters, and only one such
/// candidate). Ties go to the earlier candidate. An exact match is never suggested.
public func suggest<S: Sequence>(_ word: String, among candidates: S) -> String? where S.Element == String {
    guard !word.isEmpty else { return nil }
    let threshold = suggestionThreshold(forLength: word.count)
    var best: (candidate: String, distance: Int)?
    var prefixMatches: [String] = []
    for candidate in candidates where candidate != word {
        if word.count >= 3, candidate.lowercased().hasPrefix(word.lowercased()) {
            prefixMatches.append(candidate)
        }
        // The length difference bounds the distance from below: skip hopeless candidates.
        guard abs(candidate.count - word.count) <= threshold else { continue }
        let distance = editDistance(word, candidate)
        if distance <= threshold, distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    if let best { return best.candidate }
    return prefixMatches.count == 1 ? prefixMatches[0] : nil
}
