// A seeded, splittable random number generator: every dataset, initialization, shuffle and
// dropout mask in Basin draws from one of these, so a seed reproduces everything.
//
// Xoshiro256** (Blackman & Vigna 2018) for the stream; SplitMix64 to expand a seed into state
// and to derive independent child streams (`split`), as JAX's and NumPy's SeedSequence do.

/// SplitMix64 step: the standard seed expander (Steele, Lea & Flood 2014).
@inlinable
func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

/// A reproducible random stream. Value type: copying it forks an identical stream.
public struct RNG: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A stream determined entirely by `seed`.
    public init(seed: UInt64) {
        var sm = seed
        s0 = splitMix64(&sm); s1 = splitMix64(&sm); s2 = splitMix64(&sm); s3 = splitMix64(&sm)
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// A stream for a named purpose ("init", "shuffle", "dropout") under a seed, so that adding a
    /// use of randomness in one place does not shift the numbers drawn in another.
    public init(seed: UInt64, stream: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a over the stream name
        for byte in stream.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        self.init(seed: seed ^ h)
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// An independent child stream; this stream advances by one draw.
    public mutating func split() -> RNG {
        RNG(seed: next())
    }

    /// Uniform in [0, 1) with 24 bits of precision.
    @inlinable
    public mutating func uniformFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    @inlinable
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform in [low, high).
    @inlinable
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * uniformFloat()
    }

    /// Standard normal by the Box–Muller transform (one value per call; simple and exact enough).
    @inlinable
    public mutating func normal() -> Float {
        Float(normalDouble())
    }

    @inlinable
    public mutating func normalDouble() -> Double {
        // NOTE: 1 - u keeps the log argument in (0, 1].
        let u1 = 1.0 - uniformDouble()
        let u2 = uniformDouble()
        return (-2.0 * _log(u1)).squareRoot() * _cos(2.0 * Double.pi * u2)
    }

    /// Uniform integer in 0..<bound (Lemire's nearly divisionless method via the stdlib).
    @inlinable
    public mutating func int(below bound: Int) -> Int {
        Int.random(in: 0..<bound, using: &self)
    }

    /// Fisher–Yates shuffle of `indices` in place.
    public mutating func shuffle(_ indices: inout [Int32]) {
        var i = indices.count - 1
        while i > 0 {
            let j = int(below: i + 1)
            indices.swapAt(i, j)
            i -= 1
        }
    }

    /// A random permutation of 0..<n.
    public mutating func permutation(_ n: Int) -> [Int32] {
        var p = (0..<n).map { Int32($0) }
        shuffle(&p)
        return p
    }
}

// Foundation-free math so Kernels needs nothing but the C library.
#if canImport(Glibc)
import Glibc
@usableFromInline func _log(_ x: Double) -> Double { Glibc.log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Darwin)
import Darwin
@usableFromInline func _log(_ x: Double) -> Double { Darwin.log(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
