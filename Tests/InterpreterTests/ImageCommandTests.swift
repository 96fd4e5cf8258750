// Images as a user meets them: `data img = shapes`, `show` drawing one example a class, a CNN
// learning them far better than an MLP, `plot filters`, `augment … flip rotate= crop=`, and the
// refusals with their shapes and suggestions.
import Charts
import Datasets
import Foundation
import Interpreter
import TestSupport
import Testing

@Suite("Images in the language")
struct ImageCommandTests {
    @Test("show draws a training example of each class, named")
    func showImages() throws {
        let f = LookingFixture()
        #expect(f.run("data img = shapes size=12 n=300\nshow img") == .ok, "\(f.recorder.diagnostics.map(\.message))")
        guard case .images(let grid)? = f.recorder.charts.last else { Issue.record("no images"); return }
        #expect(grid.images.count == 10)
        #expect(grid.images.map(\.caption) == ShapesOptions.classNames.enumerated().map { "\($0.offset) \($0.element)" })
        #expect(grid.images.allSatisfy { $0.width == 12 && $0.height == 12 && $0.pixels.count == 144 })
        // Derived classes keep their names.
        f.run("data few = img classes=5..9\nshow few")
        guard case .images(let few)? = f.recorder.charts.last else { Issue.record("no images"); return }
        #expect(few.images.map(\.caption) == ["0 plus", "1 cross", "2 equals", "3 corner", "4 tee"])
    }

    /// The lesson's claim in small: on 1,200 images, 6 epochs, a CNN beats an MLP with more
    /// parameters by a wide margin (≈ 25 points here; 12 asked, a fraction of the gap so that
    /// the seeds' spread cannot flip it).
    @Test("a CNN learns shapes far better than an MLP, and plot filters draws its first layer")
    func cnnBeatsMLP() throws {
        let f = LookingFixture()
        let status = f.run(
            """
            data img = shapes size=16 n=1200
            net cnn = conv2d 8 k=3 pad=1 relu, pool2d max 2, conv2d 16 k=3 pad=1 relu, pool2d max 2, flatten, dense 10
            net mlp = flatten, dense 64 relu, dense 10
            opt cnn adam lr=3e-3
            opt mlp adam lr=3e-3
            train cnn on img epochs=8
            train mlp on img epochs=8
            expect cnn.val.acc > mlp.val.acc + 0.12
            expect mlp.params > cnn.params
            plot filters cnn
            """)
        #expect(status == .ok, "\(f.recorder.diagnostics.map(\.message))")
        let verdicts = f.recorder.outputs.compactMap { if case .expectation(let v) = $0 { v } else { nil } }
        #expect(verdicts.count == 2 && verdicts.allSatisfy(\.holds), "\(verdicts.map(\.values))")
        guard case .images(let filters)? = f.recorder.charts.last else { Issue.record("no filters"); return }
        #expect(filters.images.count == 8 && filters.images.allSatisfy { $0.width == 3 && $0.height == 3 })
        #expect(filters.coloring == .diverging && filters.sharedRange)
    }

    @Test("augment moves images: flip, rotate and crop; show says so")
    func augment() throws {
        let f = LookingFixture()
        #expect(f.run("data img = shapes size=12 n=200\naugment img flip rotate=15 crop=2") == .ok)
        #expect(f.recorder.texts.contains("img: training batches augmented (flip rotate=15.0 crop=2)"), "\(f.recorder.texts)")
        f.run("net c = conv2d 4 k=3 relu, flatten, dense 10\ntrain c on img epochs=1")
        #expect(f.recorder.diagnostics.isEmpty, "\(f.recorder.diagnostics.map(\.message))")
    }

    @Test("csv and npy rows become images with shape=, in row-major (C, H, W) order")
    func csvImages() throws {
        let f = LookingFixture()
        // 12 examples of 2×3 pixels: the label is 1 when the top row is brighter.
        var lines = ["p0,p1,p2,p3,p4,p5,label"]
        for i in 0..<12 {
            let top = i % 2 == 0 ? "0.9,0.8,0.7" : "0.1,0.2,0.3", bottom = i % 2 == 0 ? "0.1,0.2,0.3" : "0.9,0.8,0.7"
            lines.append("\(top),\(bottom),\(i % 2 == 0 ? 1 : 0)")
        }
        try lines.joined(separator: "\n").write(toFile: f.directory + "/img.csv", atomically: true, encoding: .utf8)
        let status = f.run(
            """
            data c = csv "img.csv" target=label shape=1x2x3
            net k = conv2d 2 k=2, flatten, dense 2
            train k on c steps=3
            show c
            """)
        #expect(status == .ok, "\(f.recorder.diagnostics.map(\.message))")
        #expect(f.recorder.texts.contains { $0.hasPrefix("c: 12 examples of [1×2×3]") }, "\(f.recorder.texts)")
        guard case .images(let grid)? = f.recorder.charts.last else { Issue.record("no images"); return }
        #expect(grid.images.first?.width == 3 && grid.images.first?.height == 2)
        #expect(f.run("data e = csv \"img.csv\" target=label shape=2x2") != .ok)
        #expect(f.recorder.diagnostics.last?.message == "shape=2x2 holds 4 values, but each example of e has 6")
        #expect(f.recorder.diagnostics.last?.help == "sizes that multiply to 6, as shape=1x6")
    }

    static let refusals: [Refusal] = [
        Refusal(
            lines: "data m = mnist1d n=200\nnet c = conv2d 8, flatten, dense 10\ntrain c on m steps=1",
            message: "layer 1: conv2d expects examples of shape [C×H×W], got [40]", hint: "along a signal use 'conv'"),
        Refusal(
            lines: "data img = shapes n=100\nnet c = conv 8, flatten, dense 10\ntrain c on img steps=1",
            message: "layer 1: conv expects examples of shape [L] or [C×L], got [1×16×16]", hint: "use 'conv2d'"),
        Refusal(
            lines: "data img = shapes size=8 n=100\nnet c = conv2d 4 k=9, flatten, dense 10\ntrain c on img steps=1",
            message: "conv2d kernel 9 is longer than the padded input (width 8 + 2×0 padding = 8)",
            hint: "use a kernel of at most 8 or more padding"),
        Refusal(
            lines: "data img = shapes n=100\naugment img shift=2", message: "shift moves a 1D signal; img's examples are images",
            hint: "crop=2"),
        Refusal(
            lines: "data d = moons n=100\naugment d flip", message: "flip needs images [C, H, W], but samples have shape [2]",
            hint: "shift= and scale="),
        Refusal(lines: "data d = moons size=16", message: "size= is a setting of shapes, not of moons", hint: ""),
        Refusal(
            lines: "data img = shapes n=100\naugment img rotate=1e300", message: "rotate=1e+300 is more than a half turn",
            hint: "0 to 180 degrees"),
        Refusal(lines: "data img = shapes size=4", message: "size=4", hint: ""),
        Refusal(
            lines: "data img = shapes classes=5", message: "shapes has its ten classes", hint: "data few = img classes=0..4"),
        Refusal(
            lines: "data d = moons n=100\nnet a = dense 8 relu, dense 2\ntrain a on d steps=1\nplot filters a",
            message: "a has no convolution whose filters could be drawn", hint: "conv2d 16 k=3 pad=1"),
    ]

    @Test("bad image settings are refused with the shapes and a suggestion", arguments: refusals)
    func refused(_ r: Refusal) throws { try r.check() }
}
