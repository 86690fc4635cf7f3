import Testing
@testable import MetricsCore

/// Chart coordinates never trap: a ratio over a scale of 0 (infinite or NaN) is drawn at 0.
@Suite struct SVGChartTests {
    @Test func coordinatesAreFiniteText() {
        #expect(SVGChart.c(12.34) == "12.3")
        #expect(SVGChart.c(40) == "40")
        #expect(SVGChart.c(.infinity) == "0")
        #expect(SVGChart.c(-.infinity) == "0")
        #expect(SVGChart.c(.nan) == "0")
        #expect(SVGChart.c(1e300) == "1e+300")
    }
}
