// Which parameter matters most, for `show SWEEP` — a deliberately simple, documented measure
// ("fANOVA-lite"; cf. Hutter, Hoos & Leyton-Brown 2014, whose fANOVA decomposes the variance of a
// random-forest surrogate — here there is no surrogate, only the trials themselves):
// for each parameter, over the complete trials where it is active,
//  1. replace objectives by their ranks (ties share the mean rank), so one diverged or huge loss
//     cannot dominate the variance;
//  2. group the trials into bins of the parameter: one bin per choice value, or `bins` groups of
//     equal count along the search scale for numeric parameters;
//  3. report ε² = (SS_between − (k − 1)·MS_within) / SS_total (Kelley 1935), the share of the
//     rank variance explained by the bin means, corrected for the share k bins would explain by
//     chance; clipped at 0.
// Each parameter's marginal is measured on its own: shares need not sum to 1, interactions are
// not attributed, and with random-search trials the estimates are unbiased; with TPE/GP trials
// (clustered near good regions) they describe the explored region, not the whole space.

public struct ParameterImportance: Sendable, Hashable {
    public var name: String
    /// ε² in [0, 1]: share of the objective's rank variance explained by this parameter.
    public var share: Double
    /// Trials the estimate used (complete, parameter active).
    public var trials: Int
}

public enum Importance {
    /// Importance of each parameter, most important first (declaration order on ties).
    public static func of(_ space: SearchSpace, trials: [Trial], bins: Int = 5) -> [ParameterImportance] {
        let complete = trials.filter(\.isComplete)
        let result = space.parameters.map { p -> ParameterImportance in
            let active = complete.filter { $0.configuration[p.name] != nil }
            let groups = binned(p.domain, active.map { $0.configuration[p.name]! }, max(bins, 2))
            return ParameterImportance(
                name: p.name, share: epsilonSquared(ranks(active.map { $0.objective! }), groups), trials: active.count)
        }
        return result.enumerated().sorted { ($1.element.share, $0.offset) < ($0.element.share, $1.offset) }.map(\.element)
    }

    /// Ranks 1…n, ties sharing their mean rank.
    static func ranks(_ ys: [Double]) -> [Double] {
        let order = ys.indices.sorted { ys[$0] < ys[$1] }
        var r = [Double](repeating: 0, count: ys.count), i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && ys[order[j + 1]] == ys[order[i]] { j += 1 }
            for k in i...j { r[order[k]] = Double(i + j) / 2 + 1 }
            i = j + 1
        }
        return r
    }

    /// Bin index of each value.
    static func binned(_ domain: Domain, _ values: [ParameterValue], _ bins: Int) -> [Int] {
        if case .choice = domain { return values.map { domain.index(of: $0) ?? 0 } }
        let xs = values.map { domain.scaled($0.number ?? 0) }
        let order = xs.indices.sorted { xs[$0] < xs[$1] }
        var out = [Int](repeating: 0, count: xs.count)
        for (rank, i) in order.enumerated() { out[i] = rank * bins / max(xs.count, 1) }
        // Equal values must share a bin: give each the bin of its first occurrence in sorted order.
        for (rank, i) in order.enumerated() where rank > 0 && xs[i] == xs[order[rank - 1]] { out[i] = out[order[rank - 1]] }
        return out
    }

    /// Kelley's ε² of `ys` grouped by `groups`; 0 when there are too few trials per group.
    static func epsilonSquared(_ ys: [Double], _ groups: [Int]) -> Double {
        let n = ys.count
        guard n >= 3 else { return 0 }
        let mean = ys.reduce(0, +) / Double(n)
        var sums: [Int: (Double, Int)] = [:]
        for (y, g) in zip(ys, groups) { let s = sums[g] ?? (0, 0); sums[g] = (s.0 + y, s.1 + 1) }
        let k = sums.count
        guard k >= 2, n > k else { return 0 }
        let total = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let between = sums.values.reduce(0) { acc, s in
            let m = s.0 / Double(s.1); return acc + Double(s.1) * (m - mean) * (m - mean)
        }
        let msWithin = (total - between) / Double(n - k)
        guard total > 0 else { return 0 }
        return min(max((between - Double(k - 1) * msWithin) / total, 0), 1)
    }
}
