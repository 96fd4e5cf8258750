// One character cell of a chart: a glyph, foreground and background colours, attributes.

/// Text attributes of a cell.
public struct CellAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellAttributes(rawValue: 1)
    public static let dim = CellAttributes(rawValue: 2)
    public static let reverse = CellAttributes(rawValue: 4)
    public static let underline = CellAttributes(rawValue: 8)
}

/// How text is drawn: colours and attributes, without the glyph.
public struct CellStyle: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var attributes: CellAttributes

    public init(foreground: Color = .default, background: Color = .default, attributes: CellAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
    public static let bold = CellStyle(attributes: .bold)
    public static let dim = CellStyle(attributes: .dim)
}

/// One cell: a single-column glyph and its style. Every glyph Basin draws is one column wide;
/// `CellBuffer.write` replaces anything wider and drops zero-width marks.
public struct Cell: Sendable, Hashable {
    public var glyph: Unicode.Scalar
    public var style: CellStyle

    public init(_ glyph: Unicode.Scalar, style: CellStyle = .plain) {
        self.glyph = glyph
        self.style = style
    }

    public static let blank = Cell(" ")

    public var foreground: Color { style.foreground }
    public var background: Color { style.background }
    public var attributes: CellAttributes { style.attributes }

    /// A blank with no colour and no attributes that show on a space (trimmed at line ends).
    public var isPlainBlank: Bool {
        glyph == " " && style.background == .default && !style.attributes.contains(.reverse)
            && !style.attributes.contains(.underline)
    }
}

/// Column width of a scalar as Basin treats it: 1 for printable narrow text, 0 for combining
/// marks and other zero-width scalars, 2 for East Asian wide and emoji, -1 for controls.
public func columnWidth(of scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return -1 }
    if v < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0xFE00...0xFE0F).contains(v) { return 0 }
    if isWide(v) || scalar.properties.isEmojiPresentation { return 2 }
    return 1
}

private func isWide(_ v: UInt32) -> Bool {
    (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
}
