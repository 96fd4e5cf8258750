// Colour ramps for heatmaps (viridis, quantized to ≤ 64 palette entries so ncurses never runs out
// of colour pairs), shade-glyph ramps for terminals without them, and categorical colours for
// series and classes (bright and dim variants, distinct glyphs when there is no colour).

/// A continuous colour ramp, sampled to `levels` palette indices.
public struct ColorRamp: Sendable, Hashable {
    /// Palette indices from low to high.
    public let levels: [UInt8]

    /// Viridis (van der Walt & Smith 2015): perceptually uniform, readable in gray.
    public static let viridis = ColorRamp(
        stops: [
            RGB(68, 1, 84), RGB(72, 40, 120), RGB(62, 73, 137), RGB(49, 104, 142), RGB(38, 130, 142),
            RGB(31, 158, 137), RGB(53, 183, 121), RGB(109, 205, 89), RGB(253, 231, 37),
        ], levels: 64)

    /// Interpolates `stops` evenly to `levels` (at most 64) colours, each the nearest palette entry.
    public init(stops: [RGB], levels: Int) {
        let count = max(2, min(levels, 64))
        guard stops.count >= 2 else {
            self.levels = [Palette.nearestExtended(stops.first ?? RGB(128, 128, 128))]
            return
        }
        self.levels = (0..<count).map { i in
            let t = Double(i) / Double(count - 1) * Double(stops.count - 1)
            let k = min(Int(t), stops.count - 2)
            let f = t - Double(k)
            let mix = { (a: UInt8, b: UInt8) in UInt8((Double(a) * (1 - f) + Double(b) * f).rounded()) }
            let a = stops[k], b = stops[k + 1]
            return Palette.nearestExtended(RGB(mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue)))
        }
    }

    /// The colour at `t` in [0, 1] (clamped); nil for NaN.
    public func color(at t: Double) -> Color? {
        guard !t.isNaN, !levels.isEmpty else { return nil }
        let i = clampedInt((max(0, min(1, t)) * Double(levels.count - 1)).rounded())
        return .indexed(levels[i])
    }
}

/// Shade glyphs standing in for a ramp: ` ░▒▓█`, or ` .:-=+*#%@` in ASCII.
public enum ShadeRamp {
    static let unicode: [Unicode.Scalar] = [" ", "░", "▒", "▓", "█"]
    static let ascii: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

    /// The shade for `t` in [0, 1]; a blank for NaN.
    public static func glyph(at t: Double, profile: RenderProfile) -> Unicode.Scalar {
        let ramp = profile.isUnicode ? unicode : ascii
        guard !t.isNaN else { return " " }
        return ramp[clampedInt((max(0, min(1, t)) * Double(ramp.count - 1)).rounded())]
    }
}

/// Ten categorical colours (series, classes), each with a bright and a dim variant.
public enum CategoricalColors {
    /// 256-colour bright variants: blue, orange, green, red, purple, brown, pink, gray, olive, cyan.
    static let bright256: [UInt8] = [39, 208, 41, 196, 141, 173, 205, 250, 184, 51]
    /// Darker twins, for dim series and decision-region backgrounds.
    static let dim256: [UInt8] = [25, 130, 28, 124, 97, 95, 132, 243, 100, 30]
    /// Dark twins for decision-region backgrounds, so bright points stand out on them.
    static let region256: [UInt8] = [17, 94, 22, 52, 54, 95, 89, 238, 58, 23]
    /// Basic-colour hues in the same order (red, green, … repeat beyond six).
    static let basic: [UInt8] = [4, 3, 2, 1, 5, 3, 5, 7, 2, 6]
    /// Glyphs for classes when there is no colour: the class digit.
    static let classGlyphs: [Unicode.Scalar] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]

    /// The colour of category `index` (any integer; wraps around ten).
    public static func color(_ index: Int, bright: Bool, profile: RenderProfile) -> Color {
        let i = ((index % 10) + 10) % 10
        switch profile.colors {
        case .none: return .default
        case .palette256: return .indexed(bright ? bright256[i] : dim256[i])
        case .basic16: return .indexed(basic[i] + (bright ? 8 : 0))
        case .basic8: return .indexed(basic[i])
        }
    }

    /// The background colour of a decision region of class `index`.
    public static func regionColor(_ index: Int, profile: RenderProfile) -> Color {
        let i = ((index % 10) + 10) % 10
        return profile.colors == .palette256 ? .indexed(region256[i]) : color(index, bright: false, profile: profile)
    }

    /// A full style for a series or class mark: bright ones bold on few-colour terminals, dim ones dim.
    public static func style(_ index: Int, bright: Bool, profile: RenderProfile) -> CellStyle {
        var style = CellStyle(foreground: color(index, bright: bright, profile: profile))
        if !bright && profile.colors <= .basic8 { style.attributes.insert(.dim) }
        if bright && profile.colors == .basic8 { style.attributes.insert(.bold) }
        return style
    }

    /// A point glyph for class `index`: a coloured dot, or the class digit without colour.
    public static func classGlyph(_ index: Int, profile: RenderProfile) -> Unicode.Scalar {
        if !profile.hasColor { return classGlyphs[((index % 10) + 10) % 10] }
        return profile.glyph("●", "o")
    }
}
