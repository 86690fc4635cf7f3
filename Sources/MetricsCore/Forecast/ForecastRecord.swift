/// Recording a forecast (kpis.md, "The rolling forecast"): for each of M0, M1, M2,
/// `{"month", "amount": forecast, "made_on": t}` in `forecasts`, replacing an entry with the same
/// `month` and `made_on`, so recording twice on a day keeps one entry per month. These are what
/// `forecast_accuracy` later measures. Never implicit: only `redline forecast --record` and the
/// cockpit's record key call this.
public enum ForecastRecord {
    /// The edits that record `forecast` into the engagement file as it is now.
    public static func edits(_ forecast: RollingForecast, in e: Engagement, document: JSONDocument) -> [JSONEdit] {
        var edits: [JSONEdit] = []
        var added: [String] = []
        for m in forecast.months {
            let amount = jsonNumber((m.forecast * 100).rounded() / 100)
            if let i = e.forecasts.firstIndex(where: { $0.month == m.month && $0.madeOn == forecast.asOf }) {
                // Already recorded today with this amount: nothing to write.
                if jsonNumber(e.forecasts[i].amount) != amount { edits.append(.replace(["forecasts", .index(i), "amount"], json: amount)) }
            } else {
                added.append("{\"month\": \"\(m.month)\", \"amount\": \(amount), \"made_on\": \"\(forecast.asOf)\"}")
            }
        }
        guard !added.isEmpty else { return edits }
        if document.node(at: ["forecasts"]) == nil {
            edits.append(.insert([], key: "forecasts", json: "[\n" + added.map { "  " + $0 }.joined(separator: ",\n") + "\n]"))
        } else {
            edits += added.map { .append(["forecasts"], json: $0) }
        }
        return edits
    }
}
