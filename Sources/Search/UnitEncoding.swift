// The GP's view of a configuration: a point of the unit cube [0,1]^D.
// A numeric parameter is one coordinate, its search-scale value mapped linearly onto [0, 1]
// (so log parameters are log-spaced and an integer's bin is a sub-interval); a choice of k
// values is k one-hot coordinates. An inactive parameter is imputed: numeric coordinates sit at
// 0.5 and a choice block is all zeros — the simple convention of most GP-based tuners; spaces
// with many conditional parameters are better served by TPE, which models them per group.

struct UnitEncoding: Sendable {
    let space: SearchSpace
    /// First coordinate of each parameter, and the number of coordinates it takes.
    let offsets: [Int], widths: [Int]
    let dimension: Int

    init(_ space: SearchSpace) {
        self.space = space
        widths = space.parameters.map { p in if case .choice(let vs) = p.domain { vs.count } else { 1 } }
        var o: [Int] = [], total = 0
        for w in widths { o.append(total); total += w }
        offsets = o; dimension = total
    }

    func encode(_ c: Configuration) -> [Double] {
        var u = [Double](repeating: 0, count: dimension)
        for (i, p) in space.parameters.enumerated() {
            let value = c[p.name]
            switch p.domain {
            case .choice:
                if let v = value, let k = p.domain.index(of: v) { u[offsets[i] + k] = 1 }
            default:
                guard let x = value?.number, let (lo, hi) = p.domain.scaledBounds else { u[offsets[i]] = 0.5; continue }
                u[offsets[i]] = hi > lo ? (p.domain.scaled(x) - lo) / (hi - lo) : 0.5
            }
        }
        return u
    }

    /// The configuration nearest to `u`: numeric coordinates clamped and rounded, a choice by
    /// its largest coordinate; activity decided by the space.
    func decode(_ u: [Double]) -> Configuration {
        space.build { i, p, _ in
            switch p.domain {
            case .choice(let vs):
                let block = u[offsets[i]..<offsets[i] + widths[i]]
                let k = block.indices.max { block[$0] < block[$1] }.map { $0 - offsets[i] } ?? 0
                return vs[k]
            default:
                let (lo, hi) = p.domain.scaledBounds!
                return p.domain.value(atScaled: lo + min(max(u[offsets[i]], 0), 1) * (hi - lo))
            }
        }
    }

    /// `u` moved onto the nearest feasible point.
    func snapped(_ u: [Double]) -> [Double] { encode(decode(u)) }
}
