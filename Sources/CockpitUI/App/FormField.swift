import MetricsCore

/// One field of an edit form.
public struct FormField: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case text(LineEditor)
        /// A date typed as YYYY-MM-DD; empty is allowed when the field is optional.
        case date(LineEditor)
        /// Options moved over with ←/→ and picked with Space (several when `multiple`).
        case pick(options: [String], chosen: [Bool], cursor: Int, multiple: Bool)
    }

    public let label: String
    public var value: Value
    public let required: Bool
    /// A date field's value must be later than this day.
    public let after: Day?
    /// A date field's latest day, when it has one.
    public let latest: Day?
    /// What a pick shows for an option it stores (a KPI's name for its id); others show as stored.
    public let names: [String: String]
    private let initial: Value

    public init(_ label: String, _ value: Value, required: Bool = false, after: Day? = nil, latest: Day? = nil, names: [String: String] = [:]) {
        self.label = label; self.value = value; self.required = required; self.after = after; self.latest = latest; self.names = names; initial = value
    }

    static func text(_ label: String, _ text: String, required: Bool = false) -> FormField { FormField(label, .text(LineEditor(text)), required: required) }
    static func date(_ label: String, _ day: Day?) -> FormField { FormField(label, .date(LineEditor(day.map { "\($0)" } ?? ""))) }
    static func pick(_ label: String, _ options: [String], chosen: Set<String>, multiple: Bool, required: Bool = false, names: [String: String] = [:]) -> FormField {
        FormField(label, .pick(options: options, chosen: options.map(chosen.contains), cursor: 0, multiple: multiple), required: required, names: names)
    }

    /// The options as shown (text from the file made safe to draw).
    public var shownOptions: [String] {
        guard case .pick(let options, _, _, _) = value else { return [] }
        return options.map { names[$0] ?? sanitizedForDisplay($0) }
    }

    /// Something was changed since the form opened.
    public var isChanged: Bool {
        switch (value, initial) {
        case (.text(let e), _), (.date(let e), _): return e.isChanged
        case (.pick(_, let now, _, _), .pick(_, let was, _, _)): return now != was
        default: return false
        }
    }

    /// The typed text (text and date fields).
    public var text: String {
        switch value {
        case .text(let e), .date(let e): return typedText(e.text)
        case .pick: return picked.joined(separator: ", ")
        }
    }

    /// The options picked, in their order.
    public var picked: [String] {
        guard case .pick(let options, let chosen, _, _) = value else { return [] }
        return options.indices.filter { chosen[$0] }.map { options[$0] }
    }

    /// Applies a key; false for keys a field does not use.
    mutating func handle(_ key: Key) -> Bool {
        switch value {
        case .text(var e):
            defer { value = .text(e) }
            return e.handle(key)
        case .date(var e):
            defer { value = .date(e) }
            return e.handle(key)
        case .pick(let options, var chosen, var cursor, let multiple):
            defer { value = .pick(options: options, chosen: chosen, cursor: cursor, multiple: multiple) }
            switch key {
            case .left: cursor = max(0, cursor - 1)
            case .right: cursor = min(options.count - 1, cursor + 1)
            case .char(" "), .char("x"):
                guard options.indices.contains(cursor) else { return false }
                if multiple { chosen[cursor].toggle() } else { chosen = options.indices.map { $0 == cursor } }
            default: return false
            }
            return true
        }
    }

    /// Why the field cannot be saved as it is, if it cannot.
    var problem: String? {
        switch value {
        case .text:
            return required && text.isEmpty ? "\(label) is needed" : nil
        case .date:
            if text.isEmpty { return required ? "\(label) is needed" : nil }
            guard let day = Day(text) else { return "\(label): \"\(text)\" is not a date; expected YYYY-MM-DD" }
            return StallAckRule.dateProblem(day, label: label, after: after, latest: latest)
        case .pick:
            return required && picked.isEmpty ? "\(label): pick at least one (Space)" : nil
        }
    }
}
