// Short number labels for axes, bars and tables, without Foundation: `1k`, `2.5e-3`, `0.35`,
// and durations for progress bars (`1m12s`).
import Glibc

/// Compact, deterministic number formatting.
public enum NumberFormat {
    /// `v` with about `significant` digits: 1234 → `1.23k`, 0.000123 → `1.23e-4`, 0.5 → `0.5`.
    public static func compact(_ v: Double, significant: Int = 3) -> String {
        guard v.isFinite, v != 0 else { return nonFinite(v) ?? "0" }
        let digits = max(1, min(significant, 12))
        return compact(v, step: power10(Int(floor(log10(abs(v)))) - (digits - 1)))
    }

    /// `v` labelled with the precision a tick `step` needs (ticks 0, 0.25, 0.5 → `0.25`, `0.5`).
    public static func compact(_ v: Double, step: Double) -> String {
        guard v.isFinite, v != 0 else { return nonFinite(v) ?? "0" }
        let magnitude = abs(v)
        let safeStep = step.isFinite && step > 0 ? step : magnitude / 100
        if magnitude >= 1e3 && magnitude < 1e15 {
            let (unit, suffix) =
                magnitude >= 1e12
                ? (1e12, "T")
                : magnitude >= 1e9
                    ? (1e9, "G")
                    : magnitude >= 1e6 ? (1e6, "M") : (1e3, "k")
            return trimmed(fixed(v / unit, decimals: decimals(for: safeStep / unit))) + suffix
        }
        if magnitude < 0.01 || magnitude >= 1e15 { return scientific(v, step: safeStep) }
        return trimmed(fixed(v, decimals: decimals(for: safeStep)))
    }

    /// `v` with exactly `decimals` digits after the point (0–12), e.g. `fixed(2.345, decimals: 2)` → `2.35`.
    public static func fixed(_ v: Double, decimals: Int) -> String {
        if let text = nonFinite(v) { return text }
        let d = max(0, min(decimals, 12))
        let scaled = (abs(v) * power10(d)).rounded()
        guard scaled < 9e18 else { return compact(v, significant: 6) }
        var digits = String(UInt64(scaled))
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -d))
        }
        return (v < 0 && scaled != 0 ? "-" : "") + digits
    }

    /// A duration for ETAs: `42s`, `3m05s`, `2h10m`, `3d04h`; `--` when unknown.
    public static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--" }
        let s = Int(min(seconds.rounded(), 8.64e8))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + twoDigits(s % 60) + "s" }
        if s < 86400 { return "\(s / 3600)h" + twoDigits((s / 60) % 60) + "m" }
        return "\(s / 86400)d" + twoDigits((s / 3600) % 24) + "h"
    }

    static func scientific(_ v: Double, step: Double) -> String {
        var exponent = Int(floor(log10(abs(v))))
        var mantissa = v / power10(exponent)
        let d = max(0, min(decimals(for: step / power10(exponent)), 3))
        if abs((mantissa * power10(d)).rounded()) >= 10 * power10(d) {
            exponent += 1
            mantissa /= 10
        }
        return trimmed(fixed(mantissa, decimals: d)) + "e" + String(exponent)
    }

    static func decimals(for step: Double) -> Int {
        guard step.isFinite, step > 0, step < 1 else { return 0 }
        return min(12, Int(ceil(-log10(step) - 1e-9)))
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = text
        while t.last == "0" { t.removeLast() }
        if t.last == "." { t.removeLast() }
        return t == "-0" ? "0" : t
    }

    static func nonFinite(_ v: Double) -> String? {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return nil
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// 10^k for any integer k, exact for the small powers that labels use.
func power10(_ k: Int) -> Double {
    pow(10.0, Double(max(-330, min(k, 330))))
}

/// A Double → Int conversion that never traps: NaN → 0, huge values clamped.
func clampedInt(_ v: Double, limit: Int = 1 << 30) -> Int {
    guard !v.isNaN else { return 0 }
    return Int(max(Double(-limit), min(Double(limit), v)))
}
