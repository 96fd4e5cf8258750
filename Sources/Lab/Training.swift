// The training loop: step, evaluate at an interval, stop early, publish progress, and stop
// cleanly on cancellation or a non-finite value.
import Datasets
import Kernels
import Networks

extension TrainingRun {
    /// Trains for `budget`. With `earlyStopping` = P, stops after P evaluations without a better
    /// validation loss and restores the best weights. `onProgress` is called at most ~20 times a
    /// second and once at the end, on the training thread.
    @discardableResult
    public func train(
        _ budget: Budget, earlyStopping patience: Int? = nil,
        onProgress: ((Progress) -> Void)? = nil
    ) -> RunReport {
        let planned = plannedSteps(budget)
        history.reserve(steps: planned)
        let evalEvery = evaluationInterval(planned: planned)
        var early = EarlyStopping(patience: patience)
        let clock = ContinuousClock()
        let start = clock.now
        var lastPublish = start
        var reason = StopReason.finished
        var done = 0
        let total = step + planned

        while done < planned {
            if control.isCancelled { reason = .cancelled; break }
            let lr = optimizer.settings.learningRate * schedule.factor(step: step, total: total)
            do { try takeStep(learningRate: lr) } catch {
                reason = .diverged(step: step + 1, cause: error)
                break
            }
            done += 1
            if step % evalEvery == 0 || done == planned {
                let record = recordEvaluation()
                if early.observe(record, run: self) {
                    early.restoreBest(into: network)
                    // Nothing to restore when no evaluation was ever finite.
                    restoredStep = early.bestParameters == nil ? nil : early.bestStep
                    reason = .earlyStopped(bestStep: early.bestStep)
                    break
                }
            }
            let now = clock.now
            if now - lastPublish > .milliseconds(50) {
                lastPublish = now
                publish(done, planned, seconds(now - start), onProgress)
            }
        }
        let elapsed = seconds(clock.now - start)
        publish(done, planned, elapsed, onProgress)
        return RunReport(
            reason: reason, steps: done, seconds: elapsed,
            finalLoss: Double(history.stepLosses.last ?? .nan), lastEval: history.evals.last)
    }

    /// Evaluations happen every `evalEvery` steps if set; otherwise once per epoch, but at most
    /// `maxEvaluations` times in one call (a 500-epoch run evaluates every 5 epochs).
    func evaluationInterval(planned: Int) -> Int {
        if let every = settings.evalEvery { return max(every, 1) }
        let epochs = (planned + stepsPerEpoch - 1) / max(stepsPerEpoch, 1)
        let stride = (epochs + Self.maxEvaluations - 1) / Self.maxEvaluations
        return max(stepsPerEpoch * max(stride, 1), 1)
    }

    static let maxEvaluations = 100

    func plannedSteps(_ budget: Budget) -> Int {
        switch budget {
        case .steps(let n): return max(n, 0)
        case .epochs(let n):
            let (r, o) = max(n, 0).multipliedReportingOverflow(by: stepsPerEpoch)
            return o ? Int.max / 2 : r
        }
    }

    /// One optimizer step on the next batch at learning rate `lr`, with no evaluation or
    /// progress reporting (the benchmark times exactly this). Throws what went non-finite.
    public func takeStep(learningRate lr: Float) throws(Divergence) {
        restoredStep = nil
        let b = batcher.nextRows(into: buffers.indices)
        buffers.gather(b, from: train)
        augmenter?.apply(to: buffers.x.base, rows: b)
        let ws = buffers.workspace
        let out = network.forward(buffers.x.base, batch: b, workspace: ws, training: true, rng: &rng)
        let grad = network.outputGradient(batch: b, workspace: ws)
        let result = loss.evaluate(
            logits: out, targets: buffers.targets, batch: b,
            outputs: network.outputCount, gradient: grad)
        guard result.loss.isFinite else { throw nonFiniteForward(batch: b, loss: result.loss) }
        network.gradients.zero()
        network.backward(buffers.x.base, batch: b, workspace: ws, training: true, rng: &rng)
        let n = network.parameterCount
        for r in frozen { (network.gradients.base + r.lowerBound).update(repeating: 0, count: r.count) }
        if let clip = settings.clipNorm ?? optimizer.settings.clipNorm {
            Optimizer.clip(network.gradients.base, count: n, maxNorm: clip)
        }
        guard Vec.allFinite(n, network.gradients.base) else {
            let bad = firstNonFinite(network.gradients)
            throw .nonFiniteGradient(layer: bad.layer, summary: bad.summary)
        }
        for r in frozen {
            (frozenValues.base + r.lowerBound).update(from: network.parameters.base + r.lowerBound, count: r.count)
        }
        optimizer.update(
            params: network.parameters.base, grads: network.gradients.base, count: n,
            lr: lr, decayMask: decayMask.base)
        if !frozen.isEmpty {
            // Frozen parameters never move (weight decay and momentum included) and keep no state.
            for r in frozen {
                (network.parameters.base + r.lowerBound).update(from: frozenValues.base + r.lowerBound, count: r.count)
            }
            optimizer.clearState(frozen)
        }
        guard Vec.allFinite(n, network.parameters.base) else {
            let bad = firstNonFinite(network.parameters)
            throw .nonFiniteUpdate(layer: bad.layer, summary: bad.summary)
        }
        history.stepLosses.append(Float(result.loss))
        if let every = checkpoints.every, step % every == 0 { checkpoints.add(snapshot()) }
    }

    func publish(_ done: Int, _ planned: Int, _ elapsed: Double, _ callback: ((Progress) -> Void)?) {
        let p = Progress(
            step: step, done: done, planned: planned, epoch: Int(epoch),
            loss: Double(history.stepLosses.last ?? .nan),
            learningRate: optimizer.settings.learningRate * schedule.factor(step: step, total: step + planned - done),
            lastEval: history.evals.last, stepsPerSecond: elapsed > 0 ? Double(done) / elapsed : 0, elapsed: elapsed)
        callback?(p)
    }

    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// Tracks the best validation loss and a copy of the weights that reached it.
struct EarlyStopping {
    let patience: Int?
    var bestLoss = Double.infinity
    var bestStep = 0
    var sinceBest = 0
    var bestParameters: FloatBuffer?
    var bestState: FloatBuffer?

    init(patience: Int?) { self.patience = patience }

    /// Records an evaluation; true when training should stop.
    mutating func observe(_ record: EvalRecord, run: TrainingRun) -> Bool {
        guard let patience, let v = record.validationLoss ?? Optional(record.trainLoss) else { return false }
        if v < bestLoss {
            bestLoss = v
            bestStep = record.step
            sinceBest = 0
            bestParameters = run.network.parameters.copy()
            bestState = run.network.state.copy()
            return false
        }
        sinceBest += 1
        return sinceBest >= patience
    }

    func restoreBest(into network: Network) {
        if let p = bestParameters { network.parameters.assign(from: p) }
        if let s = bestState { network.state.assign(from: s) }
    }
}
