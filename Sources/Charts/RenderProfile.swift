// What the output device can show: Unicode or ASCII glyphs, and how many colours. Every chart
// renders for a profile; `adapted` guarantees no colour index above what the profile allows.

/// The glyphs and colours a front end can show.
public struct RenderProfile: Sendable, Hashable {
    /// Unicode block, braille and box glyphs, or a 7-bit ASCII fallback (`LANG=C`).
    public enum Glyphs: Sendable, Hashable {
        case unicode, ascii
    }

    /// Colour depth. Ramps (heatmaps) need `.palette256`; fewer colours draw shade glyphs.
    public enum Colors: Int, Sendable, Hashable, Comparable {
        case none = 0, basic8 = 8, basic16 = 16, palette256 = 256

        public static func < (a: Colors, b: Colors) -> Bool { a.rawValue < b.rawValue }

        /// The depth for a terminal that reports `count` colours (ncurses `COLORS`).
        public init(colorCount count: Int) {
            self = count >= 256 ? .palette256 : count >= 16 ? .basic16 : count >= 8 ? .basic8 : .none
        }
    }

    public var glyphs: Glyphs
    public var colors: Colors

    public init(glyphs: Glyphs = .unicode, colors: Colors = .palette256) {
        self.glyphs = glyphs
        self.colors = colors
    }

    /// Unicode glyphs, 256 colours: a modern terminal.
    public static let standard = RenderProfile()
    /// Unicode glyphs, no colour (`NO_COLOR`, or piped output on a UTF-8 locale).
    public static let monochrome = RenderProfile(glyphs: .unicode, colors: .none)
    /// ASCII glyphs, no colour: the thinnest terminal.
    public static let ascii = RenderProfile(glyphs: .ascii, colors: .none)

    public var isUnicode: Bool { glyphs == .unicode }
    public var hasColor: Bool { colors != .none }
    /// Whether heatmaps use colour ramps (else shade glyphs).
    public var usesRamps: Bool { colors == .palette256 }

    /// A colour as this profile can show it: nearest basic colour on 8/16-colour terminals,
    /// the default colour when there is none.
    public func adapted(_ color: Color) -> Color {
        guard case .indexed(let i) = color else { return color }
        switch colors {
        case .none: return .default
        case .basic8: return .indexed(Palette.nearestBasic(i, count: 8))
        case .basic16: return .indexed(Palette.nearestBasic(i, count: 16))
        case .palette256: return color
        }
    }

    public func adapted(_ style: CellStyle) -> CellStyle {
        CellStyle(
            foreground: adapted(style.foreground), background: adapted(style.background),
            attributes: style.attributes)
    }

    /// Picks the Unicode or ASCII variant of a glyph.
    public func glyph(_ unicode: Unicode.Scalar, _ ascii: Unicode.Scalar) -> Unicode.Scalar {
        glyphs == .unicode ? unicode : ascii
    }
}
