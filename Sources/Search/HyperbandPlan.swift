// The Hyperband bracket schedule, exactly as published (Li, Jamieson, DeSalvo, Rostamizadeh &
// Talwalkar 2018, "Hyperband: A Novel Bandit-Based Approach to Hyperparameter Optimization",
// JMLR 18, Algorithm 1), for a maximum budget R per configuration and a halving rate η:
//   s_max = ⌊log_η R⌋                      — computed with integer arithmetic: the largest s
//                                              with η^s ≤ R (floating logs misround R = η^k);
//   for s = s_max … 0:  n = ⌈(s_max + 1)/(s + 1) · η^s⌉,  r = R·η^(−s)
//     for i = 0 … s:    nᵢ = ⌊n·η^(−i)⌋ configurations run with budget rᵢ = r·η^i each,
//                       and the best ⌊nᵢ/η⌋ go on to round i + 1.
// R = 81, η = 3 gives 81×1 27×3 9×9 3×27 1×81 / 34×3 11×9 3×27 1×81 / 15×9 5×27 1×81 /
// 8×27 2×81 / 5×81. Successive halving (Jamieson & Talwalkar 2016) is one bracket of this table.

/// Brackets → rounds → (configurations, budget each).
public struct HyperbandPlan: Sendable, Hashable {
    public struct Round: Sendable, Hashable {
        public var configurations: Int
        /// Budget (epochs) each configuration runs in this round; may be fractional (R = 1000, η = 4).
        public var budget: Double
    }
    public struct Bracket: Sendable, Hashable {
        /// The paper's s: the bracket with s = s_max explores most, s = 0 is plain random search.
        public var s: Int
        public var rounds: [Round]
        public var totalBudget: Double { rounds.reduce(0) { $0 + Double($1.configurations) * $1.budget } }
        /// The budget when each promoted configuration continues from its previous round:
        /// Σ nᵢ·(rᵢ − rᵢ₋₁).
        public var continuedBudget: Double {
            zip(rounds, [0] + rounds.map(\.budget)).reduce(0) { $0 + Double($1.0.configurations) * ($1.0.budget - $1.1) }
        }
        /// Round `round`'s budget beyond the previous round's: what a continued job trains.
        public func increment(_ round: Int) -> Double { rounds[round].budget - (round > 0 ? rounds[round - 1].budget : 0) }
    }

    public let maxBudget: Int
    public let eta: Int
    public let brackets: [Bracket]

    /// Largest budget accepted (keeps every intermediate product inside Int).
    public static let budgetLimit = 1_000_000_000

    /// The full Hyperband schedule: brackets s = s_max … 0.
    public init(maxBudget: Int, eta: Int) throws {
        try self.init(maxBudget: maxBudget, eta: eta, only: nil)
    }

    /// Successive halving alone: the single bracket `s` (default s_max, the most exploratory).
    public static func successiveHalving(maxBudget: Int, eta: Int, bracket: Int? = nil) throws -> HyperbandPlan {
        let sMax = try maxBracket(maxBudget: maxBudget, eta: eta)
        let s = bracket ?? sMax
        guard (0...sMax).contains(s) else { throw SearchError.hyperbandBracket(s, maxBracket: sMax) }
        return try HyperbandPlan(maxBudget: maxBudget, eta: eta, only: s)
    }

    init(maxBudget: Int, eta: Int, only: Int?) throws {
        let sMax = try Self.maxBracket(maxBudget: maxBudget, eta: eta)
        self.maxBudget = maxBudget
        self.eta = eta
        let range = only.map { [$0] } ?? Array((0...sMax).reversed())
        brackets = range.map { s in Self.bracket(s: s, sMax: sMax, maxBudget: maxBudget, eta: eta) }
    }

    /// s_max = ⌊log_η R⌋ by repeated multiplication.
    public static func maxBracket(maxBudget: Int, eta: Int) throws -> Int {
        guard eta >= 2 else { throw SearchError.hyperbandEta(eta) }
        guard (1...budgetLimit).contains(maxBudget) else { throw SearchError.hyperbandMaxBudget(maxBudget) }
        var s = 0, power = 1
        while power <= maxBudget / eta { power *= eta; s += 1 }
        return s
    }

    static func bracket(s: Int, sMax: Int, maxBudget: Int, eta: Int) -> Bracket {
        let etaS = power(eta, s)
        let n = ((sMax + 1) * etaS + s) / (s + 1)  // ⌈(s_max+1)·η^s / (s+1)⌉ in integers
        let rounds = (0...s).map { i in
            Round(configurations: n / power(eta, i), budget: Double(maxBudget) / Double(power(eta, s - i)))
        }
        return Bracket(s: s, rounds: rounds)
    }

    static func power(_ base: Int, _ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { p, _ in p * base }
    }

    public var maxBracket: Int { brackets.map(\.s).max() ?? 0 }
    public var totalConfigurations: Int { brackets.reduce(0) { $0 + ($1.rounds.first?.configurations ?? 0) } }
    public var totalBudget: Double { brackets.reduce(0) { $0 + $1.totalBudget } }
    public var continuedBudget: Double { brackets.reduce(0) { $0 + $1.continuedBudget } }

    /// The `sweep … plan` table: one line per round, a blank line between brackets.
    public var text: String {
        var lines = [
            "hyperband max=\(maxBudget) eta=\(eta): \(brackets.count) bracket\(brackets.count == 1 ? "" : "s"), "
                + "\(totalConfigurations) configurations, \(formatBudget(totalBudget)) epochs in all "
                + "(\(formatBudget(continuedBudget)) when promoted configurations continue)",
            "bracket  round  configs  budget each",
        ]
        for (b, bracket) in brackets.enumerated() {
            if b > 0 { lines.append("") }
            for (i, round) in bracket.rounds.enumerated() {
                lines.append(
                    pad(i == 0 ? "s=\(bracket.s)" : "", 7) + "  " + pad("\(i)", 5, right: true) + "  "
                        + pad("\(round.configurations)", 7, right: true) + "  " + pad(formatBudget(round.budget), 11, right: true)
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// A budget with at most three decimals, integers without any ("3.906", "62.5", "81").
public func formatBudget(_ x: Double) -> String {
    formatNumber((x * 1000).rounded() / 1000)
}

func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(width - s.count, 0))
    return right ? fill + s : s + fill
}
