// Snapshots: rewinding and forking at a step continue exactly as the original run did.
import Lab
import Networks
import Testing

@Suite("Checkpoints and forks")
struct CheckpointTests {
    @Test("a fork at an earlier step retraces its parent bit for bit")
    func forkAtStepRetraces() throws {
        let run = try spiralRun(seed: 4)
        run.checkpoints.every = 10
        run.train(.steps(50))
        let child = try run.fork(at: 20)
        #expect(child.step == 20)
        child.train(.steps(30))
        #expect(child.history.stepLosses == run.history.stepLosses)
        #expect(child.network.parameters.array == run.network.parameters.array)
    }

    @Test("rewind restores weights and history; step 0 is always available")
    func rewind() throws {
        let run = try spiralRun(seed: 1)
        let initial = run.network.parameters.array
        run.checkpoints.every = 25
        run.train(.steps(60))
        try run.rewind(to: 25)
        #expect(run.step == 25 && run.history.stepLosses.count == 25)
        #expect(run.checkpoints.steps == [25])
        try run.rewind(to: 0)
        #expect(run.network.parameters.array == initial)
    }

    @Test("a missing snapshot names the ones that exist")
    func missing() throws {
        let run = try spiralRun()
        run.checkpoints.every = 10
        run.train(.steps(30))
        #expect(throws: LabError.noSnapshot(step: 15, kept: [0, 10, 20, 30])) {
            try run.rewind(to: 15)
        }
    }

    @Test("snapshots beyond the memory budget thin out and the interval doubles")
    func budget() throws {
        let run = try spiralRun()
        run.checkpoints.every = 1
        run.checkpoints.budgetBytes = 10 * run.snapshot().bytes
        run.train(.steps(40))
        #expect(run.checkpoints.bytes <= run.checkpoints.budgetBytes)
        #expect((run.checkpoints.every ?? 0) > 1 && run.checkpoints.thinnedTo != nil)
        #expect(run.checkpoints.steps.allSatisfy { $0 % (run.checkpoints.every ?? 1) == 0 })
    }

    @Test("keep=N thins the same way: never more than N snapshots, on the doubled interval")
    func countLimit() throws {
        let run = try spiralRun()
        run.checkpoints.every = 1
        run.checkpoints.limit = 4
        run.train(.steps(40))
        // Every step fills 4 at step 4; each time the 5th arrives the interval doubles (2, 4, 8)
        // and at step 40 (8, 16, 24, 32 held) it doubles to 16, leaving 16 and 32.
        #expect(run.checkpoints.snapshots.count <= 4)
        #expect(run.checkpoints.every == 16 && run.checkpoints.steps == [16, 32])
        #expect(run.checkpoints.thinnedTo == 16)
        try run.rewind(to: 16)
        #expect(run.step == 16)
    }
}
