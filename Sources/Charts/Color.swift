// Colours as terminal palette indices (what cells store), plus the xterm RGB of each index so
// that ramps can be quantized to the palette and SVG export can print the same colours.

/// A cell colour: the terminal default or an index into the 256-colour palette
/// (0–7 basic, 8–15 bright, 16–231 the 6×6×6 cube, 232–255 the gray ramp).
public enum Color: Sendable, Hashable {
    case `default`
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let gray = Color.indexed(8)
    public static let brightWhite = Color.indexed(15)

    /// The palette index, or nil for the terminal default.
    public var index: Int? {
        if case .indexed(let i) = self { return Int(i) }
        return nil
    }
}

/// An 8-bit RGB triple.
public struct RGB: Sendable, Hashable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#rrggbb`, as SVG wants it.
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var text = "#"
        for byte in [red, green, blue] {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return text
    }

    func distanceSquared(to other: RGB) -> Int {
        let dr = Int(red) - Int(other.red), dg = Int(green) - Int(other.green), db = Int(blue) - Int(other.blue)
        return dr * dr + dg * dg + db * db
    }
}

/// The xterm palette: RGB of every index and nearest-colour lookups.
public enum Palette {
    static let basic: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The xterm RGB of a palette index.
    public static func rgb(_ index: UInt8) -> RGB {
        let i = Int(index)
        if i < 16 { return basic[i] }
        if i >= 232 {
            let v = UInt8(8 + 10 * (i - 232))
            return RGB(v, v, v)
        }
        let c = i - 16
        return RGB(cubeLevels[c / 36], cubeLevels[(c / 6) % 6], cubeLevels[c % 6])
    }

    /// The nearest index among 16–255 (cube and grays), which terminals render alike.
    public static func nearestExtended(_ rgb: RGB) -> UInt8 {
        nearest(rgb, in: 16...255)
    }

    /// The nearest of the first `count` (8 or 16) basic colours.
    public static func nearestBasic(_ index: UInt8, count: Int) -> UInt8 {
        if Int(index) < count { return index }
        if index < 16 { return index - 8 }  // bright → its normal twin
        return nearest(rgb(index), in: 0...(UInt8(max(1, min(count, 16)) - 1)))
    }

    static func nearest(_ target: RGB, in range: ClosedRange<UInt8>) -> UInt8 {
        var best = range.lowerBound
        var bestDistance = Int.max
        for i in range {
            let d = rgb(i).distanceSquared(to: target)
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }
}
