import MetricsCore

/// Small engagement files written for the tests; every KPI value of `kpiBasic` is worked out by
/// hand in docs/kpi-fixture.md, so a reviewer can recompute each number.
enum Fixtures {
    /// Review date of `kpiBasic`: Monday 2026-11-23, fiscal Q4 2026 (Oct 1 – Dec 31), pace 54/92.
    static let asOf = Day("2026-11-23")!

    static let kpiBasic = #"""
    {
      "format": "redline.engagement/1",
      "client": {"id": "fixture", "name": "Fixture Co", "industry": "saas", "gross_margin": 0.8},
      "engagement": {"cro": "Jordan", "monthly_fee": 5000},
      "stages": [
        {"id": "lead", "name": "Lead", "probability": 0.2},
        {"id": "proposal", "name": "Proposal", "probability": 0.5},
        {"id": "negotiation", "name": "Negotiation", "probability": 0.8},
        {"id": "won", "name": "Won", "outcome": "won"},
        {"id": "lost", "name": "Lost", "outcome": "lost"}
      ],
      "targets": {
        "bookings": {"2026-Q4": 200000, "2027-Q1": 50000},
        "net_new_arr": {"2026-Q4": 100000}
      },
      "reps": [
        {"id": "sam", "name": "Sam", "start": "2025-01-01", "quota": {"2026-Q4": 60000}},
        {"id": "ana", "name": "Ana", "start": "2025-01-01", "quota": {"2026-Q4": 50000}},
        {"id": "lee", "name": "Lee", "start": "2026-12-01", "quota": {"2026-Q4": 10000}},
        {"id": "old", "name": "Old", "start": "2024-01-01", "end": "2026-06-30", "quota": {"2026-Q4": 10000}}
      ],
      "accounts": [
        {"id": "a1", "name": "A1", "revenue": {"2025-10": 1000, "2026-10": 1200}},
        {"id": "a2", "name": "A2", "revenue": {"2025-10": 2000, "2026-10": 1500}},
        {"id": "a3", "name": "A3", "revenue": {"2025-10": 500}},
        {"id": "a4", "name": "A4", "revenue": {"2026-10": 800}}
      ],
      "deals": [
        {"id": "D-1", "name": "One", "owner": "sam", "amount": 40000, "type": "new_logo", "segment": "smb", "source": "inbound",
         "created": "2026-09-01", "first_meeting": "2026-09-05", "expected_close": "2026-10-15",
         "stage_history": [{"stage": "lead", "on": "2026-09-01"}, {"stage": "proposal", "on": "2026-09-20"}, {"stage": "won", "on": "2026-10-15"}],
         "founder_in_final_meeting": false, "delivery_cost": 20000},
        {"id": "D-2", "name": "Two", "owner": "ana", "amount": 60000, "term_months": 24, "type": "expansion", "segment": "enterprise",
         "created": "2026-07-01", "expected_close": "2026-09-10",
         "stage_history": [{"stage": "lead", "on": "2026-07-01"}, {"stage": "proposal", "on": "2026-07-20"}, {"stage": "won", "on": "2026-09-10"}],
         "founder_in_final_meeting": true, "delivery_cost": 42000,
         "pov": {"started": "2026-07-10", "ended": "2026-08-01", "outcome": "converted"}},
        {"id": "D-3", "name": "Three", "owner": "sam", "amount": 30000, "source": "inbound",
         "created": "2026-08-01", "expected_close": "2026-10-20",
         "stage_history": [{"stage": "lead", "on": "2026-08-01"}, {"stage": "proposal", "on": "2026-08-15"}, {"stage": "lost", "on": "2026-10-01"}],
         "lost_reason": "price", "pov": {"started": "2026-08-20", "ended": "2026-09-25", "outcome": "failed"}},
        {"id": "D-4", "name": "Four", "owner": "sam", "amount": 50000, "type": "new_logo",
         "created": "2026-05-01", "expected_close": "2026-08-20",
         "stage_history": [{"stage": "lead", "on": "2026-05-01"}, {"stage": "won", "on": "2026-08-20"}],
         "churn": {"on": "2026-10-10", "amount": 10000}},
        {"id": "D-5", "name": "Five", "owner": "ana", "amount": 100000, "source": "outbound",
         "created": "2026-09-15", "expected_close": "2026-12-15",
         "close_date_changes": [{"on": "2026-11-10", "from": "2026-11-30", "to": "2026-12-15"}],
         "stage_history": [{"stage": "lead", "on": "2026-09-15"}, {"stage": "proposal", "on": "2026-10-01"}],
         "last_activity": "2026-11-20", "delivery_cost": 70000},
        {"id": "D-6", "name": "Six", "owner": "ana", "amount": 20000,
         "created": "2026-11-01", "expected_close": "2027-01-20",
         "stage_history": [{"stage": "lead", "on": "2026-11-01"}], "last_activity": "2026-11-02"},
        {"id": "D-7", "name": "Seven", "owner": "sam", "amount": 80000,
         "created": "2026-08-10", "expected_close": "2026-11-10",
         "stage_history": [{"stage": "lead", "on": "2026-08-10"}, {"stage": "negotiation", "on": "2026-09-01"}],
         "last_activity": "2026-11-15", "pov": {"started": "2026-08-15", "ended": "2026-09-20", "outcome": "converted"}},
        {"id": "D-8", "name": "Eight", "owner": "sam", "amount": 10000,
         "created": "2026-08-20", "expected_close": "2026-12-01",
         "stage_history": [{"stage": "lead", "on": "2026-08-20"}, {"stage": "proposal", "on": "2026-09-01"}],
         "stall_ack": {"until": "2026-11-30", "note": "waiting for budget"}},
        {"id": "D-9", "name": "Nine", "owner": "ana", "amount": 24000, "type": "renewal", "source": "inbound",
         "created": "2026-10-01", "expected_close": "2026-11-02",
         "stage_history": [{"stage": "lead", "on": "2026-10-01"}, {"stage": "won", "on": "2026-11-02"}],
         "founder_in_final_meeting": null},
        {"id": "D-10", "name": "Ten", "owner": "sam", "amount": 30000, "source": "outbound",
         "created": "2026-10-05", "expected_close": "2027-01-15",
         "close_date_changes": [{"on": "2026-11-20", "from": "2026-12-20", "to": "2027-01-15"}],
         "stage_history": [{"stage": "lead", "on": "2026-10-05"}, {"stage": "proposal", "on": "2026-10-30"}],
         "last_activity": "2026-11-21"}
      ],
      "spend": {"2026-04": 10000, "2026-05": 10000, "2026-06": 10000, "2026-08": 20000, "2026-09": 20000, "2026-10": 20000},
      "forecasts": [
        {"month": "2026-10", "amount": 70000, "made_on": "2026-09-28"},
        {"month": "2026-10", "amount": 60000, "made_on": "2026-10-05"},
        {"month": "2026-11", "amount": 50000, "made_on": "2026-10-30"}
      ],
      "funnel": {
        "2026-08": {"inbound_leads": 10, "qualified_meetings": 10, "pqls": 100, "pql_converted": 10},
        "2026-09": {"inbound_leads": 10, "qualified_meetings": 20, "pqls": 50, "pql_converted": 5},
        "2026-10": {"inbound_leads": 10, "qualified_meetings": 30, "pqls": 50, "pql_converted": 15}
      },
      "actions": [
        {"week": "2026-W47", "status": "done", "text": "Cleaned close dates", "kpi": "forecast_accuracy"},
        {"week": "2026-W47", "status": "dropped", "text": "Hire an SDR"},
        {"week": "2026-W48", "status": "planned", "text": "Review D-7 with the CEO", "kpi": "sales_cycle_days"}
      ],
      "autopsies": [
        {"deal": "D-3", "written_on": "2026-10-05", "kpis": ["win_rate"], "root_cause": "No budget owner",
         "systemic_change": "Qualify budget at discovery", "owner": "Sam", "due": "2026-12-01", "status": "open"},
        {"deal": "D-7", "written_on": "2026-11-25", "kpis": ["sales_cycle_days"], "root_cause": "Legal stuck", "status": "open"}
      ]
    }
    """#

    /// Loads JSON text as an engagement file named `name`; the test fails on any error.
    static func load(_ text: String, name: String = "fixture.json") -> LoadedFile {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { EngagementLoader.load(bytes: $0, file: name) }
    }

    static func engagement(_ text: String) -> Engagement {
        let file = load(text)
        guard let e = file.engagement else { fatalError("fixture rejected: \(file.problems)") }
        return e
    }

    static func review(_ text: String = kpiBasic, asOf: Day = asOf) -> EngagementReview {
        EngagementReview(index: EngagementIndex(engagement(text)), asOf: asOf)
    }
}
