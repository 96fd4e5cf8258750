// swift-tools-version: 6.0
// Basin — a terminal notebook for deep-learning experiments.
// Targets depend one way (see ARCHITECTURE.md); C libraries sit at the edges:
// only Kernels imports OpenBLAS, only Notebook imports ncurses, only LineMode imports libedit.
import PackageDescription

/// Release builds of the numeric targets drop exclusivity checks in their hot loops (debug
/// builds keep them, so tests in debug still catch overlapping accesses).
let fast: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "Basin",
    products: [
        .executable(name: "basin", targets: ["basin"]),
        .executable(name: "basin-bench", targets: ["basin-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // C libraries at the edges.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .systemLibrary(name: "CEditLine", path: "Sources/CEditLine"),

        // Engine. CKernels holds the hot loops in C, one copy per kernel path (AVX-512, AVX2+FMA,
        // baseline) chosen at run time; only Kernels uses it. Contraction is pinned to "on" (one
        // source expression, one FMA), which the paths' bit-for-bit agreement rests on.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O3", "-fno-math-errno", "-ffp-contract=on"])]),
        .target(name: "Kernels", dependencies: ["COpenBLAS", "CKernels"], swiftSettings: fast),
        .target(name: "Networks", dependencies: ["Kernels"], swiftSettings: fast),
        .target(name: "Datasets", dependencies: ["Kernels"], swiftSettings: fast),
        .target(name: "Lab", dependencies: ["Kernels", "Networks", "Datasets"], swiftSettings: fast),
        // Hyperparameter search: spaces, samplers (random, grid, TPE, GP), Hyperband schedules.
        .target(name: "Search", dependencies: ["Kernels"], swiftSettings: fast),

        // Language, outputs, front ends.
        .target(name: "Charts"),
        .target(name: "Diagnostics"),
        .target(name: "Language", dependencies: ["Diagnostics"]),
        // Every target declares each module it imports. The suite runs release builds; the
        // interpreter is testable in them so its tests can bind lines into the command types.
        .target(
            name: "Interpreter",
            dependencies: ["Lab", "Search", "Language", "Charts", "Diagnostics", "Datasets", "Networks", "Kernels"],
            swiftSettings: [.unsafeFlags(["-enable-testing"])]),
        .target(name: "Notebook", dependencies: ["Interpreter", "Language", "Charts", "Diagnostics", "CNcurses"]),
        .target(name: "LineMode", dependencies: ["Interpreter", "Language", "Charts", "Diagnostics", "CEditLine"]),
        .executableTarget(name: "basin", dependencies: ["Interpreter", "Notebook", "LineMode", "Lab", "Charts", "Diagnostics"]),
        .executableTarget(
            name: "basin-bench",
            dependencies: [
                "Lab", "Search", "Notebook", "Interpreter", "Charts", "Datasets", "Kernels", "Networks",
                // The sample charts `gallery` draws live with the tests' shared fixtures.
                "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: fast),

        // Tests mirror the targets; TestSupport holds the shared helpers.
        // TestSupport also holds what the files fuzzer (Fuzz/) and its corpus test share, hence the readers.
        .target(
            name: "TestSupport",
            dependencies: ["Kernels", "Networks", "Charts", "Diagnostics", "Datasets", "Lab", "Interpreter"],
            path: "Tests/TestSupport"),
        .testTarget(name: "KernelsTests", dependencies: ["Kernels", "CKernels", "TestSupport"]),
        .testTarget(name: "NetworksTests", dependencies: ["Networks", "Kernels", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Kernels", "TestSupport"]),
        .testTarget(name: "LabTests", dependencies: ["Lab", "Datasets", "Networks", "Kernels", "TestSupport"]),
        .testTarget(name: "SearchTests", dependencies: ["Search", "Kernels", "TestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "TestSupport"]),
        .testTarget(name: "LanguageTests", dependencies: ["Language", "Interpreter", "Diagnostics", "TestSupport"]),
        .testTarget(
            name: "InterpreterTests",
            dependencies: [
                "Interpreter", "Lab", "Language", "Networks", "Datasets", "Search", "Charts", "Diagnostics", "TestSupport",
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "NotebookTests", dependencies: ["Notebook", "Interpreter", "Language", "Charts", "Diagnostics", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
