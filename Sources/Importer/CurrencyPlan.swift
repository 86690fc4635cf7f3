import Foundation
import MetricsCore

/// The engagement's currency and how each row's amount gets into it. A file whose amounts are
/// in several currencies is refused unless it has a converted-amount column or the mapping
/// gives rates: summing EUR and GBP as one currency would be silently wrong.
struct CurrencyPlan {
    /// The engagement's currency.
    var code: String
    /// Amounts from the converted-amount column (already in `code`).
    var useConverted = false
    /// Currency → units of `code` per unit, for rows in another currency.
    var rates: [String: Double] = [:]
    /// For the summary: which column, which currency, and what the export mixes.
    var line: String

    /// `seen`: the currencies of the amounts (from the currency column or the amounts' own
    /// codes) with their row counts; `converted`: the same for the converted column.
    /// `configRates` (the user's config): each currency's value in one common unit, used for a
    /// currency `rates` (the mapping's, into the engagement's currency) has no rate for.
    static func decide(given: String?, rates: [String: Double], configRates: [String: Double] = [:], configSource: String = "the config",
                       seen: [(String, Int)], converted: [(String, Int)],
                       amountHeader: String, convertedHeader: String?, currencyHeader: String?, path: String) -> Result<CurrencyPlan, ImportError> {
        let mix = seen.map { "\($0.0) \(decimals(Double($0.1), 0))" }.joined(separator: ", ")
        let from = currencyHeader.map { " (\($0))" } ?? ""
        /// The rate from `x` into `code`: the mapping's, else the config's quotient.
        func rate(_ x: String, into code: String) -> (value: Double, fromConfig: Bool)? {
            if let r = rates[x] { return (r, false) }
            if let a = configRates[x], let b = configRates[code], b > 0 { return (a / b, true) }
            return nil
        }
        func withRates(_ code: String) -> Result<CurrencyPlan, ImportError> {
            let missing = seen.map(\.0).filter { $0 != code && rate($0, into: code) == nil }
            guard missing.isEmpty else {
                let config = configRates.isEmpty ? "" : " or in the rates of \(configSource) (they need both \(missing.joined(separator: ", ")) and \(code))"
                return .failure(ImportError("\(path): no rate for \(missing.joined(separator: ", ")) in the mapping's [currency] rates\(config) (amounts are in \(mix))"))
            }
            let others = seen.map(\.0).filter { $0 != code }
            var effective = rates
            for x in others { effective[x] = rate(x, into: code)!.value }
            let used = others.map { "1 \($0) = \(formatRate(effective[$0]!)) \(code)" }
            let fromConfig = others.filter { rate($0, into: code)!.fromConfig }
            let whose = fromConfig.isEmpty ? "the mapping's rates" : fromConfig.count == others.count ? "the rates of \(configSource)" : "the mapping's rates and those of \(configSource)"
            return .success(CurrencyPlan(code: code, rates: effective, line: "\(amountHeader) in \(mix), converted to \(code) with \(whose) (\(used.joined(separator: ", ")))"))
        }
        if seen.count <= 1 {
            let fileCode = seen.first?.0
            guard let given, let fileCode, given != fileCode else {
                let code = given ?? fileCode ?? "USD"
                let why = fileCode != nil ? from : (given != nil ? " (as given)" : " (the export names no currency: USD assumed; --currency sets it)")
                return .success(CurrencyPlan(code: code, line: "\(amountHeader) in \(code)\(why)"))
            }
            if rate(fileCode, into: given) != nil { return withRates(given) }
            return .failure(ImportError("\(path): the amounts are in \(fileCode)\(from) but the currency given is \(given); drop --currency (or [client] currency), or give a rate: [currency] rates = { \(fileCode) = … }"))
        }
        if let convertedHeader {
            let code: String
            switch (converted.count, given) {
            case (0, let g?): code = g
            case (1, let g): 
                code = converted[0].0
                if let g, g != code {
                    return .failure(ImportError("\(path): \(convertedHeader) is in \(code) but the currency given is \(g); drop --currency (or [client] currency)"))
                }
            case (0, nil):
                return .failure(ImportError("\(path): amounts are in \(mix); say which currency \(convertedHeader) is in with --currency or [client] currency"))
            default:
                return .failure(ImportError("\(path): \(convertedHeader) is in several currencies too (\(converted.map(\.0).joined(separator: ", "))); give [currency] rates in a mapping"))
            }
            return .success(CurrencyPlan(code: code, useConverted: true, line: "\(convertedHeader) in \(code) (the export mixes \(mix)\(from))"))
        }
        if let given, !configRates.isEmpty, seen.allSatisfy({ $0.0 == given || rate($0.0, into: given) != nil }) { return withRates(given) }
        if !rates.isEmpty {
            guard let given else { return .failure(ImportError("\(path): [currency] rates need the currency they convert to: [client] currency or --currency")) }
            return withRates(given)
        }
        var config = ""
        if !configRates.isEmpty {
            let absent = (seen.map(\.0) + (given.map { [$0] } ?? [])).filter { configRates[$0] == nil }
            config = given == nil ? "; the rates of \(configSource) need the engagement's currency: --currency"
                : "; the rates of \(configSource) have no \(Array(Set(absent)).sorted().joined(separator: ", "))"
        }
        return .failure(ImportError("\(path): the amounts are in several currencies (\(mix)\(from)) and there is no converted-amount column; name one in a --mapping ([columns] amount_converted = \"…\") or give rates ([currency] rates = { \(seen.map(\.0).dropFirst().first ?? "GBP") = 1.17 })\(config)"))
    }

    /// A rate as written (`1.17`); a quotient of the config's rates to 6 significant digits.
    static func formatRate(_ r: Double) -> String {
        if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
        let short = String(r)
        return short.count <= 8 ? short : String(format: "%.6g", r)
    }
}
