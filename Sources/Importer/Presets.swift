import MetricsCore

/// Built-in mappings for the standard HubSpot deals export and Salesforce opportunity report.
///
/// Headers are matched by name, case-insensitively, against every name each CRM is known to
/// use for the field (the view's label or the internal property name); the first present wins.
public enum ImportPreset: String, Sendable, CaseIterable {
    case hubspot, salesforce

    /// Candidate headers per field.
    var columns: [String: [String]] {
        switch self {
        case .hubspot:
            return [
                "id": ["Record ID", "Deal ID", "hs_object_id", "dealId"],
                "name": ["Deal Name", "dealname"],
                "stage": ["Deal Stage", "dealstage"],
                "amount": ["Amount", "amount", "Amount in company currency", "amount_in_home_currency"],
                "created": ["Create Date", "createdate"],
                "close_date": ["Close Date", "closedate"],
                "owner": ["Deal owner", "Deal Owner", "hubspot_owner_id"],
                "account": ["Associated Company (Primary)", "Associated Company", "Company name"],
                "type": ["Deal Type", "dealtype"],
                "source": ["Original Source Type", "hs_analytics_source"],
                "next_step": ["Next step", "hs_next_step"],
                "lost_reason": ["Closed Lost Reason", "closed_lost_reason"],
            ]
        case .salesforce:
            return [
                "id": ["Opportunity ID", "Opportunity Id", "Id"],
                "name": ["Opportunity Name", "Name"],
                "stage": ["Stage", "StageName"],
                "amount": ["Amount", "Amount (converted)"],
                "probability": ["Probability (%)", "Probability"],
                "created": ["Created Date", "CreatedDate"],
                "close_date": ["Close Date", "CloseDate"],
                "owner": ["Opportunity Owner", "Owner Name", "Owner"],
                "account": ["Account Name", "Account"],
                "type": ["Type"],
                "source": ["Lead Source", "LeadSource"],
                "next_step": ["Next Step", "NextStep"],
            ]
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
        }
    }

    /// A mapping for this CRM resolved against a file's header.
    public func mapping(header: [String], clientID: String, clientName: String, industry: String, currency: String) -> ImportMapping {
        var m = ImportMapping(clientID: clientID, clientName: clientName, industry: industry, currency: currency)
        for (field, candidates) in columns {
            if let found = candidates.first(where: { c in header.contains { $0.caseInsensitiveCompare(c) == .orderedSame } }) {
                m.columns[field] = found
            }
        }
        m.stages = stages
        return m
    }
}
