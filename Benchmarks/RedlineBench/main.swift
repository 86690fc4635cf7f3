// Release-mode benchmark of the metrics core: load speed and full recompute time on a
// deterministic synthetic engagement. Not a test: figures go to docs/benchmarks.md.
//
//   swift run -c release RedlineBench 100000        (one size per process, so peak RSS is per size)
import Foundation
import MetricsCore

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func medianOf(_ runs: Int, _ body: () -> Void) -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        body()
        times.append(now() - start)
    }
    return median(times)!
}

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
}

let deals = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let runs = deals >= 1_000_000 ? 3 : deals >= 100_000 ? 7 : 15
let anchor = Day("2026-11-23")!

let path = FileManager.default.temporaryDirectory.appendingPathComponent("redline-bench-\(deals).json").path
let bytes: [UInt8]
if let existing = FileManager.default.contents(atPath: path), CommandLine.arguments.count > 2 {
    bytes = Array(existing) // profiling runs reuse the file so the profile shows only the phase
} else {
    bytes = EngagementWriter.write(DemoPortfolio.synthetic(deals: deals, anchor: anchor))
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
}
let megabytes = Double(bytes.count) / 1_000_000

// `RedlineBench N scan`: the scan on two threads and on one, alternating, 15 runs each.
if CommandLine.arguments.dropFirst(2).first == "scan" {
    var two: [Double] = [], one: [Double] = []
    for _ in 0..<15 {
        two.append(medianOf(1) { bytes.withUnsafeBufferPointer { b in _ = try! JSONTape(scanning: b) } })
        one.append(medianOf(1) { bytes.withUnsafeBufferPointer { b in _ = try! JSONTape(scanning: b, splittingAt: nil) } })
    }
    print("scan, two threads: \(ms(median(two)!)) (\(ms(two.min()!))-\(ms(two.max()!))); one thread: \(ms(median(one)!)) (\(ms(one.min()!))-\(ms(one.max()!)))")
    exit(0)
}

// `RedlineBench N load`, `… review` or `… save` repeats one phase, for a profiler.
if let phase = CommandLine.arguments.dropFirst(2).first {
    let e = EngagementLoader.load(path: path, keepingForSaves: phase == "save").engagement!
    let ix = EngagementIndex(e)
    for run in 0..<10 {
        switch phase {
        case "load": _ = EngagementLoader.load(path: path)
        case "save":
            let start = now()
            _ = try! EngagementFile.saveLoading(.addAction(week: anchor.isoWeek, text: "profile \(run)", kpi: nil, owner: nil), to: path)
            FileHandle.standardError.write(Data("save \(run): \(String(format: "%.1f", (now() - start) * 1000)) ms\n".utf8))
        default: _ = EngagementReview(index: ix, asOf: anchor)
        }
    }
    exit(0)
}
defer { try? FileManager.default.removeItem(atPath: path) }

// Scan only: the tape of the whole file, on two threads (the split guessed) and on one.
let scan = medianOf(runs) {
    bytes.withUnsafeBufferPointer { b in _ = try! JSONTape(scanning: b) }
}
let scanOneThread = medianOf(runs) {
    bytes.withUnsafeBufferPointer { b in _ = try! JSONTape(scanning: b, splittingAt: nil) }
}
// Load from memory: scan + decode + validate, no file I/O.
let loadFromMemory = medianOf(runs) {
    bytes.withUnsafeBufferPointer { b in _ = EngagementLoader.load(bytes: b, file: "bench.json") }
}
// Load: read (memory-mapped) + scan + decode + validate into the model.
var loaded: LoadedFile?
let load = medianOf(runs) { loaded = EngagementLoader.load(path: path) }
precondition(loaded?.engagement?.deals.count == deals && loaded?.problems.isEmpty == true, "the synthetic file must load clean")
let model = loaded!.engagement!

// Index: once per load (stage ids → indices, flattened histories).
var index: EngagementIndex?
let indexTime = medianOf(runs) { index = EngagementIndex(model) }
// Full recompute as of a date: all 30 KPIs this week and last week, funnel, waterfall, autopsy rows.
var review: EngagementReview?
let recompute = medianOf(runs) { review = EngagementReview(index: index!, asOf: anchor) }
// Only the KPIs of one date (what a week step in the cockpit needs per week).
let kpisOnly = medianOf(runs) { _ = KPIEngine.compute(KPIContext(index: index!, asOf: anchor)) }

// The cockpit's search of every client's deals (`/`): its keys are made once per load, then
// each keystroke scans them (a query that matches a few deals, one that matches every deal).
var keys: DealSearchKeys?
let searchKeysTime = medianOf(runs) { keys = DealSearchKeys(index!) }
let searchQueries = ["cyberdyne mobility", "d-12345", "rep-23", "a"]
let searchTimes = searchQueries.map { q in
    (q, DealSearch.find(q, in: [(client: 0, keys: keys!)], limit: 36).total,
     medianOf(runs) { _ = DealSearch.find(q, in: [(client: 0, keys: keys!)], limit: 36) })
}

// What-ifs: every lost or slipped deal of the quarter won (the JSON report, `autopsy list`),
// and one deal's alone (what the cockpit recomputes for the deal on screen).
var whatIfCount = 0
let whatIfs = medianOf(runs) { whatIfCount = review!.whatIfs().count }
let firstWithWhatIf = review!.autopsy.rows.first { review!.whatIfDay($0) != nil }!
let oneWhatIf = medianOf(runs) { _ = review!.whatIf(firstWithWhatIf) }

// Save: one planned action appended under the lock (read, load, edit, check, atomic write with fsync),
// the way the cockpit's forms and `redline action add` save. The file grows by one action per run.
// Loaded as the cockpit loads what it shows, kept for its saves: the first save finds the file
// unchanged under the lock as the next ones do. Each run's time, to tell the first apart.
_ = EngagementLoader.load(path: path, keepingForSaves: true)
var saveTimes: [Double] = []
for saveNumber in 1...runs {
    let start = now()
    _ = try! EngagementFile.saveLoading(.addAction(week: anchor.isoWeek, text: "bench \(saveNumber)", kpi: nil, owner: nil), to: path)
    saveTimes.append(now() - start)
}
let save = median(saveTimes)!

func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
print("deals: \(deals), file: \(String(format: "%.1f", megabytes)) MB, runs: \(runs) (medians)")
print("scan:       \(ms(scan))  \(String(format: "%.0f", megabytes / scan)) MB/s (one thread: \(ms(scanOneThread)), \(String(format: "%.0f", megabytes / scanOneThread)) MB/s)")
print("decode:     \(ms(loadFromMemory - scan))  (load from memory minus scan: model, validation, problems)")
print("load:       \(ms(load))  \(String(format: "%.0f", megabytes / load)) MB/s (read + scan + decode + validate)")
print("index:      \(ms(indexTime))")
print("recompute:  \(ms(recompute))  (30 KPIs × 2 weeks + funnel + waterfall + autopsy)")
print("kpis:       \(ms(kpisOnly))  (30 KPIs, one date)")
print("search keys: \(ms(searchKeysTime))  (once per load, for / on the portfolio)")
print("search:     " + searchTimes.map { "\"\($0.0)\" \(ms($0.2)) (\($0.1) found)" }.joined(separator: ", "))
print("what-ifs:   \(ms(whatIfs))  (\(whatIfCount) lost or slipped deals won, dashboard KPIs each; one alone: \(ms(oneWhatIf)))")
print("save:       \(ms(save))  (one action appended after a cockpit's load: lock, read and compare, edit, check, atomic write + fsync; first: \(ms(saveTimes[0])))")
print("status:     \(review!.weeklyStatus.rawValue), stalled \(review!.stalledDeals.count), open \(review!.current.snapshot.open.count)")
print("peak RSS:   \(String(format: "%.0f", peakRSSMegabytes())) MB")
