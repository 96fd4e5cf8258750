// Writes every golden case's current rendering to $BASIN_DUMP (for review before updating literals).
import Charts
import Glibc
import Testing

@Test func dumpGoldenRenderings() {
    guard let path = getenv("BASIN_DUMP"), let file = fopen(path, "w") else { return }
    defer { fclose(file) }
    for c in GoldenCases.all {
        let text = c.chart.rendered(width: c.width, height: c.height, profile: c.profile).text
        fputs("--- \(c.name)\n\(text)\n", file)
    }
}
