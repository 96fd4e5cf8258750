// Prints the snapshot cases as Swift literals (BASIN_PREVIEW=1) for a person to check and
// paste into SnapshotTests.swift; never fails.
import Charts
import Foundation
import Notebook
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["BASIN_PREVIEW"] == "1",
               "a preview tool, not a check: BASIN_PREVIEW=1 writes the frames to paste into SnapshotTests"))
func previewFrames() {
    var out = ""
    for c in snapshotCases {
        var s = c.state()
        let lines = s.frame().lines().map { "        " + $0 }.joined(separator: "\n")
        out += "    \"\(c.name)\": #\"\"\"\n\(lines)\n        \"\"\"#,\n"
    }
    _ = FileManager.default.createFile(atPath: "/tmp/notebook-snapshots.txt", contents: Data(out.utf8))
}
