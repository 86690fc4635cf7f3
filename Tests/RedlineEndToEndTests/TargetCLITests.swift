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
            // Answered in the unit typed: a percent is named as a percent.
            (["--kpi", "cac_payback_months", "--quarter", "2026-Q4", "--change", "-150%"],
             "redline: error: a change of -150% is not above -100% (-100% would make the goal zero) (see --help)\n"),
            (["--kpi", "win_rate", "--quarter", "2026-Q4", "--change", "-15%"],
             "redline: error: a change of -15% does not improve win_rate: higher is better, so the change must be positive (see --help)\n"),
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

    /// A win rate has no goal above 100%. TalentLoop's fiscal year starts in February, so
    /// 2027-Q4 is running on 2026-11-23 and its baseline is known: win rate on 2026-10-31, 31.0%;
    /// +1,500% would be 496.6%. Refused (exit 2, the file untouched), with the most it allows.
    /// For a quarter not begun the baseline is not known yet: taken, with a note from the value so far.
    @Test func aGoalNoQuarterCanMeetIsRefused() throws {
        let dir = try CommandRunner.temporaryFolder()
        #expect(try CommandRunner.run(["demo", "--write", dir.path, "--as-of", "2026-11-23"]).status == 0)
        let file = dir.appendingPathComponent("talentloop.json").path
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let r = try CommandRunner.run(["target", "set", file, "--kpi", "win_rate", "--quarter", "2027-Q4", "--change", "1500%", "--as-of", "2026-11-23"])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "redline: error: a change of +1,500% on win_rate's baseline (31.0% on 2026-10-31) makes a goal of 496.6%, and win_rate cannot be above 100%: at most +222.2% from this baseline\n")
        // A fraction is answered as a fraction: logo retention was 87.5%, so +0.5 is 131.3%.
        let fraction = try CommandRunner.run(["target", "set", file, "--kpi", "logo_retention", "--quarter", "2027-Q4", "--change", "0.5", "--as-of", "2026-11-23"])
        #expect(fraction.status == 2)
        #expect(fraction.stderr == "redline: error: a change of 0.5 on logo_retention's baseline (87.5% on 2026-10-31) makes a goal of 131.3%, and logo_retention cannot be above 100%: at most 0.142 from this baseline\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        // What the baseline allows is taken; NRR, which grows past 100%, has no top.
        #expect(try CommandRunner.run(["target", "set", file, "--kpi", "win_rate", "--quarter", "2027-Q4", "--change", "222.2%", "--as-of", "2026-11-23"]).status == 0)
        #expect(try CommandRunner.run(["target", "set", file, "--kpi", "nrr", "--quarter", "2027-Q4", "--change", "1500%", "--as-of", "2026-11-23"]).status == 0)
        let next = try CommandRunner.run(["target", "set", file, "--kpi", "win_rate", "--quarter", "2028-Q1", "--change", "1500%", "--as-of", "2026-11-23"])
        #expect(next.status == 0)
        #expect(next.stdout == "Improvement target of win_rate for 2028-Q1: +1,500.0% against the previous quarter.\n"
                + "Note: the baseline is win_rate on 2027-01-31, not known yet; from its 29.7% on 2026-11-23 this goal would be 475.7%, and win_rate cannot be above 100%.\n")
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
