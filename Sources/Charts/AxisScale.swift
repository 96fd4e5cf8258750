// Axis ranges and "nice number" ticks (Heckbert 1990, Graphics Gems: steps of 1, 2, 5 × 10^k),
// linear or logarithmic, robust to empty, equal, NaN and enormous data ranges.
import Glibc

/// A mapped axis: its lower/upper bounds, tick values and how to label them.
public struct AxisScale: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
    public var ticks: [Double]
    /// Tick spacing (linear axes); labels use it to pick their precision.
    public var step: Double
    public var isLogarithmic: Bool

    /// The nice step at or above `raw`: 1, 2, 5 or 10 × 10^k.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let exponent = floor(log10(raw))
        let base = pow(10, exponent)
        let f = raw / base
        let e = 1 + 1e-9  // NOTE: 0.4 / 4 is 0.10000000000000002; it should still be a step of 0.1
        let nice: Double = f <= e ? 1 : f <= 2 * e ? 2 : f <= 5 * e ? 5 : 10
        return nice * base
    }

    /// A linear axis covering the data, extended outward to whole ticks.
    /// - Parameters:
    ///   - integral: ticks only on whole numbers (steps, epochs).
    ///   - extended: widen the bounds to whole ticks; when false the bounds stay the data's
    ///     (a heatmap's grid) and only ticks inside are kept.
    public static func linear(
        min dataMin: Double, max dataMax: Double, targetTicks: Int,
        integral: Bool = false, extended: Bool = true
    ) -> AxisScale {
        var (lo, hi) = sanitized(dataMin, dataMax)
        if hi - lo <= abs(hi) * 1e-12 {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        var step = niceStep((hi - lo) / Double(max(1, extended ? targetTicks - 1 : targetTicks)))
        if integral { step = max(step, 1) }
        let first = extended ? floor(lo / step) * step : ceil(lo / step - 1e-9) * step
        let last = extended ? ceil(hi / step) * step : floor(hi / step + 1e-9) * step
        let count = clampedInt(((last - first) / step).rounded()) + 1
        guard count >= (extended ? 2 : 1), count <= 200 else {
            return AxisScale(lower: lo, upper: hi, ticks: [lo, hi], step: hi - lo, isLogarithmic: false)
        }
        // NOTE: k / 10 rather than k × 0.1, so ticks are the decimals their labels say (1.9, not 1.9000000000000001).
        let inverse = step < 1 ? (1 / step).rounded() : 0
        let firstIndex = (first / step).rounded()
        let ticks = (0..<count).map { i -> Double in
            let k = firstIndex + Double(i)
            let t = inverse > 0 ? k / inverse : k * step
            return abs(t) < step * 1e-9 ? 0 : t
        }
        return AxisScale(
            lower: extended ? first : lo, upper: extended ? last : hi, ticks: ticks, step: step,
            isLogarithmic: false)
    }

    /// A log₁₀ axis over positive data: decade ticks, with 2 and 5 multiples when decades are few.
    public static func logarithmic(min dataMin: Double, max dataMax: Double, targetTicks: Int) -> AxisScale {
        var (lo, hi) = sanitized(dataMin, dataMax)
        lo = lo > 0 ? max(lo, 1e-300) : 1e-3
        hi = hi > lo ? hi : lo * 10
        let lower = niceBound(lo, up: false), upper = niceBound(hi, up: true)
        let ticks = logTicks(lower: lower, upper: upper, target: max(2, targetTicks))
        return AxisScale(lower: lower, upper: upper, ticks: ticks, step: 0, isLogarithmic: true)
    }

    /// Where `v` falls between lower (0) and upper (1); NaN for values a log axis cannot show.
    public func fraction(_ v: Double) -> Double {
        if isLogarithmic {
            guard v > 0 else { return .nan }
            return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (v - lower) / (upper - lower)
    }

    /// The label of a tick value: compact, with the precision the spacing needs.
    public func label(_ value: Double) -> String {
        isLogarithmic ? NumberFormat.compact(value, significant: 2) : NumberFormat.compact(value, step: step)
    }

    /// Finite, ordered bounds within ±1e300 (so their difference stays finite); (0, 1) with no data.
    static func sanitized(_ a: Double, _ b: Double) -> (Double, Double) {
        guard a.isFinite, b.isFinite else { return (0, 1) }
        let lo = Swift.max(-1e300, Swift.min(a, b)), hi = Swift.min(1e300, Swift.max(a, b))
        return (lo, hi)
    }

    /// The nearest 1-2-5 × 10^k value below (or above) a positive number.
    static func niceBound(_ v: Double, up: Bool) -> Double {
        let decade = pow(10, floor(log10(v)))
        let candidates = [1.0, 2, 5, 10].map { $0 * decade }
        if up { return candidates.first { $0 >= v * (1 - 1e-12) } ?? v }
        return candidates.last { $0 <= v * (1 + 1e-12) } ?? v
    }

    static func logTicks(lower: Double, upper: Double, target: Int) -> [Double] {
        let firstDecade = clampedInt(ceil(log10(lower) - 1e-9)), lastDecade = clampedInt(floor(log10(upper) + 1e-9))
        var decades = firstDecade <= lastDecade ? Array(firstDecade...lastDecade).map { power10($0) } : []
        if decades.count > target {
            let stride = (decades.count + target - 1) / target
            decades = decades.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        }
        if decades.count >= 3 || decades.count >= target { return decades }
        let inRange = { (v: Double) in v >= lower * (1 - 1e-9) && v <= upper * (1 + 1e-9) }
        let decadeBase = clampedInt(floor(log10(lower)))
        var withMultiples: [Double] = []
        for k in decadeBase...max(decadeBase, lastDecade) {
            for m in [1.0, 2, 5] where inRange(m * power10(k)) { withMultiples.append(m * power10(k)) }
        }
        return withMultiples.count <= target || decades.count < 2 ? withMultiples : decades
    }
}
