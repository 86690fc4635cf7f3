import ArgumentParser
import MetricsCore

/// `redline report`: the weekly dashboard of every client, as text, markdown or JSON.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the weekly review of each client: KPIs, status, action, bottleneck, actions.",
        discussion: """
        text is for a terminal; markdown is the Monday one-page dashboard, ready to paste in an \
        e-mail; both stay one page whatever the data size (the 10 largest stalled and slipped deals, \
        warnings grouped by kind); --list stalled|slipped prints a whole list. json is the \
        machine-readable report (format redline.report/1, every KPI of the catalog with last \
        week's value, every deal of every list).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Only the engagement with this client id.", valueName: "id"))
    var client: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Instead of the one-pager, every deal of this list (the one-pager shows the 10 largest).", valueName: "stalled|slipped"))
    var list: DealListKind?

    @Flag(help: "ASCII glyphs instead of Unicode (automatic when the locale is not UTF-8).")
    var ascii = false

    func validate() throws {
        if list != nil && format == .json { throw ValidationError("--list is for text and markdown; the JSON report lists every deal already") }
    }

    func run() throws {
        let asOf = try data.reviewDate()
        var portfolio = try data.portfolio(anchor: asOf)
        if let client { portfolio = try portfolio.filtered(client: client) }
        let reviews = portfolio.reviews(asOf: asOf)
        switch format {
        case .json: Output.print(ReportJSON.render(portfolio, reviews: reviews, asOf: asOf))
        case .markdown: Output.print(ReportMarkdown.render(portfolio, reviews: reviews, asOf: asOf, list: list))
        case .text:
            let glyphs = ascii || !Environment.localeIsUTF8 ? Glyphs.ascii : Glyphs.unicode
            Output.print(ReportText.render(portfolio, reviews: reviews, asOf: asOf, glyphs: glyphs, list: list))
        }
        if portfolio.hasRejectedFile { throw ExitCode(1) }
    }
}
