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
    static func decide(given: String?, rates: [String: Double], seen: [(String, Int)], converted: [(String, Int)],
                       amountHeader: String, convertedHeader: String?, currencyHeader: String?, path: String) -> Result<CurrencyPlan, ImportError> {
        let mix = seen.map { "\($0.0) \(decimals(Double($0.1), 0))" }.joined(separator: ", ")
        let from = currencyHeader.map { " (\($0))" } ?? ""
        func withRates(_ code: String) -> Result<CurrencyPlan, ImportError> {
            let missing = seen.map(\.0).filter { $0 != code && rates[$0] == nil }
            guard missing.isEmpty else {
                return .failure(ImportError("\(path): no rate for \(missing.joined(separator: ", ")) in the mapping's [currency] rates (amounts are in \(mix))"))
            }
            let used = seen.map(\.0).filter { $0 != code }.map { "1 \($0) = \(formatRate(rates[$0]!)) \(code)" }
            return .success(CurrencyPlan(code: code, rates: rates, line: "\(amountHeader) in \(mix), converted to \(code) with the mapping's rates (\(used.joined(separator: ", ")))"))
        }
        if seen.count <= 1 {
            let fileCode = seen.first?.0
            guard let given, let fileCode, given != fileCode else {
                let code = given ?? fileCode ?? "USD"
                let why = fileCode != nil ? from : (given != nil ? " (as given)" : " (the export names no currency: USD assumed; --currency sets it)")
                return .success(CurrencyPlan(code: code, line: "\(amountHeader) in \(code)\(why)"))
            }
            if rates[fileCode] != nil { return withRates(given) }
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
        if !rates.isEmpty {
            guard let given else { return .failure(ImportError("\(path): [currency] rates need the currency they convert to: [client] currency or --currency")) }
            return withRates(given)
        }
        return .failure(ImportError("\(path): the amounts are in several currencies (\(mix)\(from)) and there is no converted-amount column; name one in a --mapping ([columns] amount_converted = \"…\") or give rates ([currency] rates = { \(seen.map(\.0).dropFirst().first ?? "GBP") = 1.17 })"))
    }

    static func formatRate(_ r: Double) -> String { r == r.rounded() ? String(Int(r)) : String(r) }
}
