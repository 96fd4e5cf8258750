// Chart test helpers: render a chart to plain lines for comparison with string literals, and
// collect the colour indices a buffer uses (to check a profile's limits).
import Charts

/// The chart rendered at a size, as trimmed lines joined with newlines.
public func chartText(_ chart: Chart, width: Int, height: Int, profile: RenderProfile = .ascii) -> String {
    chart.rendered(width: width, height: height, profile: profile).text
}

/// Every palette index used by any cell's foreground or background.
public func colorIndices(in buffer: CellBuffer) -> Set<Int> {
    var used = Set<Int>()
    for cell in buffer.cells {
        if let i = cell.foreground.index { used.insert(i) }
        if let i = cell.background.index { used.insert(i) }
    }
    return used
}

/// The largest palette index a profile may use, or -1 when it has no colour.
public func maximumIndex(for profile: RenderProfile) -> Int {
    switch profile.colors {
    case .none: return -1
    case .basic8: return 7
    case .basic16: return 15
    case .palette256: return 255
    }
}

/// Every combination of glyphs and colour depth.
public let allProfiles: [RenderProfile] = [RenderProfile.Glyphs.unicode, .ascii].flatMap { glyphs in
    [RenderProfile.Colors.none, .basic8, .basic16, .palette256].map { RenderProfile(glyphs: glyphs, colors: $0) }
}
