import MetricsCore

/// Built-in mappings for the HubSpot deals export and the Salesforce opportunity report or
/// object export (report labels and API field names alike), and a generic one that only guesses
/// (`--from csv --write-mapping`).
///
/// Headers are matched by name, case-insensitively, against every name each CRM is known to
/// use for the field (the view's label or the internal property name); the first present wins.
public enum ImportPreset: String, Sendable, CaseIterable {
    case hubspot, salesforce, csv

    /// Candidate headers per field.
    var columns: [Field: [String]] {
        switch self {
        case .hubspot:
            return [
                .id: ["Record ID", "Deal ID", "hs_object_id", "dealId"],
                .name: ["Deal Name", "dealname"],
                .stage: ["Deal Stage", "dealstage"],
                .amount: ["Amount", "amount"],
                .amountConverted: ["Amount in company currency", "amount_in_home_currency"],
                .currency: ["Currency", "deal_currency_code"],
                .probability: ["Deal probability", "hs_deal_stage_probability"],
                .created: ["Create Date", "createdate"],
                .closeDate: ["Close Date", "closedate"],
                .lastActivity: ["Last Activity Date", "notes_last_updated"],
                .owner: ["Deal owner", "Deal Owner", "hubspot_owner_id"],
                .account: ["Associated Company (Primary)", "Associated Company", "Company name"],
                .type: ["Deal Type", "dealtype"],
                .source: ["Original Source Type", "hs_analytics_source"],
                .nextStep: ["Next step", "hs_next_step"],
                .lostReason: ["Closed Lost Reason", "closed_lost_reason"],
                .isWon: ["Is Closed Won", "hs_is_closed_won"],
                .isClosed: ["Is Deal Closed?", "hs_is_closed"],
            ]
        case .salesforce:
            return [
                .id: ["Opportunity ID", "Opportunity Id", "Id"],
                .name: ["Opportunity Name", "Name"],
                .stage: ["Stage", "StageName"],
                .amount: ["Amount"],
                .amountConverted: ["Amount (converted)"],
                // Report exports write each money column's currency in a column of its own.
                .currency: ["Amount Currency", "Opportunity Currency", "CurrencyIsoCode"],
                .convertedCurrency: ["Amount (converted) Currency"],
                .probability: ["Probability (%)", "Probability"],
                .created: ["Created Date", "CreatedDate"],
                .closeDate: ["Close Date", "CloseDate"],
                .lastActivity: ["Last Activity", "LastActivityDate"],
                .owner: ["Opportunity Owner", "Owner Name", "Owner", "Owner.Name", "OwnerId"],
                .account: ["Account Name", "Account", "Account.Name", "AccountId"],
                .type: ["Type"],
                .source: ["Lead Source", "LeadSource"],
                .nextStep: ["Next Step", "NextStep"],
                .isWon: ["Won", "IsWon"],
                .isClosed: ["Closed", "IsClosed"],
                .forecastCategory: ["Forecast Category", "ForecastCategoryName", "ForecastCategory"],
            ]
        case .csv:
            var guesses: [Field: [String]] = [
                .id: ["id", "deal id", "opportunity id", "opportunity_id", "deal_id"],
                .name: ["name", "deal name", "deal", "opportunity", "title"],
                .stage: ["stage", "deal stage", "deal_stage", "status", "pipeline stage"],
                .amount: ["amount", "value", "deal value", "close_value", "deal_value"],
                .created: ["created", "created date", "create date", "created_at", "created_date"],
                .engaged: ["engaged", "engage_date", "engaged date"],
                .closeDate: ["close date", "close_date", "closed date", "close", "expected close"],
                .owner: ["owner", "sales_agent", "sales agent", "rep", "deal owner"],
                .account: ["account", "company", "account name", "customer"],
                .product: ["product"],
                .probability: ["probability", "win probability"],
                .type: ["type", "deal type"],
                .source: ["source", "lead source"],
            ]
            // Pipedrive's deals export ("Deal - Title"…): its status (won, lost, open) is the
            // deal's outcome, read by both flags; its stage is where the deal stood.
            let pipedrive: [Field: [String]] = [
                .id: ["Deal - ID"], .name: ["Deal - Title"], .stage: ["Deal - Stage"], .amount: ["Deal - Value"],
                .currency: ["Deal - Currency"], .created: ["Deal - Deal created"], .closeDate: ["Deal - Expected close date"],
                .owner: ["Deal - Owner"], .account: ["Deal - Organization", "Organization - Name"], .probability: ["Deal - Probability"],
                .lostReason: ["Deal - Lost reason"], .lastActivity: ["Deal - Last activity date"],
                .isWon: ["Deal - Status"], .isClosed: ["Deal - Status"],
            ]
            for (field, names) in pipedrive { guesses[field, default: []] += names }
            // The two CRMs' names as further guesses.
            for preset in [ImportPreset.hubspot, .salesforce] {
                for (field, names) in preset.columns { guesses[field, default: []] += names }
            }
            return guesses
        }
    }

    /// The CRM's default pipeline: labels and internal names of each stage.
    var stages: [ImportMapping.StageSpec] {
        func s(_ id: String, _ name: String, _ p: Double?, _ outcome: Stage.Outcome? = nil, _ labels: [String]) -> ImportMapping.StageSpec {
            ImportMapping.StageSpec(id: id, name: name, probability: p, outcome: outcome, labels: labels)
        }
        switch self {
        case .hubspot:
            return [
                s("appointmentscheduled", "Appointment Scheduled", 0.2, nil, ["Appointment Scheduled", "appointmentscheduled"]),
                s("qualifiedtobuy", "Qualified To Buy", 0.4, nil, ["Qualified To Buy", "qualifiedtobuy"]),
                s("presentationscheduled", "Presentation Scheduled", 0.6, nil, ["Presentation Scheduled", "presentationscheduled"]),
                s("decisionmakerboughtin", "Decision Maker Bought-In", 0.8, nil, ["Decision Maker Bought-In", "decisionmakerboughtin"]),
                s("contractsent", "Contract Sent", 0.9, nil, ["Contract Sent", "contractsent"]),
                s("closedwon", "Closed Won", nil, .won, ["Closed Won", "closedwon"]),
                s("closedlost", "Closed Lost", nil, .lost, ["Closed Lost", "closedlost"]),
            ]
        case .salesforce:
            return [
                s("prospecting", "Prospecting", 0.1, nil, ["Prospecting"]),
                s("qualification", "Qualification", 0.1, nil, ["Qualification"]),
                s("needs-analysis", "Needs Analysis", 0.2, nil, ["Needs Analysis"]),
                s("value-proposition", "Value Proposition", 0.5, nil, ["Value Proposition"]),
                s("decision-makers", "Id. Decision Makers", 0.6, nil, ["Id. Decision Makers"]),
                s("perception-analysis", "Perception Analysis", 0.7, nil, ["Perception Analysis"]),
                s("proposal", "Proposal/Price Quote", 0.75, nil, ["Proposal/Price Quote"]),
                s("negotiation", "Negotiation/Review", 0.9, nil, ["Negotiation/Review"]),
                s("closed-won", "Closed Won", nil, .won, ["Closed Won"]),
                s("closed-lost", "Closed Lost", nil, .lost, ["Closed Lost"]),
            ]
        case .csv:
            return []
        }
    }

    /// A mapping for this CRM resolved against a file's header.
    public func mapping(header: [String], clientID: String, clientName: String, industry: String, currency: String? = nil) -> ImportMapping {
        var m = ImportMapping(clientID: clientID, clientName: clientName, industry: industry, currency: currency)
        let candidates = columns
        var used = Set<String>()
        // Fields in a fixed order, and a header read as one field only (but a status column,
        // won/lost/open, is both flags).
        for field in Field.allCases {
            let status = field == .isClosed ? m.columns[Field.isWon.name] : nil
            let found = candidates[field]?.lazy.compactMap { c in header.first { $0.caseInsensitiveCompare(c) == .orderedSame } }
                .first { !used.contains($0.lowercased()) || $0 == status }
            if let found {
                m.columns[field.name] = found
                used.insert(found.lowercased())
            }
        }
        m.preset = self
        return m
    }
}
