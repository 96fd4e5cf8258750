// export session, as a student hands in a notebook: the real binary runs a short session and
// writes HTML and Markdown; headless Chromium (Debian's package) renders the HTML offline, and the
// screenshot must show the page — dark text, the loss curve's colour, the decision regions'
// colours over large areas. Skipped, with the reason, where Chromium is not installed
// (scripts/test.sh installs it).
import Foundation
import TestSupport
import Testing

enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { access($0, X_OK) == 0 }
}

@Suite("export session")
struct SessionExportTests {
    static let script = """
        seed 1
        data d = spiral n=600 classes=3
        net a = dense 32 relu, dense 32 relu, dense 3
        train a epochs=20
        plot loss a
        plot boundary a
        compare a
        expect a.val.acc > 0.4
        export session "notebook.html"
        export session "notebook.md"
        """

    @Test(
        "HTML and Markdown hold every cell; the Markdown's charts are files beside it",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"))
    func files() throws {
        let (scratch, result) = Self.exported(script: Self.script)
        defer { scratch.remove() }
        #expect(result.status == 0, "\(result.error)")
        let html = try String(contentsOfFile: scratch.path + "/notebook.html", encoding: .utf8)
        for command in ["data d = spiral n=600 classes=3", "train a epochs=20", "plot boundary a", "expect a.val.acc &gt; 0.4"] {
            #expect(html.contains("<pre class=\"command\">\(command)</pre>"), "\(command)")
        }
        #expect(html.components(separatedBy: "<svg xmlns=").count == 3, "two charts inline")
        #expect(html.contains("<table>") && html.contains("<th>net</th>"), "compare is a table")
        #expect(html.utf8.count < 400_000, "a page of a short session stays small: \(html.utf8.count) bytes")
        let md = try String(contentsOfFile: scratch.path + "/notebook.md", encoding: .utf8)
        #expect(
            md.contains("![line chart](notebook-charts/chart-01.svg)") && md.contains("![heatmap](notebook-charts/chart-02.svg)"))
        for chart in ["chart-01.svg", "chart-02.svg"] {
            let svg = try String(contentsOfFile: scratch.path + "/notebook-charts/" + chart, encoding: .utf8)
            #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"), "\(chart) is a whole SVG document")
        }
    }

    @Test(
        "headless Chromium renders the page offline: text, the loss curve and the decision regions are on it",
        .enabled(if: BasinBinary.exists, "no basin binary: run scripts/test.sh"),
        .enabled(
            if: Chromium.path != nil, "Chromium is not installed (Debian: apt-get install chromium; scripts/test.sh installs it)")
    )
    func screenshot() throws {
        let (scratch, result) = Self.exported(script: Self.script)
        defer { scratch.remove() }
        #expect(result.status == 0, "\(result.error)")
        let html = try String(contentsOfFile: scratch.path + "/notebook.html", encoding: .utf8)
        let png = scratch.path + "/page.png"
        // No network and a fresh profile: the page must not need either.
        let shot = Spawn.run(
            [
                Chromium.path!, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(scratch.path)/profile", "--proxy-server=127.0.0.1:9", "--window-size=1000,2000",
                "--screenshot=\(png)", "file://\(scratch.path)/notebook.html",
            ], environment: ["PATH": "/usr/bin:/bin", "HOME": scratch.path], timeout: 120)
        #expect(shot.status == 0 && !shot.timedOut, "chromium: \(shot.error.suffix(600))")
        let image = try PNGImage(contentsOf: png)
        #expect(image.width == 1000 && image.height == 2000)
        // Colours the page's charts use, read from the page: the loss curve's stroke and the fills
        // of the decision regions (the most used rectangle fills).
        let stroke = try #require(Self.firstMatch(in: html, after: "<path", attribute: "stroke"))
        var fills: [String: Int] = [:]
        for part in html.components(separatedBy: "<rect ").dropFirst() {
            if let f = Self.attribute("fill", in: part) { fills[f, default: 0] += 1 }
        }
        let regions = fills.sorted { $0.value > $1.value }.prefix(4).map(\.key).filter { $0 != "#ffffff" }.prefix(3)
        #expect(regions.count == 3, "\(fills.count) fills")
        var counts: [String: Int] = [:]
        var dark = 0
        let wanted = [stroke] + regions
        let rgbs = wanted.map(Self.rgb)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (r, g, b) = image.rgb(x, y)
                if Int(r) + Int(g) + Int(b) < 150 { dark += 1 }
                // The curve is a thin anti-aliased line: its pixels blend with white, so it gets a wider tolerance.
                for (i, c) in rgbs.enumerated() {
                    let tolerance = i == 0 ? 60 : 8
                    guard abs(Int(r) - c.0) <= tolerance, abs(Int(g) - c.1) <= tolerance, abs(Int(b) - c.2) <= tolerance
                    else { continue }
                    counts[wanted[i], default: 0] += 1
                }
            }
        }
        #expect(dark > 2_000, "text is drawn: \(dark) dark pixels")
        #expect((counts[stroke] ?? 0) > 150, "the loss curve (\(stroke)) is drawn: \(counts[stroke] ?? 0) pixels")
        for region in regions {
            #expect((counts[region] ?? 0) > 5_000, "decision region \(region) covers an area: \(counts[region] ?? 0) pixels")
        }
    }

    /// Runs `script` as s.basin in a scratch directory; returns the directory and the result.
    static func exported(script: String) -> (Scratch, SpawnResult) {
        let scratch = Scratch()
        _ = scratch.file("s.basin", script)
        let result = Spawn.run(
            [
                "/bin/sh", "-c",
                "cd \(BasinBinary.shellQuoted(scratch.path)) && exec \(BasinBinary.shellQuoted(BasinBinary.path)) run s.basin",
            ],
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_STATE_HOME": scratch.path + "/state"],
            timeout: 120)
        return (scratch, result)
    }

    static func attribute(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: " \(name)=\"") ?? text.range(of: "\(name)=\"") else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return String(text[start.upperBound..<end])
    }

    static func firstMatch(in html: String, after tag: String, attribute name: String) -> String? {
        html.components(separatedBy: tag).dropFirst().lazy.compactMap { attribute(name, in: $0) }.first { $0.hasPrefix("#") }
    }

    static func rgb(_ hex: String) -> (Int, Int, Int) {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        return (v >> 16 & 255, v >> 8 & 255, v & 255)
    }
}
