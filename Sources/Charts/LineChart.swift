// The line chart description: several series over a shared x axis (steps, epochs, a landscape
// coordinate), with optional log-y, vertical marker lines (a fork point) and marked points.
// Convention: training curves dim, validation curves bright, one colour per net.

/// A point in data coordinates.
public struct PlotPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A line chart of one or more series.
public struct LineChart: Sendable, Equatable {
    public typealias Point = PlotPoint

    /// How strongly a series is drawn: train curves dim, validation curves bright.
    public enum Emphasis: Sendable, Hashable {
        case dim, bright
    }

    public struct Series: Sendable, Equatable {
        public var name: String
        /// Points in drawing order; NaN, ±inf (and y ≤ 0 on a log axis) leave a gap.
        public var points: [Point]
        public var emphasis: Emphasis
        /// Categorical colour (0–9, shared with class colours); nil picks one by position.
        public var color: Int?

        public init(name: String, points: [Point], emphasis: Emphasis = .bright, color: Int? = nil) {
            self.name = name
            self.points = points
            self.emphasis = emphasis
            self.color = color
        }

        /// A series over x = `xStart`, `xStart + xStep`, … (steps or epochs).
        public init(
            name: String, values: [Double], xStart: Double = 0, xStep: Double = 1,
            emphasis: Emphasis = .bright, color: Int? = nil
        ) {
            let points = values.enumerated().map { Point(x: xStart + Double($0.offset) * xStep, y: $0.element) }
            self.init(name: name, points: points, emphasis: emphasis, color: color)
        }
    }

    /// A dotted vertical line across the plot with a label, e.g. where a run was forked.
    public struct VerticalMarker: Sendable, Equatable {
        public var x: Double
        public var label: String
        public init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// A highlighted point with a label, e.g. the ends of a landscape line or a minimum.
    public struct MarkedPoint: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var label: String
        public var color: Int?
        public init(x: Double, y: Double, label: String, color: Int? = nil) {
            self.x = x
            self.y = y
            self.label = label
            self.color = color
        }
    }

    public var title: String?
    public var series: [Series]
    public var xLabel: String?
    public var yLabel: String?
    public var logY: Bool
    /// Fixed y bounds (e.g. 0 and 1 for accuracy); nil fits the data.
    public var yMin: Double?
    public var yMax: Double?
    public var markers: [VerticalMarker]
    public var marks: [MarkedPoint]

    public init(
        title: String? = nil, series: [Series], xLabel: String? = nil, yLabel: String? = nil,
        logY: Bool = false, yMin: Double? = nil, yMax: Double? = nil,
        markers: [VerticalMarker] = [], marks: [MarkedPoint] = []
    ) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
        self.yMin = yMin
        self.yMax = yMax
        self.markers = markers
        self.marks = marks
    }

    /// Whether a point can be drawn on this chart's axes.
    func isDrawable(_ p: Point) -> Bool {
        p.x.isFinite && p.y.isFinite && (!logY || p.y > 0)
    }

    /// The colour index of series `i`.
    func colorIndex(_ i: Int) -> Int {
        series[i].color ?? i
    }
}
