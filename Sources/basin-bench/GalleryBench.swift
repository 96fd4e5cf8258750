// `basin-bench gallery`: the sample charts (Tests/TestSupport/SampleCharts.swift), drawn for a
// person to look at — as text in every render profile, or as SVG files with --svg DIR. A tool
// for reviewing how charts read, not a check: the property and golden tests are the checks.
import ArgumentParser
import Charts
import Foundation
import TestSupport

struct GalleryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gallery", abstract: "Draw the sample charts as text in every profile, or as SVG files.")

    @Option(help: "Columns to draw at") var width = 72
    @Option(help: "Write chart<N>.svg files into this directory instead of printing text") var svg: String?

    func run() throws {
        if let svg {
            try FileManager.default.createDirectory(atPath: svg, withIntermediateDirectories: true)
            for (i, chart) in SampleCharts.all.enumerated() {
                let path = "\(svg)/chart\(i).svg"
                guard FileManager.default.createFile(atPath: path, contents: Data(SVG.document(for: chart).utf8)) else {
                    throw ValidationError("cannot write \(path)")
                }
            }
            print("wrote \(SampleCharts.all.count) charts to \(svg)")
            return
        }
        for profile in [RenderProfile.standard, .monochrome, .ascii] {
            for chart in SampleCharts.all {
                let buffer = chart.rendered(
                    width: width, height: chart.preferredHeight(width: width, profile: profile), profile: profile)
                print(TextRenderer(profile: profile, usesEscapes: profile.hasColor).render(buffer))
                print(String(repeating: "=", count: width))
            }
        }
    }
}
