// Runs a sweep's trials on up to `capacity` threads at once. The sweep's own thread stays the
// coordinator: it proposes and starts trials, and `wait` hands it their progress and outcomes
// as they arrive; it then commits outcomes in trial order (see Commands/Search/Sweep.swift), so what a
// sweep records and prints does not depend on which trial finished first.
//
// A trial runs in its own child session with its own nets, RNG streams and kernel scratch
// (thread-local), over datasets that are shared read-only, so two trials at once compute exactly
// what each would compute alone.
import Foundation
import Lab

final class TrialPool: @unchecked Sendable {
    enum Event {
        case progress(Int, LiveUpdate)
        case finished(Int, TrialOutcome)
    }

    /// Trials that may run at once.
    let capacity: Int
    private let condition = NSCondition()
    private var events: [Event] = []
    /// Started and not yet returned by `wait` as finished (read and written by the coordinator).
    private(set) var running: Set<Int> = []

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var hasRoom: Bool { running.count < capacity }

    /// Runs `trial` on a new thread; its progress and outcome arrive through `wait`.
    func start(_ index: Int, _ trial: PreparedTrial) {
        running.insert(index)
        let thread = Thread { [self] in
            let outcome = trial.run { update in self.post(.progress(index, update)) }
            post(.finished(index, outcome))
        }
        // As deep as the session thread's: a trial runs the same commands.
        thread.stackSize = 16 << 20
        thread.start()
    }

    private func post(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.signal()
        condition.unlock()
    }

    /// Every event queued, after waiting up to `timeout` seconds for the first.
    func wait(timeout: Double = 0.05) -> [Event] {
        condition.lock()
        if events.isEmpty { _ = condition.wait(until: Date(timeIntervalSinceNow: timeout)) }
        let out = events
        events = []
        condition.unlock()
        for case .finished(let index, _) in out { running.remove(index) }
        return out
    }
}

/// A trial made ready on the coordinator (what its child sessions start from is read there) and
/// run on a worker thread, which makes one child session per seed, in turn, and touches only those.
final class PreparedTrial: @unchecked Sendable {
    let session: Session
    let host: TrialHost
    let plan: TrialPlan
    let objective: SweepObjective
    /// Makes seed i's child session (a fresh workspace over the user's data).
    let makeChild: (Int) -> Session
    /// The first seed's session, once made (a `basin trial` streams its evaluations).
    private(set) var firstChild: Session?
    /// Where the host sends progress while the trial runs (set by `run`).
    var onProgress: (LiveUpdate) -> Void = { _ in }

    init(session: Session, host: TrialHost, plan: TrialPlan, objective: SweepObjective, makeChild: @escaping (Int) -> Session) {
        self.session = session
        self.host = host
        self.plan = plan
        self.objective = objective
        self.makeChild = makeChild
    }

    /// Runs the body (once per seed, in turn) and measures the objective, on the calling thread.
    /// Over seeds the objective is the mean; the trial fails when any seed fails, and its net
    /// and curve are the first seed's.
    func run(progress: @escaping (LiveUpdate) -> Void) -> TrialOutcome {
        onProgress = progress
        let clock = ContinuousClock(), start = clock.now
        var outcomes: [TrialOutcome] = []
        let seeds = max(1, plan.seeds)
        for i in 0..<seeds {
            host.lastTrained = nil
            let child = makeChild(i)
            if i == 0 { firstChild = child }
            // Over seeds the bar moves through the trial once: seed i fills its 1/N of it.
            if seeds > 1 {
                let n = seeds
                onProgress = { update in
                    var u = update
                    u.progress.done = i * u.progress.planned + u.progress.done
                    u.progress.planned *= n
                    progress(u)
                }
            }
            var outcome = session.sweeps.runBody(plan, in: child)
            if !outcome.cancelled, outcome.failure == nil {
                outcome = session.sweeps.measured(outcome, host: host, session: child, objective: objective)
            }
            // Only the first seed's net is kept (eval s.best, Hyperband's promotions).
            if i > 0 { outcome.net = nil; outcome.data = nil }
            outcomes.append(outcome)
            if outcome.cancelled || outcome.failure != nil { break }
        }
        let elapsed = (clock.now - start).components
        var combined = outcomes[0]
        combined.seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        if let stopped = outcomes.first(where: { $0.cancelled || $0.failure != nil }) {
            combined.cancelled = stopped.cancelled
            combined.failure = stopped.failure
            combined.status = .failed
            combined.objective = nil
            return combined
        }
        if outcomes.count > 1 {
            combined.seedObjectives = outcomes.compactMap(\.objective)
            combined.seedFinals = outcomes.compactMap { $0.curve.last }
            combined.objective = Spread(combined.seedObjectives).mean
            combined.epochs = outcomes.reduce(0) { $0 + $1.epochs }
        }
        return combined
    }
}
