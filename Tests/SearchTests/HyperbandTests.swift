// Hyperband: the bracket schedule against the published formula (Li et al. 2018, Algorithm 1),
// written out by hand for four (R, η) settings; the `plan` table; successive halving; and the
// scheduler's promotions, failures and BOHB proposals.
import Search
import Testing

struct HyperbandTests {
    /// Brackets s = s_max … 0, each as [(configurations, budget each)].
    static let published: [(r: Int, eta: Int, brackets: [[(Int, Double)]])] = [
        (
            81, 3,
            [
                [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)],
                [(34, 3), (11, 9), (3, 27), (1, 81)],
                [(15, 9), (5, 27), (1, 81)],
                [(8, 27), (2, 81)],
                [(5, 81)],
            ]
        ),
        (
            27, 3,
            [
                [(27, 1), (9, 3), (3, 9), (1, 27)],
                [(12, 3), (4, 9), (1, 27)],
                [(6, 9), (2, 27)],
                [(4, 27)],
            ]
        ),
        (
            243, 3,
            [
                [(243, 1), (81, 3), (27, 9), (9, 27), (3, 81), (1, 243)],
                [(98, 3), (32, 9), (10, 27), (3, 81), (1, 243)],
                [(41, 9), (13, 27), (4, 81), (1, 243)],
                [(18, 27), (6, 81), (2, 243)],
                [(9, 81), (3, 243)],
                [(6, 243)],
            ]
        ),
        // s_max = 4 (4⁴ = 256 ≤ 1000 < 1024); budgets are fractional: 1000/256 = 3.90625.
        (
            1000, 4,
            [
                [(256, 3.90625), (64, 15.625), (16, 62.5), (4, 250), (1, 1000)],
                [(80, 15.625), (20, 62.5), (5, 250), (1, 1000)],
                [(27, 62.5), (6, 250), (1, 1000)],
                [(10, 250), (2, 1000)],
                [(5, 1000)],
            ]
        ),
    ]

    @Test(arguments: published.indices)
    func scheduleMatchesThePaper(_ k: Int) throws {
        let (r, eta, expected) = Self.published[k]
        let plan = try HyperbandPlan(maxBudget: r, eta: eta)
        #expect(plan.brackets.map(\.s) == Array((0..<expected.count).reversed()))
        let got = plan.brackets.map { $0.rounds.map { "\($0.configurations)×\($0.budget)" } }
        #expect(got == expected.map { $0.map { "\($0.0)×\($0.1)" } })
    }

    @Test func integerBracketCountAtExactPowers() throws {
        // Floating log_3(243) is 4.999…; the integer loop gives 5.
        #expect(try HyperbandPlan.maxBracket(maxBudget: 243, eta: 3) == 5)
        #expect(try HyperbandPlan.maxBracket(maxBudget: 1, eta: 3) == 0)
        #expect(try HyperbandPlan.maxBracket(maxBudget: 1_000_000_000, eta: 10) == 9)
        #expect(throws: SearchError.hyperbandEta(1)) { try HyperbandPlan(maxBudget: 81, eta: 1) }
        #expect(throws: SearchError.hyperbandMaxBudget(0)) { try HyperbandPlan(maxBudget: 0, eta: 3) }
    }

    @Test func planTable() throws {
        let text = try HyperbandPlan(maxBudget: 9, eta: 3).text
        #expect(
            text == """
                hyperband max=9 eta=3: 3 brackets, 17 configurations, 78 epochs in all (69 when promoted configurations continue)
                bracket  round  configs  budget each
                s=2          0        9            1
                             1        3            3
                             2        1            9

                s=1          0        5            3
                             1        1            9

                s=0          0        3            9
                """)
    }

    @Test func successiveHalvingIsOneBracket() throws {
        let sh = try HyperbandPlan.successiveHalving(maxBudget: 81, eta: 3)
        #expect(sh.brackets.count == 1 && sh.brackets[0].rounds.map(\.configurations) == [81, 27, 9, 3, 1])
        #expect(
            try HyperbandPlan.successiveHalving(maxBudget: 81, eta: 3, bracket: 1).brackets[0].rounds.map(\.configurations) == [
                8, 2,
            ])
        #expect(throws: SearchError.hyperbandBracket(5, maxBracket: 4)) {
            try HyperbandPlan.successiveHalving(maxBudget: 81, eta: 3, bracket: 5)
        }
    }

    /// Runs every job to completion with `objective`; returns the jobs in the order handed out.
    static func run(_ scheduler: inout HyperbandScheduler, _ objective: (HyperbandJob) -> Double?) -> [HyperbandJob] {
        var jobs: [HyperbandJob] = []
        while let job = scheduler.nextJob() {
            jobs.append(job)
            scheduler.report(job.id, objective: objective(job))
        }
        return jobs
    }

    @Test func schedulerRunsThePlanAndPromotesTheBest() throws {
        let space = try SearchSpace([.uniform("x", 0, 1)])
        let plan = try HyperbandPlan(maxBudget: 27, eta: 3)
        var scheduler = HyperbandScheduler(plan: plan, sampler: RandomSampler(space: space, seed: 1))
        let jobs = Self.run(&scheduler) { $0.configuration.number("x")! }
        #expect(scheduler.isFinished)
        #expect(jobs.count == plan.brackets.flatMap(\.rounds).reduce(0) { $0 + $1.configurations })
        #expect(scheduler.progress.flatMap { $0 }.allSatisfy { $0.finished == $0.planned })
        // In every bracket, each round keeps exactly the smallest x of the round before.
        for s in [3, 2, 1] {
            let rounds = (0...s).map { i in jobs.filter { $0.bracket == s && $0.round == i } }
            for i in 1...s {
                let kept = rounds[i - 1].sorted { $0.configuration.number("x")! < $1.configuration.number("x")! }.prefix(
                    rounds[i].count)
                #expect(Set(kept.map(\.configurationID)) == Set(rounds[i].map(\.configurationID)))
                #expect(rounds[i].allSatisfy { $0.budget == plan.brackets[3 - s].rounds[i].budget })
            }
        }
        #expect(scheduler.history.count == jobs.count && scheduler.history.allSatisfy { $0.budget != nil })
    }

    @Test func failedJobsAreNeverPromotedAndTheSweepGoesOn() throws {
        let space = try SearchSpace([.uniform("x", 0, 1)])
        var scheduler = HyperbandScheduler(
            plan: try HyperbandPlan.successiveHalving(maxBudget: 9, eta: 3), sampler: RandomSampler(space: space, seed: 2))
        let jobs = Self.run(&scheduler) { job in job.configuration.number("x")! < 0.5 ? nil : job.configuration.number("x")! }
        #expect(scheduler.isFinished)
        #expect(jobs.filter { $0.round > 0 }.allSatisfy { $0.configuration.number("x")! >= 0.5 })
        #expect(scheduler.history.contains { $0.status == .failed })
        let accepted = scheduler.report(jobs[0].id, objective: 1)
        #expect(!accepted)  // already reported
    }

    @Test func jobsOfARoundMayRunConcurrently() throws {
        let space = try SearchSpace([.uniform("x", 0, 1)])
        var scheduler = HyperbandScheduler(
            plan: try HyperbandPlan.successiveHalving(maxBudget: 9, eta: 3), sampler: RandomSampler(space: space, seed: 3))
        var first: [HyperbandJob] = []
        while let job = scheduler.nextJob() { first.append(job) }
        #expect(first.count == 9)  // the whole first round, then it waits
        for job in first.reversed() { scheduler.report(job.id, objective: job.configuration.number("x")!) }
        #expect(scheduler.nextJob()?.round == 1)
    }

    @Test func bohbFitsOnTheLargestBudgetWithEnoughTrials() throws {
        let objective = Objective.branin
        var bohb = BOHBSampler(space: objective.space, seed: 4)
        #expect(bohb.minimumObservations == 5)
        var scheduler = HyperbandScheduler(plan: try HyperbandPlan(maxBudget: 27, eta: 3), sampler: bohb)
        _ = Self.run(&scheduler) { objective.evaluate($0.configuration) }
        #expect(scheduler.isFinished)
        // By the end, budgets 1, 3 and 9 have ≥ 5 complete trials; 27 has 4+4+2+1 = 11.
        #expect(bohb.modelBudget(scheduler.history) == 27)
        let proposal = bohb.propose(history: scheduler.history)
        #expect(proposal.map(objective.space.contains) == true)
    }
}
