/// Data text inside HTML (element text or a quoted attribute): sanitized for display first
/// (controls, escape sequences and bidi overrides gone), then `& < > " '` as entities, so a
/// deal name can never open a tag, close the style sheet or add an attribute.
public func htmlText(_ text: String) -> String {
    let clean = sanitizedForDisplay(text)
    guard clean.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }) else { return clean }
    var out = ""
    out.reserveCapacity(clean.utf8.count + 16)
    for c in clean {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}
