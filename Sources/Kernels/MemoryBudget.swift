// BASIN_MEMORY: the most memory one Basin process may plan to use (a classroom server sets it per
// student, e.g. 512M). The engine checks its large allocations against it before making them — a
// network's parameters and optimizer state, a training batch's activations, a dataset's values,
// snapshots — and refuses with the sizes and the setting instead of running out of memory.
import Foundation

public enum MemoryBudget {
    /// The budget in bytes from BASIN_MEMORY, or nil when unset (or unusable: refused at start).
    public static let bytes: Int? = ProcessInfo.processInfo.environment["BASIN_MEMORY"].flatMap(parse)
    /// BASIN_MEMORY as written, for refusals ("BASIN_MEMORY=512M").
    public static let setting: String? = ProcessInfo.processInfo.environment["BASIN_MEMORY"].flatMap {
        parse($0) == nil ? nil : "BASIN_MEMORY=\($0)"
    }

    /// The smallest budget Basin accepts: a lesson needs a few tens of MiB.
    public static let minimum = 64 << 20

    /// "512M", "512MiB", "2G", "1.5GB", "800k", "1048576" (bytes) → bytes; nil when not a size.
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let (k, m, g) = (1024.0, 1024.0 * 1024, 1024.0 * 1024 * 1024)
        let units: [(String, Double)] = [
            ("gib", g), ("gb", g), ("g", g), ("mib", m), ("mb", m), ("m", m), ("kib", k), ("kb", k), ("k", k), ("b", 1),
        ]
        var number = t, scale = 1.0
        for (suffix, s) in units where t.hasSuffix(suffix) {
            number = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = s
            break
        }
        guard let v = Double(number), v.isFinite, v > 0, v * scale < 9e18 else { return nil }
        return Int(v * scale)
    }

    /// Why BASIN_MEMORY cannot be used, for a refusal at start; nil when unset or fine.
    public static func problem(environment: [String: String]) -> String? {
        guard let text = environment["BASIN_MEMORY"], !text.isEmpty else { return nil }
        guard let bytes = parse(text) else {
            return "BASIN_MEMORY='\(text)' is not a size; write it as 512M or 2G (bytes with k, M or G)"
        }
        if bytes < minimum { return "BASIN_MEMORY='\(text)' is below 64M, too little for any lesson" }
        return nil
    }

    /// `limit`, lowered to the budget's `fraction` when BASIN_MEMORY is set.
    public static func capped(_ limit: Int, fraction: Double = 1) -> Int {
        guard let bytes else { return limit }
        return min(limit, Int(Double(bytes) * fraction))
    }

    /// Whether the budget (not Basin's own limit `limit`) is what `capped` returned.
    public static func binds(_ capped: Int, below limit: Int) -> Bool { bytes != nil && capped < limit }
}
