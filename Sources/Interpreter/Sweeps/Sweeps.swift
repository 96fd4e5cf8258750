// A session's sweeps: running one (proposing trials, running them on the TrialPool, recording
// them in order, Hyperband's rounds, `basin trial`), and reading one (its table, charts,
// `plot SWEEP x=`, `eval SWEEP.best`, `export SWEEP`). A value over the session it serves, so
// the session itself stays a small coordinator: `s.sweeps.showSweep(entry)`.
struct Sweeps {
    let session: Session
}

extension Session {
    /// The sweeps service of this session.
    var sweeps: Sweeps { Sweeps(session: self) }
}
