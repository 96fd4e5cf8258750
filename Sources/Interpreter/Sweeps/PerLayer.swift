// Per-layer parameters in a net spec: inside a repeated item, `$w` (declared `let w ~ … per
// depth`) names the width of the repetition it is in. `dense $w relu x$depth` with depth = 3
// becomes `dense $w1 relu, dense $w2 relu, dense $w3 relu` before the net is built, so the k-th
// layer reads the k-th sampled value and layers that do not exist read nothing.
import Language

enum PerLayer {
    /// The definition with every repeated item that mentions a per-layer parameter unrolled.
    /// `count` resolves a repeat count (`x$depth`) in the trial's scope.
    static func expanded(
        _ definition: NetworkDefinition, prefixes: Set<String>,
        count: (Value) throws(RuntimeError) -> Int
    ) throws(RuntimeError) -> NetworkDefinition {
        guard !prefixes.isEmpty else { return definition }
        var out = definition
        out.layers = try expanded(definition.layers, prefixes: prefixes, count: count)
        return out
    }

    static func expanded(
        _ items: [LayerItem], prefixes: Set<String>,
        count: (Value) throws(RuntimeError) -> Int
    ) throws(RuntimeError) -> [LayerItem] {
        var out: [LayerItem] = []
        for item in items {
            guard let repeats = item.repeatCount, mentions(item, prefixes) else {
                out.append(item)
                continue
            }
            let n = try count(repeats)
            for k in 0..<max(n, 0) {
                var copy = renamed(item, prefixes, k + 1)
                copy.repeatCount = nil
                out.append(copy)
            }
        }
        return out
    }

    /// Does the item read one of the per-layer parameters?
    static func mentions(_ item: LayerItem, _ prefixes: Set<String>) -> Bool {
        switch item.kind {
        case .layer(let layer): return values(of: layer).contains { v in variable(v).map(prefixes.contains) ?? false }
        case .residual(let body): return body.contains { mentions($0, prefixes) }
        case .borrowed: return false
        }
    }

    static func variable(_ v: Value) -> String? {
        if case .variable(let name) = v.kind { return name }
        return nil
    }

    static func values(of layer: Layer) -> [Value] {
        var out: [Value] = layer.activation.map { [$0] } ?? []
        switch layer.kind {
        case .dense(let units): out.append(units)
        case .conv(let channels, let k, let s, let pad, _): out += [channels] + [k, s, pad].compactMap { $0 }
        case .pool(let mode, let size, _): out += [mode, size]
        case .dropout(let rate): out.append(rate)
        default: break
        }
        return out
    }

    /// The item with `$w` → `$wk` for every per-layer prefix w (nested residual items too).
    static func renamed(_ item: LayerItem, _ prefixes: Set<String>, _ k: Int) -> LayerItem {
        var copy = item
        switch item.kind {
        case .layer(let layer): copy.kind = .layer(renamed(layer, prefixes, k))
        case .residual(let body): copy.kind = .residual(body.map { renamed($0, prefixes, k) })
        case .borrowed: break
        }
        return copy
    }

    static func renamed(_ layer: Layer, _ prefixes: Set<String>, _ k: Int) -> Layer {
        func r(_ v: Value) -> Value {
            guard let name = variable(v), prefixes.contains(name) else { return v }
            return Value(.variable("\(name)\(k)"), span: v.span, text: "$\(name)\(k)")
        }
        var copy = layer
        copy.activation = layer.activation.map(r)
        switch layer.kind {
        case .dense(let units): copy.kind = .dense(units: r(units))
        case .conv(let c, let k, let s, let p, let d):
            copy.kind = .conv(channels: r(c), kernel: k.map(r), stride: s.map(r), padding: p.map(r), dimensions: d)
        case .pool(let mode, let size, let d): copy.kind = .pool(mode: r(mode), size: r(size), dimensions: d)
        case .dropout(let rate): copy.kind = .dropout(rate: r(rate))
        default: break
        }
        return copy
    }
}
