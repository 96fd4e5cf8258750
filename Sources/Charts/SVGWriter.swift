// SVG export: `SVG.document(for:)` turns any chart description into a standalone SVG string
// (line charts, heatmaps, bars and histograms drawn as vector graphics; tables and the small
// widgets as monospace text of their cell rendering). This file holds the writer and dispatch.

/// Builds an SVG document element by element.
struct SVGWriter {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func number(_ v: Double) -> String {
        v.isFinite ? NumberFormat.trimmed(NumberFormat.fixed(v, decimals: 2)) : "0"
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: if ch.value >= 0x20 { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }

    mutating func element(_ name: String, _ attributes: [(String, String)], text: String? = nil) {
        let attrs = attributes.map { " \($0.0)=\"\(Self.escaped($0.1))\"" }.joined()
        if let text { body.append("<\(name)\(attrs)>\(Self.escaped(text))</\(name)>") } else { body.append("<\(name)\(attrs)/>") }
    }

    /// Elements drawn by `draw` inside one `<g>` carrying `attributes`.
    mutating func group(_ attributes: [(String, String)], _ draw: (inout SVGWriter) -> Void) {
        body.append("<g" + attributes.map { " \($0.0)=\"\(Self.escaped($0.1))\"" }.joined() + ">")
        draw(&self)
        body.append("</g>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, extra: [(String, String)] = []) {
        element(
            "rect",
            [
                ("x", Self.number(x)), ("y", Self.number(y)), ("width", Self.number(max(0, width))),
                ("height", Self.number(max(0, height))), ("fill", fill),
            ] + extra)
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, extra: [(String, String)] = []) {
        element(
            "line",
            [
                ("x1", Self.number(x1)), ("y1", Self.number(y1)), ("x2", Self.number(x2)), ("y2", Self.number(y2)),
                ("stroke", stroke),
            ] + extra)
    }

    mutating func text(
        _ text: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
        extra: [(String, String)] = []
    ) {
        element(
            "text",
            [
                ("x", Self.number(x)), ("y", Self.number(y)), ("text-anchor", anchor),
                ("font-size", Self.number(size)),
            ] + extra, text: text)
    }

    mutating func circle(x: Double, y: Double, r: Double, fill: String, extra: [(String, String)] = []) {
        element("circle", [("cx", Self.number(x)), ("cy", Self.number(y)), ("r", Self.number(r)), ("fill", fill)] + extra)
    }

    /// A polyline path, broken into separate runs wherever a point is nil (a gap).
    mutating func path(_ points: [(Double, Double)?], stroke: String, strokeWidth: Double, opacity: Double = 1) {
        var d = ""
        var penDown = false
        for p in points {
            guard let (x, y) = p, x.isFinite, y.isFinite else { penDown = false; continue }
            d += (penDown ? " L" : " M") + Self.number(x) + " " + Self.number(y)
            penDown = true
        }
        guard !d.isEmpty else { return }
        element(
            "path",
            [
                ("d", String(d.dropFirst())), ("fill", "none"), ("stroke", stroke),
                ("stroke-width", Self.number(strokeWidth)), ("stroke-opacity", Self.number(opacity)),
                ("stroke-linejoin", "round"),
            ])
    }

    var document: String {
        let w = Self.number(width), h = Self.number(height)
        return [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" font-family=\"sans-serif\">",
            "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#ffffff\"/>",
        ]
        .joined(separator: "\n") + "\n" + body.joined(separator: "\n") + "\n</svg>\n"
    }
}

/// Standalone SVG documents for chart descriptions (`export plot "loss.svg"`).
public enum SVG {
    /// The chart as an SVG document of `width` × `height` pixels.
    public static func document(for chart: Chart, width: Int = 720, height: Int = 420) -> String {
        let w = Double(max(160, min(width, 8000))), h = Double(max(120, min(height, 8000)))
        var svg = SVGWriter(width: w, height: h)
        switch chart {
        case .line(let c): c.drawSVG(into: &svg)
        case .heatmap(let c): c.drawSVG(into: &svg)
        case .bars(let c): c.drawSVG(into: &svg)
        case .histogram(let c): c.drawSVG(into: &svg, x: 10, y: 10, width: w - 20, height: h - 20)
        case .histograms(let c): c.drawSVG(into: &svg)
        case .images(let c): c.drawSVG(into: &svg)
        case .table, .sparkline, .progress: drawText(of: chart, into: &svg)
        }
        return svg.document
    }

    /// Categorical colour `index` as RGB hex (the same hues as the terminal).
    static func categorical(_ index: Int, bright: Bool = true) -> String {
        Palette.rgb(CategoricalColors.color(index, bright: bright, profile: .standard).index.map { UInt8($0) } ?? 15).hex
    }

    /// Charts without a vector form: their monochrome cell rendering as monospace text lines.
    static func drawText(of chart: Chart, into svg: inout SVGWriter) {
        let columns = Int(svg.width / 8)
        let lines = chart.rendered(
            width: columns, height: max(1, min(chart.preferredHeight(width: columns), Int(svg.height / 16))),
            profile: .monochrome
        ).lines()
        for (i, line) in lines.enumerated() {
            svg.text(
                line, x: 8, y: 20 + Double(i) * 16, size: 13,
                extra: [("font-family", "monospace"), ("xml:space", "preserve")])
        }
    }
}
