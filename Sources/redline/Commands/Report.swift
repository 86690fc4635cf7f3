import ArgumentParser
import MetricsCore

/// `redline report`: the weekly dashboard of every client, as text, markdown, HTML, CSV or JSON;
/// with `--quarter`, the quarterly board pack instead.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the weekly review of each client (KPIs, status, action, bottleneck, actions), or with --quarter its board pack.",
        discussion: """
        text is for a terminal; markdown is the Monday one-page dashboard, ready to paste in an \
        e-mail; both stay one page whatever the data size (the 10 largest stalled and slipped deals, \
        warnings grouped by kind); --list stalled|slipped prints a whole list. html is the same page \
        as one self-contained file with charts (no script, nothing fetched) for a mail client or a \
        browser, printable on A4. csv is one row per client and dashboard KPI, for a spreadsheet. \
        json is the machine-readable report (format redline.report/1, every KPI of the catalog with \
        last week's value, every deal of every list).

        --quarter YYYY-Qn makes the quarterly board pack (text, markdown, html, or json in format \
        redline.boardpack/1): each client's quarter in its own fiscal year, judged at its end (or on \
        the review date while it runs) against the previous quarter's end.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, html, csv, json
    }

    @OptionGroup var data: DataOptions

    @Option(help: ArgumentHelp("Only the engagement with this client id.", valueName: "id"))
    var client: String?

    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: ArgumentHelp("The quarterly board pack of this fiscal quarter instead of the weekly review.", valueName: "YYYY-Qn"), transform: QuarterLabel.argument)
    var quarter: QuarterLabel?

    @Option(help: ArgumentHelp("Instead of the one-pager, every deal of this list (the one-pager shows the 10 largest).", valueName: "stalled|slipped"))
    var list: DealListKind?

    @Flag(help: "ASCII glyphs instead of Unicode (automatic when the locale is not UTF-8).")
    var ascii = false

    func validate() throws {
        if list != nil && quarter != nil { throw ValidationError("--list is for the weekly one-pager, not the board pack") }
        if list != nil && format == .json { throw ValidationError("--list is for text and markdown; the JSON report lists every deal already") }
        if list != nil && format != .text && format != .markdown { throw ValidationError("--list is for text and markdown") }
        if quarter != nil && format == .csv { throw ValidationError("--format csv is the weekly dashboard; the board pack is text, markdown, html or json") }
    }

    func run() throws {
        DecodedDealsCache.shared.isEnabled = false   // each file is read once
        let asOf = data.reviewDate()
        var portfolio = try data.portfolio(anchor: asOf)
        if let client { portfolio = try portfolio.filtered(client: client) }
        if let quarter { return try boardPack(portfolio, quarter: quarter, asOf: asOf) }
        let reviews = portfolio.reviews(asOf: asOf)
        KeptUntilExit.keep(portfolio, reviews)
        switch format {
        case .json: Output.print(ReportJSON.render(portfolio, reviews: reviews, asOf: asOf))
        case .markdown: Output.print(ReportMarkdown.render(portfolio, reviews: reviews, asOf: asOf, list: list))
        case .html: Output.print(ReportHTML.render(portfolio, reviews: reviews, asOf: asOf))
        case .csv:
            Output.print(ReportCSV.render(portfolio, reviews: reviews, asOf: asOf))
        case .text:
            Output.print(ReportText.render(portfolio, reviews: reviews, asOf: asOf, glyphs: glyphs, list: list))
        }
        // The CSV has no place for problems: it says which files have no rows. Every other
        // format lists them in the report, and says it on standard error too.
        Output.rejectedFiles(portfolio, hasNoRows: format == .csv)
        if portfolio.hasRejectedFile { throw ExitCode(1) }
    }

    var glyphs: Glyphs { ascii || !Environment.localeIsUTF8 ? Glyphs.ascii : Glyphs.unicode }

    func boardPack(_ portfolio: Portfolio, quarter: QuarterLabel, asOf: MetricsCoreDay) throws {
        let packs = try portfolio.files.map { file -> BoardPack? in
            guard let e = file.engagement else { return nil }
            if let why = BoardPack.problem(quarter, startMonth: e.client.fiscalYearStartMonth, asOf: asOf) {
                throw UsageError("\(e.client.id): \(why)")
            }
            return BoardPack(index: EngagementIndex(e), quarter: quarter.quarter(startMonth: e.client.fiscalYearStartMonth), asOf: asOf)
        }
        KeptUntilExit.keep(portfolio, packs)
        switch format {
        case .json: Output.print(BoardPackJSON.render(portfolio, packs: packs, quarter: quarter, asOf: asOf))
        case .markdown: Output.print(BoardPackMarkdown.render(portfolio, packs: packs, quarter: quarter, asOf: asOf))
        case .html: Output.print(BoardPackHTML.render(portfolio, packs: packs, quarter: quarter, asOf: asOf))
        case .text: Output.print(BoardPackText.render(portfolio, packs: packs, quarter: quarter, asOf: asOf, glyphs: glyphs))
        case .csv: break   // refused by validate()
        }
        Output.rejectedFiles(portfolio)
        if portfolio.hasRejectedFile { throw ExitCode(1) }
    }
}
