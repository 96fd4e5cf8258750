// Small images side by side, each with a caption: a dataset's examples (`show img`) and a
// convolution's kernels (`plot filters`). In 256 colours a cell holds two pixels (▀, foreground
// the upper, background the lower), so a 16×16 image is 16 columns by 8 rows and its pixels are
// square. A small image (a kernel, 8 pixels wide or less) draws each pixel two cells wide and one
// row tall instead (square too, and large enough to see): coloured blanks, or without colour two
// shade glyphs; a larger one draws ink and background in half blocks (▀ ▄ █), the ink being
// every pixel above the middle of the range — the shapes stay readable at the same compact size.
// In ASCII a larger image is one shade glyph per pixel.

/// Images laid out left to right, wrapping, with a caption under each.
public struct ImageGrid: Sendable, Equatable {
    /// One image: `height` rows of `width` pixels, row-major, row 0 at the top.
    public struct Image: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public var pixels: [Double]
        public var caption: String
        public init(width: Int, height: Int, pixels: [Double], caption: String) {
            self.width = max(0, width); self.height = max(0, height); self.pixels = pixels; self.caption = caption
        }

        func pixel(_ x: Int, _ y: Int) -> Double {
            let i = y * width + x
            return x >= 0 && x < width && y >= 0 && i < pixels.count ? pixels[i] : .nan
        }
    }

    /// How values become shades.
    public enum Coloring: Sendable, Hashable {
        /// Black (low) to white (high): intensities.
        case gray
        /// Blue (negative) through white (zero) to red (positive), symmetric about 0: weights.
        case diverging
    }

    public var title: String?
    public var images: [Image]
    public var coloring: Coloring
    /// One value range for every image (so shades compare across them), or each its own.
    public var sharedRange: Bool
    /// Said under the images, after the scale (what the shades mean, which the grid writes).
    public var note: String?

    public init(title: String? = nil, images: [Image], coloring: Coloring = .gray, sharedRange: Bool = true, note: String? = nil)
    {
        self.title = title; self.images = images; self.coloring = coloring; self.sharedRange = sharedRange; self.note = note
    }

    /// Gray levels of the 256-colour ramp (232 is near black, 255 near white), plus 16 (black)
    /// and 231 (white) at the ends.
    static let grays: [UInt8] = [16] + Array(232...255) + [231]
    static let divergingRamp = ColorRamp(
        stops: [RGB(33, 102, 172), RGB(146, 197, 222), RGB(247, 247, 247), RGB(244, 165, 130), RGB(178, 24, 43)],
        levels: 21)

    /// The range that maps to the ends of the scale: [min, max] for gray, [−m, m] with m the
    /// largest magnitude for diverging; nil when no pixel is finite.
    func range(of pixels: [Double]) -> (Double, Double)? {
        let finite = pixels.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return nil }
        switch coloring {
        case .gray: return (lo, hi)
        case .diverging:
            let m = max(abs(lo), abs(hi))
            return (-m, m)
        }
    }

    func ranges() -> [(Double, Double)?] {
        if sharedRange {
            let all = range(of: images.flatMap(\.pixels))
            return images.map { _ in all }
        }
        return images.map { range(of: $0.pixels) }
    }

    /// Position of `v` on the scale, 0…1 (0.5 for a flat image); NaN stays NaN.
    static func position(_ v: Double, in range: (Double, Double)?) -> Double {
        guard v.isFinite, let (lo, hi) = range else { return .nan }
        return hi > lo ? max(0, min(1, (v - lo) / (hi - lo))) : 0.5
    }

    func color(at t: Double) -> Color? {
        guard !t.isNaN else { return nil }
        switch coloring {
        case .gray: return .indexed(Self.grays[clampedInt((t * Double(Self.grays.count - 1)).rounded())])
        case .diverging: return Self.divergingRamp.color(at: t)
        }
    }

    /// What the shades mean: "black −0.3 to white 1.2", "blue −0.8, white 0, red 0.8"; glyphs
    /// instead of colour names without colour. Each image's own range is not listed.
    func scaleText(_ ranges: [(Double, Double)?], mode: Mode, profile: RenderProfile) -> String {
        let (low, middle, high): (String, String, String)
        if mode == .inkHalves {
            let mid = sharedRange ? (ranges.first ?? nil).map { NumberFormat.compact(($0.0 + $0.1) / 2) } : nil
            return "'█' above \(mid ?? "the middle of each image's range"), blank below"
        }
        if mode == .colorHalves || mode == .colorWide {
            (low, middle, high) = coloring == .gray ? ("black", "", "white") : ("blue", "white", "red")
        } else {
            let g = { (t: Double) in "'" + String(ShadeRamp.glyph(at: t, profile: profile)) + "'" }
            (low, middle, high) = (g(0), g(0.5), g(1))
        }
        guard sharedRange, let (lo, hi) = ranges.first ?? nil else {
            return coloring == .gray
                ? "\(low) low, \(high) high (each image its own range)" : "\(low) negative, \(middle) 0, \(high) positive"
        }
        let f = { (v: Double) in NumberFormat.compact(v) }
        return coloring == .gray ? "\(low) \(f(lo)) to \(high) \(f(hi))" : "\(low) \(f(lo)), \(middle) 0, \(high) \(f(hi))"
    }

    // MARK: Layout

    /// How pixels become cells.
    enum Mode {
        /// Two pixels a cell in colour (▀ with foreground and background).
        case colorHalves
        /// Each pixel two coloured blanks wide, one row tall (small images: a 3×3 kernel would
        /// be a speck in half blocks).
        case colorWide
        /// Two pixels a cell, each ink or not (▀ ▄ █ and blank).
        case inkHalves
        /// Each pixel two shade glyphs wide (small images without colour).
        case wideShades
        /// Each pixel one shade glyph (larger images in ASCII).
        case shades
    }

    func mode(_ profile: RenderProfile) -> Mode {
        let small = (images.map(\.width).max() ?? 0) <= 8
        if profile.colors == .palette256 && (small || !profile.isUnicode) { return .colorWide }
        if profile.colors == .palette256 { return .colorHalves }
        if small { return .wideShades }
        return profile.isUnicode ? .inkHalves : .shades
    }

    /// Cells an image takes: (columns, rows) for its pixels.
    func footprint(_ image: Image, _ mode: Mode) -> (Int, Int) {
        switch mode {
        case .colorHalves, .inkHalves: return (image.width, (image.height + 1) / 2)
        case .wideShades, .colorWide: return (2 * image.width, image.height)
        case .shades: return (image.width, image.height)
        }
    }

    /// Each image's slot: its pixels, at least as wide as a short caption.
    func slotWidth(_ image: Image, _ mode: Mode) -> Int {
        max(footprint(image, mode).0, min(image.caption.count, 14))
    }

    /// Rows of slots at this width: the images of each row, in order.
    func rows(width: Int, _ mode: Mode) -> [[Int]] {
        var rows: [[Int]] = [], current: [Int] = [], used = 0
        for (i, image) in images.enumerated() {
            let w = slotWidth(image, mode)
            if !current.isEmpty && used + 2 + w > width {
                rows.append(current)
                current = []; used = 0
            }
            used += (current.isEmpty ? 0 : 2) + w
            current.append(i)
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    func contentHeight(width: Int, _ mode: Mode) -> Int {
        let body = rows(width: width, mode).map { row in
            (row.map { footprint(images[$0], mode).1 }.max() ?? 0) + 1
        }
        let head = title == nil ? 0 : 1, foot = 1
        return head + body.reduce(0, +) + max(0, body.count - 1) + foot
    }

    public func preferredHeight(width: Int) -> Int {
        max(2, contentHeight(width: width, mode(.standard)))
    }

    public func preferredHeight(width: Int, profile: RenderProfile) -> Int {
        max(2, contentHeight(width: width, mode(profile)))
    }

    public func rendered(width: Int, height: Int, profile: RenderProfile) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        let mode = mode(profile)
        var y = 0
        if let title {
            buffer.write(clipped(title, to: buffer.width, profile: profile), x: 0, y: 0, style: .bold)
            y = 1
        }
        if images.isEmpty {
            buffer.write("no images", x: 0, y: y, style: .dim)
            return buffer
        }
        let ranges = ranges()
        for row in rows(width: buffer.width, mode) {
            var x = 0, tallest = 0
            for i in row {
                let image = images[i]
                let h = footprint(image, mode).1
                draw(image, range: ranges[i], into: &buffer, x: x, y: y, mode: mode, profile: profile)
                let slot = slotWidth(image, mode)
                buffer.write(clipped(image.caption, to: slot, profile: profile), x: x, y: y + h, style: .dim)
                x += slot + 2
                tallest = max(tallest, h)
            }
            y += tallest + 2
        }
        if y - 1 < buffer.height {
            let line = ([scaleText(ranges, mode: mode, profile: profile)] + [note].compactMap { $0 }).joined(separator: " · ")
            buffer.write(clipped(line, to: buffer.width, profile: profile), x: 0, y: y - 1, style: .dim)
        }
        return buffer
    }

    func draw(
        _ image: Image, range: (Double, Double)?, into buffer: inout CellBuffer, x: Int, y: Int, mode: Mode,
        profile: RenderProfile
    ) {
        let t = { (column: Int, row: Int) in Self.position(image.pixel(column, row), in: range) }
        switch mode {
        case .colorHalves:
            for row in 0..<((image.height + 1) / 2) {
                for column in 0..<image.width {
                    let upper = color(at: t(column, 2 * row)), lower = color(at: t(column, 2 * row + 1))
                    let cell: Cell
                    switch (upper, lower) {
                    case let (u?, l?): cell = Cell("▀", style: CellStyle(foreground: u, background: l))
                    case let (u?, nil): cell = Cell("▀", style: CellStyle(foreground: u))
                    case let (nil, l?): cell = Cell("▄", style: CellStyle(foreground: l))
                    case (nil, nil): cell = Cell(" ")
                    }
                    buffer.put(cell.glyph, x: x + column, y: y + row, style: cell.style)
                }
            }
        case .colorWide:
            for row in 0..<image.height {
                for column in 0..<image.width {
                    guard let c = color(at: t(column, row)) else { continue }
                    let cell = Cell(" ", style: CellStyle(background: c))
                    buffer.put(cell.glyph, x: x + 2 * column, y: y + row, style: cell.style)
                    buffer.put(cell.glyph, x: x + 2 * column + 1, y: y + row, style: cell.style)
                }
            }
        case .inkHalves:
            for row in 0..<((image.height + 1) / 2) {
                for column in 0..<image.width {
                    let upper = t(column, 2 * row) > 0.5, lower = t(column, 2 * row + 1) > 0.5
                    let glyph: Unicode.Scalar = upper ? (lower ? "█" : "▀") : (lower ? "▄" : " ")
                    buffer.put(glyph, x: x + column, y: y + row)
                }
            }
        case .wideShades, .shades:
            let wide = mode == .wideShades ? 2 : 1
            for row in 0..<image.height {
                for column in 0..<image.width {
                    let glyph = ShadeRamp.glyph(at: t(column, row), profile: profile)
                    for k in 0..<wide { buffer.put(glyph, x: x + wide * column + k, y: y + row) }
                }
            }
        }
    }

    // MARK: SVG

    func drawSVG(into svg: inout SVGWriter) {
        let ranges = ranges()
        var x = 10.0, y = title == nil ? 10.0 : 34.0, tallest = 0.0
        if let title { svg.text(title, x: 10, y: 22, size: 14, extra: [("font-weight", "bold")]) }
        let tallestImage = Double(images.map(\.height).max() ?? 1), widest = Double(images.map(\.width).max() ?? 1)
        // Pixels as large as fit: every image in a row of at most 10, at most 12 px a pixel.
        let perRow = min(images.count, 10)
        let pixel = max(1, min(12, (svg.width - 20 - Double(perRow - 1) * 12) / (Double(max(perRow, 1)) * widest)))
        for (i, image) in images.enumerated() {
            let w = Double(image.width) * pixel, h = Double(image.height) * pixel
            if i > 0 && i % perRow == 0 {
                x = 10; y += tallest + 26; tallest = 0
            }
            for row in 0..<image.height {
                for column in 0..<image.width {
                    let t = Self.position(image.pixel(column, row), in: ranges[i])
                    guard let c = color(at: t), let index = c.index else { continue }
                    svg.rect(
                        x: x + Double(column) * pixel, y: y + Double(row) * pixel, width: pixel, height: pixel,
                        fill: Palette.rgb(UInt8(index)).hex)
                }
            }
            svg.text(image.caption, x: x, y: y + h + 14, size: 11)
            tallest = max(tallest, max(h, tallestImage * pixel))
            x += w + 12
        }
        let line = ([scaleText(ranges, mode: .colorHalves, profile: .standard)] + [note].compactMap { $0 }).joined(
            separator: " · ")
        svg.text(line, x: 10, y: y + tallest + 34, size: 11)
    }
}
