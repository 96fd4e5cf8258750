// Writes every golden case's current rendering to $BASIN_DUMP (for review before updating literals).
import Charts
import Glibc
import Testing

@Test(.enabled(if: getenv("BASIN_DUMP") != nil, "a review tool, not a check: BASIN_DUMP=FILE writes every golden rendering"))
func dumpGoldenRenderings() throws {
    let path = try #require(getenv("BASIN_DUMP"))
    let file = try #require(fopen(path, "w"), "cannot write \(String(cString: path))")
    defer { fclose(file) }
    for c in GoldenCases.all {
        let text = c.chart.rendered(width: c.width, height: c.height, profile: c.profile).text
        fputs("--- \(c.name)\n\(text)\n", file)
    }
}
