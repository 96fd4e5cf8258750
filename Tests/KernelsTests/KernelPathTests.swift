// Same seed, same numbers: every elementwise, reduction, optimizer and loss kernel gives the
// same bits on the AVX-512 and AVX2 paths (kernels_body.h), over lengths around the vector
// widths. Comparisons are exact — a difference in the last bit is a determinism bug, since
// training amplifies it within a few hundred steps. Also: BASIN_ISA's refusals.
import CKernels
import Kernels
import Testing

private let pathLengths = [1, 7, 8, 15, 16, 17, 31, 100, 1023, 1025, 3001]

private func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }

/// Runs `body` on each FMA path's table and returns what it produced, by path.
private func onBothPaths<T>(_ body: (basin_kernel_table) -> T) -> [T] {
    let names: [String] = ["avx512", "avx2"]
    return names.compactMap { name in basin_kernels_for(name) }.map { body($0.pointee) }
}

@Suite(.enabled(if: KernelPath.cpu == .avx512, "this CPU has no AVX-512, so there is only one FMA path to run"))
struct KernelPathAgreementTests {
    @Test(arguments: pathLengths)
    func elementwiseKernelsAgree(_ n: Int) {
        let x = randomVector(n, seed: 11), dy = randomVector(n, seed: 12)
        let results = onBothPaths { k -> [[UInt32]] in
            var out: [[UInt32]] = []
            var y = [Float](repeating: 0, count: n), dx = y
            k.relu_forward(n, x, &y); out.append(bits(y))
            k.relu_backward(n, x, dy, &dx); out.append(bits(dx))
            k.leaky_forward(n, 0.01, x, &y); out.append(bits(y))
            k.leaky_backward(n, 0.01, x, dy, &dx); out.append(bits(dx))
            var slope = y
            k.gelu_forward(n, x, &y, &slope); out.append(bits(y + slope))
            k.gelu_backward(n, x, nil, dy, &dx); out.append(bits(dx))
            var saved = dx
            k.gelu_backward(n, x, slope, dy, &saved); out.append(bits(saved))
            // Layer norm over rows of 7 (a 16-lane block and a remainder once n ≥ 23).
            let rows = n / 7
            if rows > 0 {
                let gamma = randomVector(7, seed: 13), beta = randomVector(7, seed: 14)
                var mean = [Float](repeating: 0, count: rows), inv = mean, dg = gamma, db = beta
                k.layernorm_forward(rows, 7, 1e-5, x, gamma, beta, &y, &mean, &inv); out.append(bits(y))
                k.layernorm_backward(rows, 7, x, gamma, mean, inv, dy, &dg, &db, &dx); out.append(bits(dx + dg + db))
            }
            // Attention over L = n mod 9 + 1 positions of width 6 in 2 heads, causal and not.
            let l = n % 9 + 1, w = 6
            if n >= 3 * l * w {
                var probs = [Float](repeating: 0, count: 2 * l * l), o = [Float](repeating: 0, count: l * w)
                var dqkv = [Float](repeating: 0, count: 3 * l * w)
                var scratch = [Float](repeating: 0, count: Elementwise.attentionScratch(length: l, headWidth: 3))
                for causal: Int32 in [0, 1] {
                    k.attention_forward(l, w, 2, causal, 0.57, x, &probs, &o, &scratch); out.append(bits(probs + o))
                    k.attention_backward(l, w, 2, causal, 0.57, x, probs, dy, &dqkv, &scratch); out.append(bits(dqkv))
                }
            }
            var z = dy
            k.axpy(n, 0.37, x, &z); out.append(bits(z))
            k.scale(n, -1.3, &z); out.append(bits(z))
            k.add2(n, x, dy, &y); out.append(bits(y))
            k.combine3(n, x, 0.3, dy, -0.7, x, &y); out.append(bits(y))
            return out
        }
        #expect(results.count == 2 && results[0] == results[1])
    }

    @Test(arguments: pathLengths)
    func reductionsAgree(_ n: Int) {
        let x = randomVector(n, seed: 13), y = randomVector(n, seed: 14)
        let results = onBothPaths { k in [k.dot(n, x, y).bitPattern, k.sum(n, x).bitPattern] }
        #expect(results.count == 2 && results[0] == results[1])
    }

    @Test(arguments: [(1, 1), (7, 3), (100, 10), (33, 25), (64, 17), (5, 100)])
    func rowKernelsAgree(_ rows: Int, _ cols: Int) {
        let x = randomVector(rows * cols, seed: 15), bias = randomVector(cols, seed: 16)
        let results = onBothPaths { k -> [[UInt32]] in
            var y = x, sums = bias
            k.add_row_vector(rows, cols, bias, &y)
            k.accumulate_column_sums(rows, cols, x, &sums)
            return [bits(y), bits(sums)]
        }
        #expect(results.count == 2 && results[0] == results[1])
    }

    @Test(arguments: pathLengths)
    func optimizerUpdatesAgree(_ n: Int) {
        let g = randomVector(n, seed: 17), p0 = randomVector(n, seed: 18)
        let m0 = randomVector(n, seed: 19).map { $0 * 0.1 }, v0 = randomVector(n, seed: 20).map { $0 * $0 * 0.01 }
        let mask = (0..<n).map { Float($0 % 3 == 0 ? 0 : 1) }
        let results = onBothPaths { k -> [[UInt32]] in
            var out: [[UInt32]] = []
            var p = p0, m = m0, v = v0, buf = m0
            k.sgd(n, 0.1, &p, g); out.append(bits(p))
            k.sgd_momentum(n, 0.1, 0.9, 0, &p, g, &buf); out.append(bits(p) + bits(buf))
            k.sgd_momentum(n, 0.1, 0.9, 1, &p, g, &buf); out.append(bits(p) + bits(buf))
            k.adam(n, 1e-3, 0.9, 0.999, 1.7, 1e-8, &p, g, &m, &v); out.append(bits(p) + bits(m) + bits(v))
            k.rmsprop(n, 1e-3, 0.99, 1e-8, 0.5, &p, g, &v, &buf); out.append(bits(p) + bits(v) + bits(buf))
            var grad = g
            k.penalties(n, 1e-2, 1e-3, p, mask, &grad); out.append(bits(grad))
            k.decay(n, 1e-2, mask, &p); out.append(bits(p))
            return out
        }
        #expect(results.count == 2 && results[0] == results[1])
    }

    /// The loss's vectorized phases (shifted exponentials, row sums and their logs).
    @Test(arguments: [(1, 10), (100, 10), (37, 3), (8, 33)])
    func softmaxPhasesAgree(_ rows: Int, _ k: Int) {
        let z = randomVector(rows * k, seed: 22).map { $0 * 4 }
        let maxima = (0..<rows).map { r in z[(r * k)..<(r * k + k)].max()! }
        let results = onBothPaths { t -> [[UInt32]] in
            var e = [Float](repeating: 0, count: rows * k), logs = [Float](repeating: 0, count: rows)
            t.shifted_exp(rows, k, z, maxima, &e)
            t.row_log_sums(rows, k, e, &logs)
            return [bits(e), bits(logs)]
        }
        #expect(results.count == 2 && results[0] == results[1])
    }
}

@Suite struct KernelPathTests {
    @Test func pathsArePickedFromTheCPUAndNamedAsBASIN_ISASpellsThem() {
        #expect(KernelPath.current <= KernelPath.cpu)
        #expect(KernelPath.available.first == KernelPath.cpu)
        for path in KernelPath.allCases { #expect(KernelPath(name: path.description) == path) }
        #expect(KernelPath(name: "sse2") == nil)
        #expect(basin_kernels_for("baseline") != nil)
        #expect(basin_kernels_for("neon") == nil)
    }

    @Test func summarySaysWhetherResultsAreReproducible() {
        #expect(KernelPath.summary.hasPrefix("kernels: \(KernelPath.current)"))
        #expect(KernelPath.avx2.isReproducible && KernelPath.avx512.isReproducible && !KernelPath.baseline.isReproducible)
    }
}
