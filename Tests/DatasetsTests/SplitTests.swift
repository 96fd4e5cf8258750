// Splits: disjoint parts that cover every row, determinism from the seed, stratification, the
// locked test part and its peek log, and label noise on the training part only.

import Datasets
import Testing

@Suite struct SplitTests {
    let fractions = SplitFractions(train: 0.7, validation: 0.15, test: 0.15)

    @Test(arguments: [1, 2, 7, 100, 1001])
    func partsAreDisjointAndCoverEverything(count: Int) throws {
        let s = try Split.random(count: count, fractions: fractions, seed: 9)
        let all = s.train + s.validation + s.test
        #expect(all.count == count)
        #expect(Set(all) == Set((0..<count).map { Int32($0) }))
        #expect(s.train == s.train.sorted() && s.test == s.test.sorted())
    }

    @Test(arguments: [(10, 3, 0.2), (40, 40, 0.15), (7, 1, 0.5), (1, 1, 0.15)])
    func aTestFileIsTheTrailingRowsAndValIsAShareOfTheTrainFile(trainRows: Int, testRows: Int, val: Double) throws {
        let count = trainRows + testRows
        let s = try Split.withTestFile(count: count, trainFileRows: trainRows, validation: val, seed: 4)
        #expect(s.test == (trainRows..<count).map { Int32($0) })
        #expect(
            Set(s.train + s.validation) == Set((0..<trainRows).map { Int32($0) })
                && s.train.count + s.validation.count == trainRows)
        // Rounded to the nearest row, and at least one row left to train on.
        #expect(s.validation.count == min(trainRows - 1, Int((val * Double(trainRows)).rounded())))
        #expect(s.train == s.train.sorted() && s.validation == s.validation.sorted())
        #expect(s == (try Split.withTestFile(count: count, trainFileRows: trainRows, validation: val, seed: 4)))
    }

    @Test func givenPartsKeepTheRowsInOrder() throws {
        let s = try Split.given([0, 2, 1, 0, 2])
        #expect(s.train == [0, 3] && s.validation == [2] && s.test == [1, 4])
        #expect(throws: DataError.self) { try Split.given([1, 2]) }
    }

    @Test func sizesFollowTheFractions() throws {
        let s = try Split.random(count: 1000, fractions: fractions, seed: 0)
        #expect(s.train.count == 700 && s.validation.count == 150 && s.test.count == 150)
    }

    @Test func deterministicFromTheSeed() throws {
        let a = try Split.random(count: 500, fractions: fractions, seed: 1)
        #expect(a == (try Split.random(count: 500, fractions: fractions, seed: 1)))
        #expect(a != (try Split.random(count: 500, fractions: fractions, seed: 2)))
    }

    @Test func stratifiedKeepsClassProportions() throws {
        let d = try Dataset.toy(.blobs, count: 600, classes: 3, noise: 0.1, seed: 0)
        let split = try SplitDataset(d, fractions: fractions, seed: 4, stratified: true)
        #expect(split.train.classCounts() == [140, 140, 140])
        #expect(split.validation.classCounts() == [30, 30, 30])
        #expect(split.test(peekedBy: "test").classCounts() == [30, 30, 30])
    }

    @Test func badFractionsThrow() {
        for f in [
            SplitFractions(train: 0.7, validation: 0.2, test: 0.2), SplitFractions(train: -0.1, validation: 0.6, test: 0.5),
            SplitFractions(train: .nan, validation: 0, test: 0),
        ] {
            #expect(dataError { try Split.random(count: 10, fractions: f, seed: 0) } != nil)
        }
        #expect(dataError { try Split.leading(count: 10, train: 8, validation: 3) } != nil)
    }

    @Test func testPartIsLockedAndPeeksAreRecorded() throws {
        let d = try Dataset.toy(.moons, count: 200, noise: 0.1, seed: 0)
        let split = try SplitDataset(d, fractions: fractions, seed: 0)
        #expect(split.testCount == 30 && split.peeks.isEmpty)
        let copy = split  // a run's copy records into the same log
        let test = copy.test(peekedBy: "eval a on test")
        #expect(test.count == 30)
        _ = split.test(peekedBy: "eval b on test")
        #expect(split.peeks == [Peek(reader: "eval a on test", rows: 30), Peek(reader: "eval b on test", rows: 30)])
        #expect(split.peekLog.count == 2)
    }

    @Test func splitRowsMustBeValid() throws {
        let d = try Dataset.toy(.moons, count: 10, noise: 0.1, seed: 0)
        let overlapping = try Split.leading(count: 10, train: 5, validation: 0)
        #expect(dataError { try SplitDataset(d.subset([0, 1, 2]), split: overlapping) } != nil)
    }
}

@Suite struct LabelNoiseTests {
    @Test func exactFractionChangedToADifferentClass() throws {
        let d = try Dataset.mnist1D(count: 1000, seed: 1)
        let (noisy, record) = try d.withLabelNoise(fraction: 0.15, seed: 3)
        #expect(record.rows.count == 150)
        let changed = zip(d.labels!, noisy.labels!).filter { $0 != $1 }.count
        #expect(changed == 150)  // every chosen label really changed
        for (k, row) in record.rows.enumerated() {
            #expect(record.originalLabels[k] == d.labels![Int(row)])
            #expect(record.noisyLabels[k] == noisy.labels![Int(row)])
        }
        #expect(noisy.inputs == d.inputs)
        let (again, _) = try d.withLabelNoise(fraction: 0.15, seed: 3)
        #expect(again == noisy)
    }

    @Test func onlyTheTrainingPartAndNoCompounding() throws {
        let d = try Dataset.mnist1D(count: 1000, seed: 1)
        var split = try SplitDataset(d, fractions: SplitFractions(train: 0.8, validation: 0.2, test: 0), seed: 0)
        let cleanTrain = split.train, cleanValidation = split.validation
        try split.setLabelNoise(fraction: 0.5, seed: 1)
        try split.setLabelNoise(fraction: 0.15, seed: 1)  // replaces, does not add to, the 50%
        #expect(zip(cleanTrain.labels!, split.train.labels!).filter { $0 != $1 }.count == 120)
        #expect(split.validation == cleanValidation)
        #expect(split.labelNoise?.fraction == 0.15)
        try split.setLabelNoise(fraction: 0, seed: 1)
        #expect(split.train == cleanTrain && split.labelNoise == nil)
    }

    @Test func regressionDataAndBadFractionsThrow() throws {
        let curve = try Dataset.curve(.sine, count: 20, noise: 0.1, seed: 0)
        #expect(
            dataError { try curve.withLabelNoise(fraction: 0.1, seed: 0) }
                == .needsClasses(operation: "label noise", dataset: "sine"))
        let toy = try Dataset.toy(.moons, count: 20, noise: 0.1, seed: 0)
        #expect(dataError { try toy.withLabelNoise(fraction: 1.5, seed: 0) } != nil)
        #expect(dataError { try toy.withLabelNoise(fraction: -0.1, seed: 0) } != nil)
    }
}
