// The 2D toys and 1D curves: shapes, classes, balance, determinism from the seed, and typed
// errors for arguments a user could mistype.

import Datasets
import Testing

@Suite struct ToyTests {
    @Test(arguments: Toy2D.allCases)
    func shapesAndBalance(toy: Toy2D) throws {
        let classes = toy.allowedClasses.upperBound == 2 ? 2 : 3
        let d = try Dataset.toy(toy, count: 301, classes: classes, noise: 0.1, seed: 1)
        #expect(d.count == 301)
        #expect(d.sampleShape == [2])
        #expect(d.inputs.count == 602)
        #expect(d.kind == .classification(classes: classes))
        // 301 over the classes: equal shares, the remainder one each to the lowest classes.
        let counts = try #require(d.classCounts())
        #expect(counts.reduce(0, +) == 301)
        #expect(counts.max()! - counts.min()! <= 1)
        #expect(d.inputs.allSatisfy { $0.isFinite && abs($0) < 3 })
    }

    @Test(arguments: Toy2D.allCases)
    func sameSeedSameData(toy: Toy2D) throws {
        let a = try Dataset.toy(toy, count: 100, noise: 0.2, seed: 7)
        let b = try Dataset.toy(toy, count: 100, noise: 0.2, seed: 7)
        let c = try Dataset.toy(toy, count: 100, noise: 0.2, seed: 8)
        #expect(a == b)
        #expect(a.inputs != c.inputs)
    }

    @Test func rowsAreShuffled() throws {
        // Class-major generation followed by a shuffle: the first 50 rows are not all class 0.
        let d = try Dataset.toy(.spiral, count: 300, classes: 3, noise: 0.2, seed: 0)
        #expect(Set(d.labels!.prefix(50)).count == 3)
    }

    @Test func noiseFreeShapesAreExact() throws {
        // circles without noise: every point of class k lies on the ring of radius (k+1)/K.
        let d = try Dataset.toy(.circles, count: 90, classes: 3, noise: 0, seed: 0)
        for i in 0..<d.count {
            let r = (d.inputs[2 * i] * d.inputs[2 * i] + d.inputs[2 * i + 1] * d.inputs[2 * i + 1]).squareRoot()
            #expect(abs(r - Float(d.labels![i] + 1) / 3) < 1e-5)
        }
        // xor without noise: the label is whether the signs differ.
        let x = try Dataset.toy(.xor, count: 100, noise: 0, seed: 0)
        for i in 0..<x.count {
            #expect((x.inputs[2 * i] * x.inputs[2 * i + 1] < 0) == (x.labels![i] == 1))
        }
    }

    @Test func invalidArgumentsThrow() {
        let cases: [(String, () throws -> Dataset)] = [
            ("n", { try Dataset.toy(.spiral, count: 0, noise: 0.1, seed: 0) }),
            ("n", { try Dataset.toy(.spiral, count: -5, noise: 0.1, seed: 0) }),
            ("n", { try Dataset.toy(.spiral, count: 1_000_000_000, noise: 0.1, seed: 0) }),
            ("classes", { try Dataset.toy(.moons, count: 10, classes: 3, noise: 0.1, seed: 0) }),
            ("classes", { try Dataset.toy(.xor, count: 10, classes: 1, noise: 0.1, seed: 0) }),
            ("classes", { try Dataset.toy(.blobs, count: 10, classes: 1000, noise: 0.1, seed: 0) }),
            ("noise", { try Dataset.toy(.gauss, count: 10, noise: -1, seed: 0) }),
            ("noise", { try Dataset.toy(.gauss, count: 10, noise: .nan, seed: 0) }),
            ("noise", { try Dataset.toy(.gauss, count: 10, noise: .infinity, seed: 0) }),
        ]
        for (name, make) in cases {
            guard case let .invalidArgument(argument, _, _)? = dataError(make) else { continue }
            #expect(argument == name)
        }
    }
}

@Suite struct CurveTests {
    @Test(arguments: Curve1D.allCases)
    func shapesAndDeterminism(curve: Curve1D) throws {
        let d = try Dataset.curve(curve, count: 60, noise: 0.3, seed: 2)
        #expect(d.count == 60 && d.sampleShape == [1])
        #expect(d.kind == .regression(outputs: 1))
        #expect(d.values!.count == 60)
        #expect(d.inputs.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(d == (try Dataset.curve(curve, count: 60, noise: 0.3, seed: 2)))
        #expect(d.values! != (try Dataset.curve(curve, count: 60, noise: 0.3, seed: 3)).values!)
    }

    @Test func noiseFreeTargetsFollowTheCurve() throws {
        let d = try Dataset.curve(.expsine, count: 50, noise: 0, seed: 0)
        for i in 0..<d.count { #expect(d.values![i] == Curve1D.expsine(d.inputs[i])) }
        // Stratified inputs: exactly one x in each [i/n, (i+1)/n).
        let bins = Set(d.inputs.map { Int($0 * 50) })
        #expect(bins.count == 50)
    }

    @Test func knownValues() {
        #expect(abs(Curve1D.sine(0.25) - 1) < 1e-6)
        #expect(Curve1D.step(0.1) == -1 && Curve1D.step(0.9) == 1)
        #expect(abs(Curve1D.piecewise(0.25) - 1) < 1e-6 && abs(Curve1D.piecewise(0.625)) < 1e-6)
        #expect(abs(Curve1D.poly(0.5)) < 1e-6)
        #expect(Curve1D.linear(0.5) == 1)
    }

    @Test func summaryOfRegressionData() throws {
        let d = try Dataset.curve(.linear, count: 1000, noise: 0, seed: 0)
        let s = d.summary()
        #expect(s.classCounts == nil)
        #expect(abs(s.targetMean! - 1) < 1e-3)  // 0.5 + E[x], x uniform on [0, 1]
        #expect(abs(s.inputStd - (1.0 / 12).squareRoot()) < 1e-3)
    }
}

@Suite struct BuiltInTests {
    @Test func everyNameGeneratesWithItsDefaults() throws {
        for entry in BuiltInData.all {
            let d = try BuiltInData.make(entry.name, count: entry.name == "mnist1d" ? 100 : nil, seed: 0)
            #expect(d.name == entry.name)
            #expect(d.count == (entry.name == "mnist1d" ? 100 : entry.defaultCount))
            if let classes = entry.defaultClasses { #expect(d.classCount == classes) }
        }
        #expect(try BuiltInData.make("spiral", count: 90, classes: 4, noise: 0, seed: 1).classCounts()! == [23, 23, 22, 22])
    }

    @Test func unknownNamesAndUnusedArgumentsThrow() {
        guard case let .invalidArgument(name, value, allowed)? = dataError({ try BuiltInData.make("spirals", seed: 0) }) else {
            Issue.record("an unknown dataset name was not refused as an invalid argument")
            return
        }
        #expect(name == "dataset" && value == "spirals" && allowed == .oneOf(BuiltInData.names))
        #expect(
            dataError { try BuiltInData.make("sine", classes: 3, seed: 0) }
                == .invalidArgument(name: "classes", value: "3", allowed: .notFor(source: "sine")))
        #expect(
            dataError { try BuiltInData.make("mnist1d", noise: 0.1, seed: 0) }
                == .invalidArgument(name: "noise", value: "0.1", allowed: .notFor(source: "mnist1d")))
    }
}
