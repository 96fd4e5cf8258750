// Loss-landscape slices (Li, Xu, Taylor, Studer & Goldstein 2018): the line between two weight
// vectors, and planes through the current weights — random filter-normalized (Directions) or
// the training path's PCA plane (PathDirections). The grids themselves come from LossSurface;
// this file chooses the points, makes the line exact at its end points, and fills a partial
// grid for display while it refines.
import Datasets
import Kernels
import Networks

/// The loss along w(α) = w_from + α·(w_to − w_from).
public struct LineSlice: Sendable, Equatable {
    public var alphas: [Float]
    public var train: [Double]
    /// Validation losses at the same α (nil without a validation part).
    public var validation: [Double]?
    /// The losses at α = 0 and α = 1, evaluated at exactly those weights.
    public var endpoints: (train: (Double, Double), validation: (Double, Double)?)
    public var isComplete: Bool

    public static func == (a: LineSlice, b: LineSlice) -> Bool {
        a.alphas == b.alphas && a.train == b.train && a.validation == b.validation && a.isComplete == b.isComplete
    }
}

public enum Landscape {
    /// `count` evenly spaced values from lo to hi inclusive (lo alone for count 1).
    public static func axis(_ lo: Double, _ hi: Double, count: Int) -> [Float] {
        guard count > 1 else { return [Float(lo)] }
        return (0..<count).map { Float(lo + (hi - lo) * Double($0) / Double(count - 1)) }
    }

    /// A symmetric axis over [-span, span] with an odd number of points, so 0 is a grid point.
    public static func centredAxis(span: Double, count: Int) -> [Float] {
        let odd = count % 2 == 0 ? count + 1 : count
        var a = axis(-span, span, count: odd)
        a[odd / 2] = 0
        return a
    }

    /// `res` points over [lo, hi] plus exactly 0 and 1 (the end points of the line), sorted.
    public static func lineAlphas(res: Int, lo: Double = -0.5, hi: Double = 1.5) -> [Float] {
        let grid = axis(lo, hi, count: max(res, 2)).filter { abs($0) > 1e-6 && abs($0 - 1) > 1e-6 }
        return (grid + [0, 1]).sorted()
    }

    /// The training (and validation) loss along the line from `start` (a flat weight vector laid
    /// out like `network`'s) to `network`'s current weights. Evaluation mode. The end points
    /// are evaluated at exactly those weights, as `eval` would.
    public static func line(
        from start: [Float], to network: Network, train: Dataset, validation: Dataset?,
        loss: Loss, alphas: [Float], cancel: RunControl? = nil
    ) -> LineSlice {
        let now = network.parameters.array
        let direction = zip(now, start).map { $0 - $1 }
        // Centred at the current weights: w(α) = w_now + (α − 1)·d.
        let shifted = alphas.map { $0 - 1 }
        let along = { (data: Dataset) -> [Double] in
            LossSurface(network: network, data: data, loss: loss)
                .grid(d1: direction, d2: nil, alphas: shifted, betas: [0], cancel: cancel).losses
        }
        let startNet = network.copy()
        start.withUnsafeBufferPointer { p in
            if let b = p.baseAddress { startNet.parameters.base.update(from: b, count: min(p.count, startNet.parameterCount)) }
        }
        let ends = { (data: Dataset) -> (Double, Double) in
            (TrainingRun.evaluate(startNet, on: data, loss: loss).loss, TrainingRun.evaluate(network, on: data, loss: loss).loss)
        }
        var trainLosses = along(train)
        var validationLosses = validation.map(along)
        let trainEnds = ends(train), validationEnds = validation.map(ends)
        for (i, a) in alphas.enumerated() where a == 0 || a == 1 {
            trainLosses[i] = a == 0 ? trainEnds.0 : trainEnds.1
            if let v = validationEnds { validationLosses?[i] = a == 0 ? v.0 : v.1 }
        }
        let complete = !(cancel?.isCancelled ?? false)
        return LineSlice(
            alphas: alphas, train: trainLosses, validation: validationLosses,
            endpoints: (trainEnds, validationEnds), isComplete: complete)
    }

    /// Two filter-normalized random directions for `network`, from `seed`.
    public static func randomPlane(_ network: Network, seed: UInt64) -> ([Float], [Float]) {
        var rng = RNG(seed: seed, stream: "directions")
        let d1 = Directions.filterNormalized(network, rng: &rng)
        return (d1, Directions.filterNormalized(network, rng: &rng))
    }
}

extension SurfaceGrid {
    /// The losses with every point not computed yet taken from the nearest coarser grid point
    /// below and to the left that is (strides 2, 4, 8, as LossSurface refines): a blocky
    /// picture that sharpens in place. NaN stays where nothing near is computed.
    public var filled: [Double] {
        let nA = alphas.count
        return losses.indices.map { k in
            guard losses[k].isNaN else { return losses[k] }
            let i = k % nA, j = k / nA
            for s in [2, 4, 8] {
                let v = losses[(j / s * s) * nA + (i / s * s)]
                if !v.isNaN { return v }
            }
            return .nan
        }
    }
}
