/// The days a stall acknowledgement may take (docs/decisions.md): after the review date (one
/// on or before it already ran out, so it would acknowledge nothing), and at most 90 days from
/// it (a deal nobody looks at for longer than a quarter is forgotten, not acknowledged). The
/// cockpit's form and `redline ack` ask this, so both say the same words.
public enum StallAckRule {
    /// The longest an acknowledgement may run from the review date, in days.
    public static let longestDays = 90

    /// The latest `until` a review on `reviewDate` takes.
    public static func latest(reviewDate: Day) -> Day { reviewDate + longestDays }

    /// Why `until` cannot be acknowledged on `reviewDate`, or nil; `label` names the field
    /// ("Until" in the form, "--until" on the command line).
    public static func problem(_ until: Day, reviewDate: Day, label: String) -> String? {
        dateProblem(until, label: label, after: reviewDate, latest: latest(reviewDate: reviewDate))
    }

    /// A date field's bounds, worded once: `after` is the review date, `latest` the last day taken.
    public static func dateProblem(_ day: Day, label: String, after: Day?, latest: Day?) -> String? {
        if let after, day <= after { return "\(label): \(day) is not after the review date \(after)" }
        if let latest, day > latest { return "\(label): \(day) is after \(latest), the latest it may be; acknowledge again then" }
        return nil
    }
}
