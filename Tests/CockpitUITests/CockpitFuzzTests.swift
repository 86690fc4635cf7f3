import Foundation
import Mutants
import Testing
@testable import CockpitUI
import MetricsCore

/// Mutants that the loader accepts, driven through every screen of the cockpit at three sizes:
/// a trap here (a number that cannot be drawn, a width gone negative) fails the run.
@Suite struct CockpitFuzzTests {
    /// Every view of a client and of the portfolio, a deal's story, sorting, a week back.
    static let tour: [Key] = [.enter, .tab, .enter, .enter, .enter, .escape, .char("s"), .char("S"), .tab, .tab, .tab,
                              .char("x"), .enter, .char("["), .char("f"), .char("a"), .char("w"), .char("p"), .char("x"), .enter, .char("G")]

    @Test func acceptedMutantsDrawOnEveryScreen() {
        let started = ContinuousClock.now
        let bases: [(bytes: [UInt8], mutants: Int)] = [
            (EngagementWriter.write(DemoPortfolio.synthetic(deals: 25, anchor: Cockpit.asOf)), 100),
            (DemoPortfolio.files(anchor: Cockpit.asOf)[1].bytes, 6),
        ]
        var drawn = 0, frames = 0
        for (b, base) in bases.enumerated() {
            for i in 0..<base.mutants {
                let bytes = Mutator.mutant(of: base.bytes, seed: UInt64(100 + b), index: i)
                let file = bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: "m\(i).json") }
                guard file.engagement != nil else { continue }
                drawn += 1
                for size in [Size(width: 80, height: 24), Size(width: 30, height: 8), Size(width: 160, height: 50)] {
                    var state = Cockpit.state(size: size, files: [file])
                    frames += CockpitView.render(state, glyphs: .unicode).trimmedLines.count > 0 ? 1 : 0
                    for key in Self.tour {
                        _ = Cockpit.press([key], on: &state)
                        frames += CockpitView.render(state, glyphs: i % 2 == 0 ? .unicode : .ascii).trimmedLines.count > 0 ? 1 : 0
                    }
                }
            }
        }
        print("cockpit fuzz: \(drawn) accepted mutants, \(frames) frames, \(ContinuousClock.now - started)")
        #expect(drawn > 20)
        #expect(frames == drawn * 3 * (Self.tour.count + 1))
    }
}
