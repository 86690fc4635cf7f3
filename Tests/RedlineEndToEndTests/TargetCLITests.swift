import Foundation
import Testing

/// `redline target set/remove`: the seeds' quarterly improvement goals, written and refused.
@Suite struct TargetCLITests {
    @Test func setShowRemove() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("cortexa-ai.json").path
        let before = try String(contentsOfFile: file, encoding: .utf8)
        let set = try CommandRunner.run(["target", "set", file, "--kpi", "pipeline_velocity", "--quarter", "2026-Q4", "--change", "0.15", "--as-of", "2026-11-23"])
        #expect(set.status == 0 && set.stdout == "Improvement target of pipeline_velocity for 2026-Q4: +15.0% against the previous quarter.\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"improvements\": {\n      \"pipeline_velocity\": {\"quarter\": \"2026-Q4\", \"change\": 0.15}\n    }"))
        // On the dashboard: POV-to-pipeline, 83.3% at the end of Q3 (baseline), goal 83.3% × 1.1 = 91.7%; 50.0% now is red.
        // A percent, as the cockpit's form takes it, is written as the fraction.
        #expect(try CommandRunner.run(["target", "set", file, "--kpi", "pov_to_pipeline", "--quarter", "2026-Q4", "--change", "10%", "--as-of", "2026-11-23"]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"pov_to_pipeline\": {\"quarter\": \"2026-Q4\", \"change\": 0.1}"))
        let lower = try CommandRunner.run(["target", "set", file, "--kpi", "cac_payback_months", "--quarter", "2026-Q4", "--change", "-22%", "--as-of", "2026-11-23"])
        #expect(lower.stdout == "Improvement target of cac_payback_months for 2026-Q4: -22.0% against the previous quarter.\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"cac_payback_months\": {\"quarter\": \"2026-Q4\", \"change\": -0.22}"))
        let report = try CommandRunner.run(["report", file, "--as-of", "2026-11-23"])
        #expect(report.stdout.contains("  POV-to-pipeline conversion    50.0%  +10% on 2026-Q4: goal 91.7%, baseline 83.3%  ■ red "), "\(report.stdout)")
        let bad: [([String], String)] = [
            (["--kpi", "cac_payback_months", "--quarter", "2026-Q4", "--change", "0.1"],
             "redline: error: a change of 0.1 does not improve cac_payback_months: lower is better, so the change must be negative (see --help)\n"),
            (["--kpi", "win_rate", "--quarter", "2026-4", "--change", "0.1"],
             "redline: error: \"2026-4\" is not a fiscal quarter; expected YYYY-Qn, e.g. 2026-Q4 (see --help)\n"),
            (["--kpi", "win_rate", "--quarter", "2026-Q4", "--change=-1.5"],
             "redline: error: The value '-1.5' is invalid for '--change <N%|fraction>': a plain number is a fraction, so -1.5 would be -150%; write --change -0.015 or --change -1.5% (see --help)\n"),
            (["--kpi", "cac_payback_months", "--quarter", "2026-Q4", "--change", "-150%"],
             "redline: error: a change of -1.5 is not a fraction above -1 (0.15 means +15%) (see --help)\n"),
            // A plain 15 was +1,500% while the cockpit's form reads it as +15%.
            (["--kpi", "win_rate", "--quarter", "2027-Q4", "--change", "15"],
             "redline: error: The value '15' is invalid for '--change <N%|fraction>': a plain number is a fraction, so 15 would be +1,500%; write --change 0.15 or --change 15% (see --help)\n"),
            (["--kpi", "win_rate", "--quarter", "2027-Q4", "--change", "fifteen"],
             "redline: error: The value 'fifteen' is invalid for '--change <N%|fraction>': expected a percent such as 15% or -10%, or a fraction such as 0.15 (see --help)\n"),
            (["--kpi", "win_rate", "--quarter", "2027-Q4", "--change", "1e1%"],
             "redline: error: The value '1e1%' is invalid for '--change <N%|fraction>': expected a percent such as 15% or -10%, or a fraction such as 0.15 (see --help)\n"),
            (["--kpi", "mrr", "--quarter", "2026-Q4", "--change", "0.1"], "redline: error: The value 'mrr' is invalid for '--kpi <kpi-id>': no KPI has this id; did you mean nrr, grr or arr? redline kpis lists every id (see --help)\n"),
        ]
        for (args, message) in bad {
            let r = try CommandRunner.run(["target", "set", file] + args)
            #expect(r.status == 2 && r.stderr == message, "\(args): \(r.stderr)")
        }
        #expect(try CommandRunner.run(["target", "remove", file, "--kpi", "pipeline_velocity"]).stdout == "Removed the improvement target of pipeline_velocity.\n")
        #expect(try CommandRunner.run(["target", "remove", file, "--kpi", "pipeline_velocity"]).stdout == "pipeline_velocity has no improvement target; nothing changed.\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8).count > before.count)
    }

    /// A goal for a quarter already over judges nothing: refused, read in the client's fiscal year.
    @Test func aQuarterThatHasEndedIsRefused() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("cortexa-ai.json").path
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let past = try CommandRunner.run(["target", "set", file, "--kpi", "win_rate", "--quarter", "2026-Q3", "--change", "10%", "--as-of", "2026-11-23"])
        #expect(past.status == 1)
        #expect(past.stderr == "redline: error: 2026-Q3 ended on 2026-09-30 in Cortexa AI's fiscal year, before the review date 2026-11-23: a target is for the quarter running or one to come\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        // The next quarter is taken.
        #expect(try CommandRunner.run(["target", "set", file, "--kpi", "win_rate", "--quarter", "2027-Q1", "--change", "10%", "--as-of", "2026-11-23"]).status == 0)
    }
}
