// Prints sample charts when BASIN_PREVIEW is set, for looking at them while developing:
//   BASIN_PREVIEW=/tmp/preview.txt swift test -c release --filter ChartsTests.preview
import Charts
import Glibc
import Testing

@Test func preview() {
    guard let path = getenv("BASIN_PREVIEW"), let file = fopen(path, "w") else { return }
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
