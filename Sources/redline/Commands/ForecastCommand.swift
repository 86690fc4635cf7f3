import ArgumentParser
import Foundation
import MetricsCore

/// `redline forecast`: the rolling 90-day forecast of each client, and recording it.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Print the rolling 90-day forecast of each client (this month and the next two); --record writes it.",
        discussion: """
        Each month's forecast is the won amount so far plus the open pipeline expected to close in \
        it, weighted by the stage win rates of the last 365 days (a stage needs 10 closed deals; \
        else the deal's probability, else the stage's). It is compared with the month's share of \
        the quarter's bookings target. --record writes the three months into the file's \
        forecasts (made_on = the review date), which forecast_accuracy measures later; recording \
        twice on one day replaces that day's entries.
        """
    )

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Only the engagement with this client id.", valueName: "id"))
    var client: String?

    @Flag(help: "Write this forecast into each engagement file (under its lock, merged with others' edits).")
    var record = false

    func validate() throws {
        if record && data.paths.isEmpty { throw ValidationError("--record needs engagement files: the bundled demo is read-only") }
    }

    func run() throws {
        let asOf = data.reviewDate()
        var portfolio = try data.portfolio(anchor: asOf)
        if let client { portfolio = try portfolio.filtered(client: client) }
        let reviews = portfolio.reviews(asOf: asOf)
        KeptUntilExit.keep(portfolio, reviews)
        var out = "Rolling forecast as of \(asOf)\n"
        for (file, review) in zip(portfolio.files, reviews) {
            guard let review else { continue }
            let forecast = RollingForecast(review.current)
            out += ForecastText.render(forecast, review.engagement)
            if record {
                do {
                    try EngagementFile.update(file.file, waiting: { who in Output.warning("\(file.file) is being saved by \(who); waiting") }) { e, doc in
                        // Recomputed from the file as it is under the lock: what is written is what it says now.
                        ForecastRecord.edits(RollingForecast(KPIContext(index: EngagementIndex(e), asOf: asOf)), in: e, document: doc)
                    }
                } catch {
                    Output.print(out)
                    throw failure(error.message)
                }
                out += "  Recorded in \(file.file): forecasts of \(forecast.months.map(\.month.description).joined(separator: ", ")) made on \(asOf).\n"
            }
        }
        Output.print(out)
        Output.rejectedFiles(portfolio)
        if portfolio.hasRejectedFile { throw ExitCode(1) }
    }
}

/// The forecast of one client as text.
enum ForecastText {
    static func render(_ f: RollingForecast, _ e: Engagement) -> String {
        let money = ValueFormatter(currency: e.client.currency)
        var out = "\n\(sanitizedForDisplay(e.client.name))" + (f.provisional ? "  (provisional: under 60 days of data, or stale data)" : "") + "\n"
        let header = ["Month", "Won", "Expected", "Forecast", "Target", "vs target", "Deals"]
        let rows = f.months.map { m in
            [m.month.description, money.money(m.won), money.money(m.expected), money.money(m.forecast),
             m.target.map(money.money) ?? "—", m.ratio.map { decimals($0 * 100, 0) + "%" } ?? "—", String(m.deals.count)]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
        for row in [header] + rows {
            out += "  " + row.indices.map { c in c == 0 ? row[c].padding(toLength: widths[c], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[c] - row[c].count) + row[c] }.joined(separator: "  ") + "\n"
        }
        let stages = Dictionary(uniqueKeysWithValues: e.stages.map { ($0.id, $0.name) })
        let rates = f.stageWinRates.map { "\(sanitizedForDisplay(stages[$0.stage] ?? $0.stage)) \($0.rate.map { decimals($0 * 100, 0) + "%" } ?? "—")" }
        out += "  Stage win rates, last 365 days (— under \(RollingForecast.minimumClosed) closed): \(rates.joined(separator: ", "))\n"
        if f.excluded + f.unweighted > 0 {
            out += "  Left out: \(f.excluded) open deal\(f.excluded == 1 ? "" : "s") without an expected close; counted at 0: \(f.unweighted) without any probability\n"
        }
        return out
    }
}
