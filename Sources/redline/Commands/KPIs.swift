import ArgumentParser
import MetricsCore

/// `redline kpis`: the KPI catalog.
struct KPIs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpis",
        abstract: "List the KPI catalog: id, name, direction, window, formula, default thresholds, presets."
    )

    @Flag(help: "Print the catalog as JSON.")
    var json = false

    func run() throws {
        if json {
            Output.print(JSONOutput.array(KPICatalog.all.map { d in
                .object([
                    ("id", .string(d.id.rawValue)), ("name", .string(d.name)), ("direction", .string(d.direction.rawValue)),
                    ("window", .string(d.window)), ("formula", .string(d.formula)), ("paced", .bool(d.isPaced)),
                    ("default_thresholds", d.defaultThresholds.map { .object([("green", .optional($0.green)), ("red", .optional($0.red))]) } ?? .null),
                    ("industry_thresholds", .object(Industry.allCases.compactMap { i in
                        d.industryThresholds[i].map { (i.rawValue, .object([("green", .optional($0.green)), ("red", .optional($0.red))])) }
                    })),
                ])
            }).rendered())
            return
        }
        var out = ""
        for d in KPICatalog.all {
            let thresholds: String
            if d.isPaced { thresholds = "paced: value / (target x pace), green >= 1.0, red < 0.8" }
            else if let t = d.defaultThresholds { thresholds = "green \(d.direction == .higherIsBetter ? ">=" : "<=") \(num(t.green)), red \(d.direction == .higherIsBetter ? "<" : ">") \(num(t.red))" }
            else { thresholds = "none (no_target unless targets.kpis sets them)" }
            out += "\(d.id.rawValue)  \(d.name)  [\(d.direction == .higherIsBetter ? "higher is better" : "lower is better"), \(d.window)]\n"
            out += "    formula:    \(d.formula)\n    thresholds: \(thresholds)\n"
            let industries = Industry.allCases.compactMap { i in d.industryThresholds[i].map { "\(i.rawValue) \(num($0.green))/\(num($0.red))" } }
            if !industries.isEmpty { out += "    industries: \(industries.joined(separator: ", "))\n" }
        }
        out += "\nIndustry presets (the default dashboard):\n"
        for i in Industry.allCases {
            out += "  \(i.rawValue): \(KPICatalog.preset(for: i).map(\.rawValue).joined(separator: ", "))\n"
        }
        Output.print(out)
    }

    func num(_ v: Double?) -> String {
        guard let v else { return "-" }
        return v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
