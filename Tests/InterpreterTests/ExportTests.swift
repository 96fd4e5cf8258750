// export: safetensors that parse back with correct offsets and bit-exact data (and whose
// weights reproduce the loss `eval` printed), metrics CSV with one row per evaluation, SVG of
// the last chart, and a diagnostic for every bad path or missing thing.
import Foundation
import Interpreter
import Lab
import Networks
import Testing

/// A parsed safetensors file: metadata, and each tensor's shape and raw little-endian floats.
struct ParsedSafetensors {
    var metadata: [String: String] = [:]
    var tensors: [String: (shape: [Int], values: [Float])] = [:]
    /// Tensor names in the order their data appears.
    var order: [String] = []

    /// Parses and checks the layout: F32 only, offsets tiling the data exactly, aligned data.
    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 8 else { throw ParseFailure("shorter than its length field") }
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard n % 8 == 0, 8 + n <= bytes.count else { throw ParseFailure("header length \(n)") }
        let json = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as? [String: Any] ?? [:]
        metadata = json["__metadata__"] as? [String: String] ?? [:]
        let data = Array(bytes[(8 + n)...])
        var entries: [(String, [Int], Int, Int)] = []
        for (name, value) in json where name != "__metadata__" {
            guard let info = value as? [String: Any], info["dtype"] as? String == "F32",
                let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2
            else { throw ParseFailure("bad entry \(name)") }
            entries.append((name, shape, offsets[0], offsets[1]))
        }
        var end = 0
        for (name, shape, begin, stop) in entries.sorted(by: { $0.2 < $1.2 }) {
            guard begin == end, stop - begin == 4 * shape.reduce(1, *), stop <= data.count else { throw ParseFailure(name) }
            let values = stride(from: begin, to: stop, by: 4).map { i in
                Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[i + $1]) << (8 * $1) })
            }
            tensors[name] = (shape, values)
            order.append(name)
            end = stop
        }
        guard end == data.count else { throw ParseFailure("\(data.count - end) trailing bytes") }
    }
}

struct ParseFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

@Suite struct ExportTests {
    @Test func safetensorsRoundTripBitExactly() throws {
        let network = try Network(
            inputShape: [2, 12],
            layers: [
                .conv(channels: 3, kernel: 5, stride: 1, padding: 0),
                .activation(.relu), .flatten, .batchnorm, .dense(units: 4),
            ])
        network.initialize(seed: 3)
        let bytes = Safetensors.encode(Safetensors.tensors(of: network), metadata: ["net": "a \"quoted\"\nname"])
        let parsed = try ParsedSafetensors(bytes)
        #expect(parsed.metadata["net"] == "a \"quoted\"\nname")
        #expect(parsed.order == parsed.order.sorted())
        #expect(parsed.tensors["0.weight"]?.shape == [3, 2, 5])  // PyTorch's Conv1d layout
        #expect(parsed.tensors["4.weight"]?.shape == [4, 24])  // nn.Linear: [out, in]
        #expect(parsed.tensors["3.running_var"]?.values == [Float](repeating: 1, count: 24))
        let flat = network.parameters.array
        for t in network.namedParameters {
            let values = try #require(parsed.tensors[t.name]).values
            #expect(values.map(\.bitPattern) == flat[t.offset..<(t.offset + t.count)].map(\.bitPattern))
        }
    }

    /// `export a` then `init b from` a net with the same layers: b evaluates exactly as a did.
    @Test func initFromLoadsWhatExportWrote() throws {
        let f = LookingFixture()
        #expect(
            f.run(
                """
                data d = spiral n=300 classes=3
                net a = dense 16 relu, batchnorm, dense 3
                train a on d epochs=5
                eval a
                export a "a.safetensors"
                net b = dense 16 relu, batchnorm, dense 3
                init b from "a.safetensors"
                eval b
                """) == .ok)
        let tables = f.recorder.charts.compactMap { if case .table(let t) = $0 { t } else { nil } }.suffix(2)
        #expect(tables.count == 2 && tables.first?.rows == tables.last?.rows)
        #expect(
            f.recorder.texts.contains {
                $0.hasPrefix("b: 131 parameters from a.safetensors (step 35 of the run that wrote it); history cleared")
            },
            "\(f.recorder.texts)")
        #expect(f.run("net c = dense 8 relu, dense 3\ninit c from \"a.safetensors\"") == .runtimeError)
        #expect(
            f.recorder.diagnostics.last?.message == "a.safetensors: tensor '0.weight' has shape [16, 2], the net needs [8, 2]")
        #expect(f.run("init c from \"missing.safetensors\"") == .runtimeError)
        #expect(f.recorder.diagnostics.last?.message == "cannot read 'missing.safetensors': no such file")
    }

    @Test func exportedWeightsReproduceTheEvaluatedLoss() throws {
        let f = LookingFixture()
        let points = (0..<120).map { i -> String in
            let x = Double(i % 12) / 6 - 1, y = Double(i / 12) / 5 - 1
            return "\(x),\(y),\(x * y > 0 ? 1 : 0)"
        }
        try ("x0,x1,label\n" + points.joined(separator: "\n")).write(toFile: f.path("p.csv"), atomically: true, encoding: .utf8)
        #expect(
            f.run(
                """
                data p = csv "p.csv" target=label
                split p train=1 val=0 test=0
                net m = dense 8 relu, dense 2
                train m epochs=5
                eval m
                export m "m.safetensors"
                """) == .ok)
        guard case .table(let evalTable)? = f.recorder.charts.last, let printed = Double(evalTable.rows[0][2]) else {
            Issue.record("no eval table"); return
        }
        let parsed = try ParsedSafetensors(Array(try Data(contentsOf: URL(fileURLWithPath: f.path("m.safetensors")))))
        #expect(parsed.metadata["net"] == "net m = dense 8 relu, dense 2")
        #expect(parsed.metadata["step"] == "20")
        let loss = crossEntropy(parsed, points.map { $0.split(separator: ",").compactMap { Double($0) } })
        #expect(abs(loss - printed) <= 1e-3 * max(1, printed), "numpy-style loss \(loss), eval printed \(printed)")
    }

    /// Mean cross-entropy of a dense-relu-dense net read from safetensors, in Double.
    func crossEntropy(_ p: ParsedSafetensors, _ rows: [[Double]]) -> Double {
        func dense(_ x: [Double], _ layer: Int) -> [Double] {
            guard let w = p.tensors["\(layer).weight"], let b = p.tensors["\(layer).bias"] else { return [] }
            let inputs = w.shape[1]
            return (0..<w.shape[0]).map { o in
                (0..<inputs).reduce(Double(b.values[o])) { $0 + Double(w.values[o * inputs + $1]) * x[$1] }
            }
        }
        let losses = rows.map { row -> Double in
            let logits = dense(dense(Array(row[0..<2]), 0).map { max(0, $0) }, 2)
            let top = logits.max() ?? 0
            let logSum = log(logits.map { exp($0 - top) }.reduce(0, +)) + top
            return logSum - logits[Int(row[2])]
        }
        return losses.reduce(0, +) / Double(rows.count)
    }

    @Test func metricsHaveOneRowPerEvaluation() throws {
        let f = LookingFixture()
        #expect(
            f.run(
                """
                data s = sine n=60
                net r = dense 8 tanh, dense 1
                train r epochs=4
                export r metrics "r.csv"
                export r "same.csv"
                """) == .ok)
        let text = try String(contentsOfFile: f.path("r.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "step,epoch,train_loss,train_acc,val_loss,val_acc")
        #expect(lines.count == 1 + 4)
        let first = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(first.count == 6)
        #expect(first[0] == "2" && first[3] == "" && first[5] == "")  // regression: no accuracies
        #expect(Double(first[2]) != nil && Double(first[4]) != nil)
        #expect(try String(contentsOfFile: f.path("same.csv"), encoding: .utf8) == text)
    }

    @Test func plotExportWritesTheLastChartAsSVG() throws {
        let f = LookingFixture.spiral(epochs: 1)
        #expect(f.run("plot boundary a\nexport plot \"regions.svg\"") == .ok)
        let svg = try String(contentsOfFile: f.path("regions.svg"), encoding: .utf8)
        #expect(svg.contains("<svg") && svg.contains("</svg>"))
        #expect(svg.contains("<circle"))  // the training points
    }

    @Test(arguments: [
        ("export plot \"x.svg\"", "nothing plotted yet"),
        (
            "data d = spiral n=90\nnet a = dense 4, dense 3\nexport a \"missing/dir/a.safetensors\"",
            "cannot write 'missing/dir/a.safetensors': no such file or directory"
        ),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport a \".\"", "is a directory"),
        ("net a = dense 4, dense 3\nexport a \"a.safetensors\"", "a has no weights yet"),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport a metrics \"a.csv\"", "a has no evaluations to export yet"),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport a grid \"g.csv\"", "a has no landscape to export yet"),
        (
            "data d = spiral n=90\nnet a = dense 4, dense 3\nexport a weights \"w.csv\"",
            "export weights writes safetensors, but 'w.csv' says .csv"
        ),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport a trials \"t.csv\"", "'a' is not a sweep: trials are a sweep's"),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport b \"b.safetensors\"", "no net or sweep named 'b'"),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport a plot \"p.svg\"", "it takes no net"),
        (
            "data d = spiral n=90\nexport d \"d.safetensors\"",
            "export d writes NPY (.npy) or CSV (.csv), but 'd.safetensors' says .safetensors"
        ),
        ("data d = spiral n=90\nnet a = dense 4, dense 3\nexport a \"\"", "the file name is empty"),
    ])
    func exportErrors(_ script: String, _ message: String) {
        expectRuntimeError(script, message)
    }
}
