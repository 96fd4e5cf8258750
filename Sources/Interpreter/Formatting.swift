// How numbers and settings are written in Basin's lines and tables, in one place.
import Charts
import Foundation
import Language
import Networks

/// Four significant digits: `0.1234`, `1.235e-05`.
func fmt(_ v: Double) -> String { Table.number(v, significant: 4) }

/// A fraction as a percentage with one decimal: `97.1%`.
func pct(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

/// Three significant digits, for narrow columns.
func short3(_ v: Double) -> String { Table.number(v, significant: 3) }

/// A Float as its shortest round-tripping text ("0.01", not 0.009999999776…).
func short(_ v: Float) -> String {
    NumberLiteral.format(Double("\(v)") ?? Double(v))
}

/// "sgd lr=0.1 momentum=0.9 nesterov" — the settings as `opt` and `reg` write them.
func describe(_ s: OptimizerSettings) -> String {
    var parts = ["\(s.kind.rawValue) lr=\(short(s.learningRate))"]
    if s.momentum != 0 { parts.append("momentum=\(short(s.momentum))") }
    if s.nesterov { parts.append("nesterov") }
    if s.weightDecay != 0 { parts.append("wd=\(short(s.weightDecay))") }
    if s.l2 != 0 { parts.append("l2=\(short(s.l2))") }
    if s.l1 != 0 { parts.append("l1=\(short(s.l1))") }
    return parts.joined(separator: " ")
}
