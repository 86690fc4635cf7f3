import Testing
@testable import Importer

/// The user's config's rates (`[rates]` of config.toml, each currency's value in one common unit)
/// convert what the mapping's own rates (into the engagement's currency) do not.
@Suite struct ConfigRatesTests {
    // USD = 1, EUR = 1.08, GBP = 1.27: one GBP is 1.27 / 1.08 = 1.175925… EUR.
    let config = ["USD": 1.0, "EUR": 1.08, "GBP": 1.27]

    func decide(given: String?, rates: [String: Double] = [:], config: [String: Double], seen: [(String, Int)]) -> Result<CurrencyPlan, ImportError> {
        CurrencyPlan.decide(given: given, rates: rates, configRates: config, configSource: "cfg.toml:4", seen: seen, converted: [],
                            amountHeader: "Amount", convertedHeader: nil, currencyHeader: "Currency", path: "x.csv")
    }

    @Test func aMixedExportIsConvertedWithTheConfigsQuotients() throws {
        let plan = try decide(given: "EUR", config: config, seen: [("EUR", 28), ("GBP", 12)]).get()
        #expect(abs(plan.rates["GBP"]! - 1.27 / 1.08) < 1e-12)
        #expect(plan.line == "Amount in EUR 28, GBP 12, converted to EUR with the rates of cfg.toml:4 (1 GBP = 1.17593 EUR)")
    }

    /// The mapping's rate wins for its currency; the config fills the rest.
    @Test func theMappingsRatesWin() throws {
        let plan = try decide(given: "USD", rates: ["GBP": 1.3], config: config, seen: [("USD", 5), ("GBP", 3), ("EUR", 2)]).get()
        #expect(plan.rates["GBP"] == 1.3 && plan.rates["EUR"] == 1.08)
        #expect(plan.line == "Amount in USD 5, GBP 3, EUR 2, converted to USD with the mapping's rates and those of cfg.toml:4 (1 GBP = 1.3 USD, 1 EUR = 1.08 USD)")
    }

    /// A single-currency export in another currency than the one given is converted too.
    @Test func aWholeExportInAnotherCurrency() throws {
        let plan = try decide(given: "USD", config: config, seen: [("GBP", 40)]).get()
        #expect(plan.code == "USD" && plan.rates["GBP"] == 1.27)
    }

    /// What the config lacks is named.
    @Test func missingRatesAreNamed() {
        #expect(throws: ImportError("x.csv: the amounts are in several currencies (EUR 28, CHF 12 (Currency)) and there is no converted-amount column; name one in a --mapping ([columns] amount_converted = \"…\") or give rates ([currency] rates = { CHF = 1.17 }); the rates of cfg.toml:4 have no CHF")) {
            try decide(given: "EUR", config: config, seen: [("EUR", 28), ("CHF", 12)]).get()
        }
        #expect(throws: ImportError("x.csv: no rate for CHF in the mapping's [currency] rates or in the rates of cfg.toml:4 (they need both CHF and EUR) (amounts are in EUR 28, CHF 12)")) {
            try decide(given: "EUR", rates: ["GBP": 1.2], config: config, seen: [("EUR", 28), ("CHF", 12)]).get()
        }
        // Without the config, as before.
        #expect(throws: ImportError("x.csv: no rate for CHF in the mapping's [currency] rates (amounts are in EUR 28, CHF 12)")) {
            try decide(given: "EUR", rates: ["GBP": 1.2], config: [:], seen: [("EUR", 28), ("CHF", 12)]).get()
        }
    }
}
