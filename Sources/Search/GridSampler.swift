// Grid search: every choice value × a stated number of points per continuous range.
//
// Points per parameter: `choice` — every value; `uniform(a, b)` — k evenly spaced points from a to
// b inclusive (the midpoint when k = 1); `log(a, b)` — k points evenly spaced in log; `int(a, b)` —
// every integer when there are at most k of them, else k evenly (or log-) spaced ones, rounded
// and deduplicated. The product is walked like an odometer (the LAST parameter varies fastest,
// as itertools.product does); a parameter inactive at a grid point is dropped and repeated
// configurations are skipped, so a conditional space yields each distinct configuration once.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct GridSampler: Sampler {
    public let space: SearchSpace
    public let pointsPerRange: Int
    /// Every configuration, in the order they are proposed.
    public let configurations: [Configuration]
    var next = 0

    /// Largest raw product enumerated; bigger grids are refused.
    public static let limit = 100_000

    public init(space: SearchSpace, pointsPerRange: Int = 5) throws {
        guard pointsPerRange >= 1 else { throw SearchError.gridPoints(pointsPerRange) }
        guard pointsPerRange <= Self.limit else { throw SearchError.gridTooLarge(size: pointsPerRange, limit: Self.limit) }
        self.space = space
        self.pointsPerRange = pointsPerRange
        let axes = space.parameters.map { Self.points($0.domain, pointsPerRange) }
        var product = 1
        for axis in axes {
            let (p, overflow) = product.multipliedReportingOverflow(by: axis.count)
            guard !overflow, p <= Self.limit else {
                throw SearchError.gridTooLarge(size: overflow ? Int.max : p, limit: Self.limit)
            }
            product = p
        }
        configurations = Self.enumerate(space, axes)
    }

    /// Number of distinct configurations the grid proposes.
    public var size: Int { configurations.count }

    public mutating func propose(history: [Trial]) -> Configuration? {
        guard next < configurations.count else { return nil }
        defer { next += 1 }
        return configurations[next]
    }

    /// The grid points of one domain.
    static func points(_ domain: Domain, _ k: Int) -> [ParameterValue] {
        switch domain {
        case .choice(let values): return values
        case .integer(let a, let b, _) where b - a + 1 <= k:
            return (a...b).map { .number(Double($0)) }
        case .integer(let a, let b, let log):
            // Spread over the integers' own (log) scale, not the widened bins.
            return spread(domain, log ? ln(Double(a)) : Double(a), log ? ln(Double(b)) : Double(b), k)
        default:
            let (lo, hi) = domain.scaledBounds!
            return spread(domain, lo, hi, k)
        }
    }

    /// k evenly spaced search-scale points from `first` to `last`, as distinct values.
    static func spread(_ domain: Domain, _ first: Double, _ last: Double, _ k: Int) -> [ParameterValue] {
        var seen = Set<ParameterValue>()
        return (0..<k).compactMap { i in
            let t = k == 1 ? 0.5 : Double(i) / Double(k - 1)
            var v = domain.value(atScaled: first + t * (last - first))
            // NOTE: exp(log 1e-3) is 0.0010000000000000002; grid points are shown to people, so
            // they are rounded to 12 significant digits (then kept inside the domain).
            switch (domain, v) {
            case (.uniform(let a, let b), .number(let x)), (.logUniform(let a, let b), .number(let x)):
                v = .number(min(max(roundedSignificant(x, 12), a), b))
            default: break
            }
            return seen.insert(v).inserted ? v : nil
        }
    }

    static func roundedSignificant(_ x: Double, _ digits: Int) -> Double {
        guard x != 0, x.isFinite else { return x }
        let scale = pow(10, Double(digits) - ceil(log10(abs(x))))
        return (x * scale).rounded() / scale
    }

    /// Odometer over the axes, last axis fastest; inactive parameters dropped, repeats skipped.
    static func enumerate(_ space: SearchSpace, _ axes: [[ParameterValue]]) -> [Configuration] {
        var digits = Array(repeating: 0, count: axes.count)
        var seen = Set<Configuration>(), out: [Configuration] = []
        while true {
            let c = space.build { i, _, _ in axes[i][digits[i]] }
            if seen.insert(c).inserted { out.append(c) }
            var d = axes.count - 1
            while d >= 0 {
                digits[d] += 1
                if digits[d] < axes[d].count { break }
                digits[d] = 0; d -= 1
            }
            if d < 0 { return out }
        }
    }

    /// The grid is fixed in advance.
    public func proposalIgnoresResults(trialsBefore count: Int) -> Bool { true }
}
