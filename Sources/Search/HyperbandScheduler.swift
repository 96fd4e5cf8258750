// Runs a HyperbandPlan: hands out (configuration, budget) jobs, takes their results back, and
// promotes the best ⌊nᵢ/η⌋ of each finished round to the next (Li et al. 2018, Algorithm 1,
// `top_k`). Brackets run one after another, s_max first; inside a round the jobs are
// independent, so a caller may run several at once and report them in any order.
// New configurations come from any Sampler: RandomSampler for the paper's Hyperband,
// BOHBSampler for BOHB (Falkner, Klein & Hutter 2018). The sampler is asked at the start of each
// bracket and sees every finished job so far (one Trial per job, with its budget).
// Ranking: lower objective first; failed jobs are never promoted; ties go to the configuration
// proposed first. A round whose jobs all failed ends its bracket.

/// One unit of work: train `configuration` for `budget` epochs.
public struct HyperbandJob: Sendable, Hashable {
    public let id: Int
    /// Identifies the configuration across promotions (0-based, in proposal order).
    public let configurationID: Int
    public let configuration: Configuration
    public let budget: Double
    /// The bracket's s and the round within it.
    public let bracket: Int, round: Int
}

/// How far one round has got, for the live bracket table.
public struct RoundProgress: Sendable, Hashable {
    public var planned: Int
    public var budget: Double
    public var started = 0, finished = 0
    public var best: Double?
}

public struct HyperbandScheduler {
    public let plan: HyperbandPlan
    var sampler: any Sampler
    /// Every finished job, as a Trial (number = order of reporting).
    public private(set) var history: [Trial] = []
    /// progress[bracket][round], mirroring the plan.
    public private(set) var progress: [[RoundProgress]]
    var bracketIndex = 0, roundIndex = 0
    var queue: [HyperbandJob] = []
    var outstanding: [Int: HyperbandJob] = [:]
    var roundResults: [(job: HyperbandJob, objective: Double?)] = []
    var nextJobID = 0, nextConfigurationID = 0

    public init(plan: HyperbandPlan, sampler: any Sampler) {
        self.plan = plan
        self.sampler = sampler
        progress = plan.brackets.map { b in b.rounds.map { RoundProgress(planned: $0.configurations, budget: $0.budget) } }
        startBracket()
    }

    public var isFinished: Bool { bracketIndex >= plan.brackets.count }

    /// The next job to run; nil when every remaining job waits on results (or all are done).
    public mutating func nextJob() -> HyperbandJob? {
        guard !queue.isEmpty else { return nil }
        let job = queue.removeFirst()
        outstanding[job.id] = job
        progress[bracketIndex][job.round].started += 1
        return job
    }

    /// Records a job's result (objective: lower is better; nil or non-finite means failed).
    /// Returns false for an unknown or already reported job.
    @discardableResult
    public mutating func report(_ jobID: Int, objective: Double?, status: TrialStatus = .done) -> Bool {
        guard let job = outstanding.removeValue(forKey: jobID) else { return false }
        let usable = status != .failed && (objective?.isFinite ?? false)
        history.append(
            Trial(
                number: history.count, configuration: job.configuration, objective: objective,
                status: usable ? status : .failed, budget: job.budget))
        roundResults.append((job, usable ? objective : nil))
        var p = progress[bracketIndex][job.round]
        p.finished += 1
        if usable, let y = objective { p.best = min(p.best ?? y, y) }
        progress[bracketIndex][job.round] = p
        if queue.isEmpty && outstanding.isEmpty { finishRound() }
        return true
    }

    /// Proposes the first round of the current bracket (skipping brackets the sampler cannot fill).
    mutating func startBracket() {
        while !isFinished {
            let bracket = plan.brackets[bracketIndex]
            let count = bracket.rounds.first?.configurations ?? 0
            for _ in 0..<count {
                guard let c = sampler.propose(history: history) else { break }
                enqueue(c, configurationID: nextConfigurationID, round: 0)
                nextConfigurationID += 1
            }
            if !queue.isEmpty { return }
            bracketIndex += 1
        }
    }

    /// Promotes the best of the finished round, or moves to the next bracket.
    mutating func finishRound() {
        let rounds = plan.brackets[bracketIndex].rounds
        let ranked = roundResults.filter { $0.objective != nil }
            .sorted { ($0.objective!, $0.job.configurationID) < ($1.objective!, $1.job.configurationID) }
        roundResults = []
        if roundIndex + 1 < rounds.count, !ranked.isEmpty {
            roundIndex += 1
            for r in ranked.prefix(rounds[roundIndex].configurations) {
                enqueue(r.job.configuration, configurationID: r.job.configurationID, round: roundIndex)
            }
            return
        }
        bracketIndex += 1
        roundIndex = 0
        startBracket()
    }

    mutating func enqueue(_ c: Configuration, configurationID: Int, round: Int) {
        let b = plan.brackets[bracketIndex]
        queue.append(
            HyperbandJob(
                id: nextJobID, configurationID: configurationID, configuration: c,
                budget: b.rounds[round].budget, bracket: b.s, round: round))
        nextJobID += 1
    }
}
