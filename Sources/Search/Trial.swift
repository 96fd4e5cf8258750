// What a sweep remembers about each trial: the configuration it ran (active parameters only),
// its objective, its status and the budget it was given.
//
// Convention: every sampler MINIMIZES `objective`. A sweep that maximizes (`report val_acc
// maximize`) hands the samplers the negated value and negates it back for display.

/// Parameter name → value, holding exactly the parameters active in this configuration.
public struct Configuration: Sendable, Hashable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    public private(set) var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }
    public init(dictionaryLiteral elements: (String, ParameterValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The parameter's number, nil if it is inactive or a word.
    public func number(_ name: String) -> Double? { values[name]?.number }
    /// The parameter's word, nil if it is inactive or a number.
    public func word(_ name: String) -> String? { values[name]?.word }

    public var names: [String] { values.keys.sorted() }
    public var count: Int { values.count }

    /// `name=value` pairs sorted by name; `SearchSpace.formatted` keeps declaration order.
    public var description: String {
        names.map { "\($0)=\(values[$0]!)" }.joined(separator: " ")
    }
}

/// How a trial ended.
public enum TrialStatus: String, Sendable, Hashable {
    /// Ran its whole budget; `objective` is final.
    case done
    /// Stopped early by a scheduler; `objective` is the last value seen, at `budget`.
    case pruned
    /// Diverged or raised an error; `objective` is ignored.
    case failed
}

/// One finished trial as the samplers see it.
public struct Trial: Sendable, Hashable {
    /// Position in the sweep (0-based); samplers treat lower numbers as older.
    public var number: Int
    public var configuration: Configuration
    /// Lower is better; nil or non-finite counts as failed.
    public var objective: Double?
    public var status: TrialStatus
    /// Epochs (or any resource) the trial used; nil when the sweep has no budget.
    public var budget: Double?

    public init(number: Int, configuration: Configuration, objective: Double?, status: TrialStatus = .done, budget: Double? = nil)
    {
        self.number = number; self.configuration = configuration
        self.objective = objective; self.status = status; self.budget = budget
    }

    /// The objective if the trial counts (done or pruned with a finite value).
    public var usableObjective: Double? {
        guard status != .failed, let y = objective, y.isFinite else { return nil }
        return y
    }

    /// Done with a finite objective.
    public var isComplete: Bool { status == .done && usableObjective != nil }
}

extension Sequence where Element == Trial {
    /// Best (lowest) objective after each trial, over complete trials; +∞ before the first.
    public func bestSoFar() -> [Double] {
        var best = Double.infinity
        return map { t in
            if t.isComplete, let y = t.objective { best = Swift.min(best, y) }
            return best
        }
    }

    /// The complete trial with the lowest objective (the earliest on ties).
    public func best() -> Trial? {
        var winner: Trial?
        for t in self where t.isComplete {
            if winner == nil || t.objective! < winner!.objective! { winner = t }
        }
        return winner
    }
}
