/// The sign written before an amount: `$`, `€`, `£`, else the ISO code and a space.
public func currencySymbol(_ code: String) -> String {
    switch code {
    case "USD": return "$"
    case "EUR": return "€"
    case "GBP": return "£"
    default: return code + " "
    }
}

extension KPIDefinition {
    /// The KPI's name for an engagement that counts in `currency`. The catalog (kpis.md) writes
    /// money units in dollars, "Pipeline velocity ($/day)"; a euro client reads "(€/day)", so no
    /// label names a currency the engagement does not use.
    public func name(in currency: String) -> String {
        guard currency != "USD", name.contains("$") else { return name }
        return name.replacingOccurrences(of: "$", with: currencySymbol(currency).trimmingCharacters(in: .whitespaces))
    }
}
