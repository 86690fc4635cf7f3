import MetricsCore

/// Deal types as CRMs write them, read as the format's `new_logo`, `expansion` or `renewal`.
enum DealTypes {
    /// The CRMs' default values (HubSpot `newbusiness`/`existingbusiness`; Salesforce's
    /// `New Customer`, `Existing Customer - Upgrade/Replacement/Downgrade`, and the
    /// `New Business`/`Existing Business`/`Renewal` many orgs use), lowercased.
    static let builtIn: [String: Deal.Kind] = [
        "new_logo": .newLogo, "new logo": .newLogo, "new business": .newLogo, "newbusiness": .newLogo,
        "new customer": .newLogo, "new": .newLogo,
        "expansion": .expansion, "existing business": .expansion, "existingbusiness": .expansion,
        "existing customer - upgrade": .expansion, "upgrade": .expansion, "upsell": .expansion, "up-sell": .expansion,
        "cross-sell": .expansion, "cross sell": .expansion, "add-on": .expansion,
        // A replacement or a downgrade re-contracts revenue the customer already pays: no new ARR.
        "renewal": .renewal, "existing customer - renewal": .renewal,
        "existing customer - replacement": .renewal, "existing customer - downgrade": .renewal,
    ]

    /// The type for a value, the mapping's `[types]` first; `nil` when unmapped.
    static func kind(of value: String, mapping: [String: Deal.Kind]) -> Deal.Kind? {
        let key = value.lowercased()
        return mapping[key] ?? builtIn[key]
    }
}
