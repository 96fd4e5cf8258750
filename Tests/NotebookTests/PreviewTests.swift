// Prints frames for a person to look at (BASIN_PREVIEW=1); never fails.
import Charts
import Foundation
import Notebook
import Testing

@Test func previewFrames() {
    guard ProcessInfo.processInfo.environment["BASIN_PREVIEW"] == "1" else { return }
    for (w, h) in [(100, 30), (80, 24), (40, 12)] {
        var s = sampleSession(width: w, height: h)
        print("==== \(w)x\(h) idle\n" + s.frame().text)
        type(&s, "train a steps=400\n")
        _ = s.handle(.progress(sampleRun(done: 150, planned: 400)))
        print("==== \(w)x\(h) training\n" + s.frame().text)
    }
}
