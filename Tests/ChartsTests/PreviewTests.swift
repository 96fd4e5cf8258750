// Prints sample charts when BASIN_PREVIEW is set, for looking at them while developing:
//   BASIN_PREVIEW=/tmp/preview.txt swift test -c release --filter ChartsTests.preview
import Charts
import Glibc
import Testing

@Test(.enabled(if: getenv("BASIN_PREVIEW") != nil, "a preview tool, not a check: BASIN_PREVIEW=FILE writes the sample charts"))
func preview() throws {
    let path = try #require(getenv("BASIN_PREVIEW"))
    let file = try #require(fopen(path, "w"), "cannot write \(String(cString: path))")
    defer { fclose(file) }
    for profile in [RenderProfile.standard, .monochrome, .ascii] {
        for chart in SampleCharts.all {
            let width = 72
            let buffer = chart.rendered(width: width, height: chart.preferredHeight(width: width), profile: profile)
            fputs(TextRenderer(profile: profile, usesEscapes: profile.hasColor).render(buffer) + "\n", file)
            fputs(String(repeating: "=", count: width) + "\n", file)
        }
    }
}
