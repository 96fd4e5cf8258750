// The engine's errors as a user reads them: each typed case worded exactly (Wording/), the
// numbers in their places. Network refusals are built from the specs that cause them, so the
// builder's cases and their words are checked together.
import Datasets
import Lab
import Networks
import Search
import Testing

@testable import Interpreter

@Suite("engine wording")
struct EngineWordingTests {
    @Test func dataErrorsNameFileRowAndColumn() {
        let e = DataError.csv(path: "points.csv", row: 14, column: 3, problem: .notANumber("abc"))
        #expect(e.message == "points.csv:14:3: expected a number, got \"abc\"")
        let ragged = DataError.csv(path: "p.csv", row: 3, column: 0, problem: .raggedRow(expected: 3, found: 2))
        #expect(ragged.message == "p.csv:3: expected 3 fields like the header, found 2")
        let missing = DataError.csv(
            path: "p.csv", row: 1, column: 0,
            problem: .missingTargetColumn(name: "lable", available: ["x", "label"]))
        #expect(missing.message == "p.csv:1: no column named 'lable' in the header")
        #expect(missing.hint == "the columns are: x, label")
        let wide = DataError.csv(path: "too.csv", row: 1, column: 65_537, problem: .tooManyColumns(limit: 65_536))
        #expect(wide.message == "too.csv:1:65537: the header has more than 65536 columns, the most a CSV may have")
        let index = DataError.csv(path: "pd.csv", row: 1, column: 1, problem: .indexColumn)
        #expect(
            index.message
                == "pd.csv:1:1: the first column has no name and counts 0, 1, 2, …: a row index (pandas writes one unless "
                + "to_csv(index=False)), not a feature; write the file without it, or give the column a name to keep it")
        #expect(
            DataError.csv(path: "q.csv", row: 2, column: 1, problem: .quotedField("\"1.5\"")).hint
                == "export the file without quoting (pandas: to_csv(..., quoting=csv.QUOTE_NONE))")
    }

    @Test func dataErrorsNameTheFileAndTheProblem() {
        let e = DataError.npy(path: "x.npy", problem: .sizeMismatch(shape: [5], expectedBytes: 20, actualBytes: 16))
        #expect(e.message == "x.npy: shape [5] needs 20 data bytes, the file has 16")
        #expect(e.hint == nil)
        let big = DataError.npy(path: "x.npy", problem: .bigEndian(descr: ">f4"))
        #expect(big.message == "x.npy: big-endian data ('>f4') is not supported")
        #expect(big.hint == "save with np.save(path, np.ascontiguousarray(a, dtype=a.dtype.newbyteorder('<')))")
        #expect(
            DataError.npy(path: "y.npy", problem: .badLabel(index: 1, value: "-3")).message
                == "y.npy: label -3 at index 1 is not a class index (0 to 1023)")
        #expect(DataError.file(path: "d", problem: .isDirectory).message == "d: is a directory, not a file")
        #expect(
            DataError.shapeMismatch(what: .targets(dataset: "b"), expected: [3], got: [1]).message
                == "b targets: expected shape [3], got [1]")
        let image = DataError.needsImage(operation: "flip", sampleShape: [3, 8])
        #expect(image.message == "flip needs images [C, H, W], but samples have shape [3, 8]")
        #expect(image.hint == "a [C, L] or [H, W] array is read as a signal: save images as [N, C, H, W]")
        #expect(DataError.needsImage(operation: "flip", sampleShape: [8]).hint == "for 1D signals use shift= and scale=")
    }

    /// Every way an argument is refused, as "NAME=VALUE is not allowed: expected …": (name, value, allowed, what follows "expected ").
    static let allowedCases: [(String, String, Allowed, String)] = [
        ("batch", "0", .range(1...1_000_000), "1 to 1000000"),
        ("classes", "3", .exactly(2), "2"),
        ("n", "0", .integer(1...5_000_000), "an integer from 1 to 5000000"),
        ("rows", "0", .atLeast(1), "at least 1"),
        ("train", "1.5", .fraction, "a number from 0 to 1"),
        ("scale", "1.0", .below(1), "a number in [0, 1)"),
        ("noise", "-1.0", .noise(upTo: 1000), "a finite number from 0 to 1000.0"),
        ("shear", "-1.0", .finite(upTo: 1000), "a finite number from 0 to 1000"),
        ("size", "7", .pixels(8...64), "8 to 64 pixels"),
        ("rotate", "200.0", .degrees(0...180), "0 to 180 degrees"),
        ("crop", "4", .crop(side: 4), "0 to 3 pixels (less than the image's side)"),
        ("padding", "3...20000", .rangeWithin(0...10_000), "a range within 0...10000"),
        ("classes", "8..12", .classRange(classes: 10), "a range within 0..9"),
        ("classes", "0..1", .classesWithTrainingExamples(dataset: "m"), "classes that have training examples in m"),
        ("dataset", "spirals", .oneOf(["spiral", "moons"]), "one of spiral, moons"),
        ("classes", "3", .notFor(source: "sine"), "no classes= for sine"),
        ("noise", "0.1", .notFor(source: "mnist1d"), "no noise= for mnist1d"),
        ("cv", "1", .folds(minimum: 2), "2 or more folds (cv=5 is usual)"),
        ("cv", "20", .foldsOf(dataset: "d", examples: 9), "at most 9 folds: d has 9 training and validation examples"),
        ("fold", "4", .range(1...3), "1 to 3"),
        ("classes", "1", .classesForLabelNoise(minimum: 2), "at least 2 for label noise"),
        ("train+val", "8+4", .rows(atMost: 10), "at most 10 rows"),
        ("batch", "64", .rowsWithDropLast(atMost: 50), "at most 50 rows with drop_last"),
        ("split row", "7", .rowOnce(count: 5), "each row of 0..<5 in at most one part"),
        ("train+val+test", "1.1", .fractionsSummingToOne, "fractions that sum to 1"),
        ("n", "0", .sequenceCount(1...100_000), "1 to 100000 for a sequence task"),
        (
            "n", "99999999", .sequenceExamples(atMost: 16_777_216, tokens: 15, valueLimit: 268_435_456),
            "at most 16777216 examples of 15 tokens (a dataset holds at most 268435456 values)"
        ),
        ("n", "70000", .images(atMost: 65_536, side: 64), "at most 65536 images of 64×64"),
        ("positions", "3", .positions, "1, or a label per position of class targets"),
        ("shape", "[1, 2]", .fewerDimensions, "fewer dimensions"),
    ]

    @Test func refusedArgumentsSayWhatIsAllowed() {
        for (name, value, allowed, expected) in Self.allowedCases {
            let e = DataError.invalidArgument(name: name, value: value, allowed: allowed)
            #expect(e.message == "\(name)=\(value) is not allowed: expected \(expected)")
            #expect(e.hint == nil)
        }
        #expect(
            DataError.classLabelsInValueBatch.message
                == "targets=class labels is not allowed: expected regression values for a value batch")
        #expect(
            DataError.notAPermutation(entries: 3, features: 4).message
                == "permutation=3 entries is not allowed: expected a permutation of 0..<4")
    }

    @Test func shapeMismatchesNameWhatIsMisshapen() {
        let cases: [(ShapeSubject, String)] = [
            (.sampleShape(dataset: "d"), "d sample shape"),
            (.inputs(dataset: "d"), "d inputs"),
            (.labels(dataset: "d"), "d labels"),
            (.targets(dataset: "d"), "d targets"),
            (.examples(dataset: "d"), "d examples (shape=)"),
            (.batcherRows(dataset: "d"), "batcher rows for 'd'"),
            (.rows(targets: "y.npy", inputs: "x.npy"), "rows of y.npy against x.npy"),
            (.classLabels(path: "y.npy"), "class labels in y.npy"),
            (.npyShape(values: 20), "NPY shape for 20 values"),
            (.splitLabels, "split labels"),
        ]
        for (what, phrase) in cases {
            #expect(
                DataError.shapeMismatch(what: what, expected: [2, 3], got: [5]).message
                    == "\(phrase): expected shape [2, 3], got [5]")
        }
    }

    @Test func malformedNPYHeadersSayWhereTheyStop() {
        let cases: [(HeaderProblem, String)] = [
            (.expectedCharacter("{", byte: 0), "expected '{' at byte 0"),
            (.expectedString(byte: 1), "expected a quoted string at byte 1"),
            (.unterminatedString(byte: 10), "unterminated string at byte 10"),
            (.expectedBoolean(byte: 34), "expected True or False at byte 34"),
            (.expectedDimension(byte: 50), "expected a dimension at byte 50"),
            (.dimensionTooLarge(byte: 69), "dimension too large at byte 69"),
            (.tooManyDimensions(limit: 32), "more than 32 dimensions"),
            (.unexpectedKey("x"), "unexpected or repeated key 'x'"),
            (.textAfterClosingBrace, "unexpected text after the closing brace"),
            (.missingKey("shape"), "missing key 'shape'"),
        ]
        for (problem, detail) in cases {
            let e = DataError.npy(path: "x.npy", problem: .malformedHeader(problem))
            #expect(e.message == "x.npy: malformed header: \(detail)")
            #expect(e.hint == nil)
        }
    }

    @Test func searchErrors() {
        let log = SearchError.nonPositiveLogBound(parameter: "lr", low: 0)
        #expect(log.message == "'lr' is log-scaled but its low bound 0 is not positive")
        #expect(log.hint == "use uniform(a, b) for ranges that include 0, or start the log range at a small positive value")
        #expect(SearchError.invertedRange(parameter: "d", low: 3, high: 1.5).message == "'d' has low 3 above high 1.5")
        #expect(
            SearchError.hyperbandMaxBudget(0).message == "hyperband needs 1 ≤ max ≤ 1000000000, got 0")
        let objective = SearchError.unknownObjective("sphere2", known: ["sphere", "branin"])
        #expect(objective.message == "unknown objective 'sphere2'")
        #expect(objective.hint == "built-in objectives: sphere, branin")
        #expect(SearchError.emptySpace.hint == nil)
    }

    /// Every impossible layer setting, as the builder refuses it: (specs, input, message, hint).
    static let layerCases: [(String, [Int], [LayerSpec], String, String?)] = [
        (
            "conv channels", [2, 10], [.conv(channels: 0, kernel: 3)],
            "layer 1: conv channels must be a positive integer, got 0", nil
        ),
        (
            "conv kernel", [2, 10], [.conv(channels: 4, kernel: -2)],
            "layer 1: conv kernel size must be a positive integer, got -2", nil
        ),
        (
            "conv stride", [2, 10], [.conv(channels: 4, kernel: 3, stride: 0)],
            "layer 1: conv stride must be a positive integer, got 0", nil
        ),
        (
            "conv padding", [2, 10], [.conv(channels: 4, kernel: 3, padding: -1)],
            "layer 1: conv padding must be between 0 and 16777216, got -1", nil
        ),
        (
            "conv kernel longer than the padded input", [2, 10], [.conv(channels: 4, kernel: 13, padding: 1)],
            "layer 1: conv kernel 13 is longer than the padded input (length 10 + 2×1 padding = 12)",
            "use a kernel of at most 12 or more padding"
        ),
        (
            "conv on a 3-D example", [2, 3, 4], [.conv(channels: 4, kernel: 3)],
            "layer 1: conv expects examples of shape [L] or [C×L], got [2×3×4]",
            "conv runs along a signal; on images [C×H×W] use 'conv2d'"
        ),
        (
            "conv2d on a signal", [2, 10], [.conv(channels: 4, kernel: 3, dimensions: 2)],
            "layer 1: conv2d expects examples of shape [C×H×W], got [2×10]",
            "conv2d works on images [C×H×W]; along a signal use 'conv'"
        ),
        (
            "pool2d after flatten", [1, 4, 4], [.flatten, .pool(.max, size: 2, dimensions: 2)],
            "layer 2: pool2d expects examples of shape [C×H×W], got [16]",
            "pool2d works on images [C×H×W]; along a signal use 'pool'"
        ),
        (
            "conv on a 4-D example", [1, 2, 3, 4], [.conv(channels: 4, kernel: 3)],
            "layer 1: conv expects examples of shape [L] or [C×L], got [1×2×3×4]",
            "remove a flatten before it: conv needs the signal's positions"
        ),
        (
            "conv2d kernel taller than the image", [1, 3, 8], [.conv(channels: 2, kernel: 4, dimensions: 2)],
            "layer 1: conv2d kernel 4 is longer than the padded input (height 3 + 2×0 padding = 3)",
            "use a kernel of at most 3 or more padding"
        ),
        (
            "pool2d window wider than the image", [1, 6, 3], [.pool(.avg, size: 4, dimensions: 2)],
            "layer 1: avg pool2d size 4 is longer than the input (width 3)", "use a size of at most 3"
        ),
        (
            "pool size", [2, 10], [.activation(.relu), .pool(.max, size: 0)],
            "layer 2: max pool size must be a positive integer, got 0", nil
        ),
        (
            "pool stride", [2, 10], [.pool(.avg, size: 2, stride: -1)],
            "layer 1: avg pool stride must be a positive integer, got -1", nil
        ),
        (
            "pool longer than the input", [2, 10], [.pool(.max, size: 11)],
            "layer 1: max pool size 11 is longer than the input (length 10)", "use a size of at most 10"
        ),
        (
            "dropout 1", [2, 10], [.dropout(1)],
            "layer 1: dropout probability must be in [0, 1), got 1.0", "p = 0.5 drops half the inputs"
        ),
        (
            "dropout negative", [2, 10], [.dropout(-0.1)],
            "layer 1: dropout probability must be in [0, 1), got -0.1", "p = 0.5 drops half the inputs"
        ),
        (
            "dropout NaN", [2, 10], [.dropout(.nan)],
            "layer 1: dropout probability must be in [0, 1), got nan", "p = 0.5 drops half the inputs"
        ),
        (
            "empty residual", [2, 10], [.flatten, .residual([])],
            "layer 2: a residual block needs at least one layer in its branch", "res { dense 100 relu }"
        ),
        (
            "error inside a residual", [2, 10], [.residual([.activation(.relu), .dense(units: 0)])],
            "layer 1: in the residual branch, layer 2: dense width must be a positive integer, got 0", nil
        ),
        (
            "hint inside a residual", [2, 10], [.residual([.pool(.max, size: 11)])],
            "layer 1: in the residual branch, layer 1: max pool size 11 is longer than the input (length 10)",
            "use a size of at most 10"
        ),
        (
            "dense too wide", [1], [.dense(units: 1 << 25)],
            "layer 1: dense width 33554432 is above the limit of 16777216", nil
        ),
        (
            "too many parameters", [2, 10], [.conv(channels: 1 << 24, kernel: 1 << 20, padding: 1 << 20)],
            "this network has 35184388866048 parameters and would need 512 TiB (parameters, gradients and optimizer "
                + "state); the limit is 4 GiB",
            "use fewer or narrower layers"
        ),
        (
            "too many activations", [2, 10], [.conv(channels: 1 << 23, kernel: 1)],
            "layer 1: conv would need 705 MiB of activations per example; the limit is 256 MiB",
            "use fewer channels or a larger stride"
        ),
        (
            "embed not first", [6], [.dense(units: 4), .embed(width: 16)],
            "layer 2: embed looks up tokens, so it must be the net's first layer",
            "write 'embed 16' first: net t = embed 16, transformer heads=2, dense …"
        ),
        (
            "embed on a signal", [2, 6], [.embed(width: 16, vocabulary: 3)],
            "layer 1: embed expects a sequence of tokens, shape [L], got [2×6]",
            "embed reads token data: data q = sort len=6 vocab=3 (or reverse, copy, modadd, parity, recall)"
        ),
        (
            "embed on real numbers", [6], [.embed(width: 16)],
            "layer 1: embed needs token inputs, but these inputs are real numbers (shape [6])",
            "use token data (data q = sort len=6 vocab=3), or say the tokens of a file: embed 16 vocab=N"
        ),
        (
            "embed vocab", [6], [.embed(width: 16, vocabulary: 0)],
            "layer 1: embed vocab must be from 1 to 65536, got 0", nil
        ),
        (
            "attention on tokens", [6], [.attention(heads: 2)],
            "layer 1: attention attends over the positions of a sequence [W×L], got [6]",
            "start the net with 'embed W' on token data (sort, recall, …), and put no flatten before attention"
        ),
        (
            "transformer on images", [1, 4, 4], [.transformer(heads: 2)],
            "layer 1: transformer attends over the positions of a sequence [W×L], got [1×4×4]",
            "transformer reads one vector per position: a [W×L] sequence"
        ),
        (
            "heads that do not divide", [6], [.embed(width: 8, vocabulary: 3), .attention(heads: 3)],
            "layer 2: attention heads=3 does not divide the width 8 (each head takes W / heads features)",
            "use heads=1, 2, 4, 8 — or a width that 3 divides, e.g. embed 9"
        ),
        (
            "transformer heads", [6], [.embed(width: 8, vocabulary: 3), .transformer(heads: 0)],
            "layer 2: transformer heads must be a positive integer, got 0", nil
        ),
    ]

    @Test(arguments: layerCases.indices)
    func networkRefusals(_ i: Int) {
        let (name, input, specs, message, hint) = Self.layerCases[i]
        do {
            _ = try NetworkBuilder.stack(inputShape: input, specs: specs)
            Issue.record("\(name): built")
        } catch {
            #expect(error.message == message, "\(name)")
            #expect(error.hint == hint, "\(name)")
        }
    }

    @Test func networkRefusalsWithoutABuilder() {
        #expect(NetworkError.empty.message == "a network needs at least one layer")
        #expect(
            NetworkError.layer(3, .vocabularyTooSmall(3, tokens: 5)).message
                == "layer 3: embed has vocab=3 but the inputs hold 5 different tokens")
        #expect(
            NetworkError.layer(3, .vocabularyTooSmall(3, tokens: 5)).hint
                == "use vocab=5, or leave vocab= out to take the data's")
        #expect(
            NetworkError.tooLarge(parameters: -1, bytes: -1, limit: 4 << 30).message
                == "this network has more parameters than can be counted and would need more than 8 EiB (parameters, "
                + "gradients and optimizer state); the limit is 4 GiB")
    }

    @Test func labErrors() {
        #expect(LabError.batchSize(0).message == "batch must be a positive integer, got 0")
        #expect(LabError.noExamples(data: "d").message == "d has no examples")
        #expect(
            LabError.inputMismatch(data: "d", features: 2, sampleShape: [2], inputs: 3, inputShape: [3]).message
                == "d has 2 inputs per example [2] but the network takes 3 [3]")
        #expect(
            LabError.inputMismatch(data: "d", features: 2, sampleShape: nil, inputs: 3, inputShape: nil).message
                == "d has 2 inputs per example but the network takes 3")
        #expect(
            LabError.classesMismatch(data: "moons", classes: 2, positions: 1, outputs: 5).message
                == "moons has 2 classes but the network has 5 outputs")
        #expect(
            LabError.classesMismatch(data: "q", classes: 3, positions: 6, outputs: 3).message
                == "q has 3 classes at each of 6 positions (18 outputs) but the network has 3 outputs")
        #expect(
            LabError.binaryMismatch(data: "d", classes: 3, outputs: 1).message
                == "bce needs 2 classes and 1 output; d has 3 classes, the network 1 outputs")
        #expect(
            LabError.valuesMismatch(data: "c", values: 1, outputs: 2).message
                == "c has 1 target values per example but the network has 2 outputs")
        #expect(
            LabError.noSnapshot(step: 15, kept: [0, 10, 20, 30]).message
                == "no snapshot at step 15; snapshots exist at steps 0, 10, 20, 30; the nearest is 10")
        #expect(
            LabError.noSnapshot(step: 44, kept: Array(stride(from: 0, through: 100, by: 10))).message
                == "no snapshot at step 44; snapshots exist at steps 0, 10, 20, 30, … 100; the nearest is 40")
        #expect(
            LabError.noSnapshot(step: 15, kept: nil).message
                == "no snapshot at step 15; turn on snapshots first, e.g. 'checkpoint NET every=100'")
        #expect(LabError.noSnapshot(step: 15, kept: nil).hint == nil)
        let data = LabError.data(.invalidArgument(name: "batch", value: "0", allowed: .atLeast(1)))
        #expect(data.message == "batch=0 is not allowed: expected at least 1")
        #expect(data.hint == nil)
    }

    @Test func safetensorsErrors() {
        let cases: [(SafetensorsError.Malformation, String)] = [
            (.tooShort(bytes: 5), "it is 5 bytes long, shorter than its 8-byte header length"),
            (
                .headerBeyondFile(claimed: 4_294_967_295, available: 1),
                "the header claims 4294967295 bytes but the file has 1 after the length"
            ),
            (.headerNotAnObject, "the header is not a JSON object"),
            (.metadataNotAnObject, "__metadata__ is not an object"),
            (.incompleteEntry(tensor: "x"), "tensor 'x' needs dtype, shape and data_offsets"),
            (.badShape(tensor: "x"), "tensor 'x' has a bad shape"),
            (.offsetsOutside(tensor: "x"), "tensor 'x' has data offsets outside the file"),
            (
                .sizeMismatch(tensor: "x", bytes: 4, shape: [2], dtype: "F32", needed: 8),
                "tensor 'x' holds 4 bytes, but shape [2] of F32 needs 8"
            ),
            (
                .sizeMismatch(tensor: "x", bytes: 4, shape: [2, 3], dtype: "F64", needed: nil),
                "tensor 'x' holds 4 bytes, but shape [2, 3] of F64 needs more bytes than can be counted"
            ),
            (.trailingText, "extra text after the header's JSON"),
            (.endsEarly, "the header's JSON ends early"),
            (.nestedTooDeeply, "the header's JSON is nested too deeply"),
            (.expectedColon, "expected ':' in the header"),
            (.expectedSeparator(close: "}"), "expected ',' or '}' in the header"),
            (.unexpectedText, "unexpected text in the header"),
            (.expectedString, "expected a string in the header"),
            (.badEscape, "a bad \\u escape in the header"),
            (.unclosedString, "a string in the header is not closed"),
        ]
        for (why, wording) in cases {
            #expect(SafetensorsError.malformed(why).message == "not a safetensors file: " + wording)
            #expect(SafetensorsError.malformed(why).hint == nil)
        }
        #expect(
            SafetensorsError.unsupportedDType(tensor: "x", dtype: "I64").message
                == "tensor 'x' has dtype I64; Basin reads F32, F64, F16 and BF16")
        #expect(
            SafetensorsError.missing(["0.weight", "0.bias", "1.weight", "1.bias", "2.weight"]).message
                == "the file has no tensor '0.weight', '0.bias', '1.weight', '1.bias' (and 1 more) for this net")
        #expect(
            SafetensorsError.unexpected(["9.weight"]).message == "the file has tensor '9.weight', which this net does not have")
        #expect(
            SafetensorsError.shapeMismatch(tensor: "0.weight", expected: [8, 3], got: [9, 3]).message
                == "tensor '0.weight' has shape [9, 3], the net needs [8, 3]")
    }

    @Test func divergence() {
        #expect(
            Divergence.nonFiniteGradient(layer: 2, summary: "dense 32").wording
                == "the gradient of layer 2 (dense 32) is not finite; the weights were not updated")
        #expect(Divergence.nonFiniteLoss(.infinity).wording == "the training loss is inf; the weights were not updated")
    }
}
