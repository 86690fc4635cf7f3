/// Orders ids as people read them: digit runs compare by value, so `D-7` comes before `D-12`.
public func naturalLess(_ a: String, _ b: String) -> Bool {
    var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
    var x = i.next(), y = j.next()
    func isDigit(_ u: Unicode.Scalar?) -> Bool { u.map { $0.value >= 48 && $0.value <= 57 } ?? false }
    while let cx = x, let cy = y {
        if isDigit(cx) && isDigit(cy) {
            var nx = "", ny = ""
            while isDigit(x) { nx.unicodeScalars.append(x!); x = i.next() }
            while isDigit(y) { ny.unicodeScalars.append(y!); y = j.next() }
            let tx = nx.drop { $0 == "0" }, ty = ny.drop { $0 == "0" }
            if tx.count != ty.count { return tx.count < ty.count }
            if tx != ty { return tx < ty }
            if nx.count != ny.count { return nx.count < ny.count }
            continue
        }
        if cx != cy { return cx.value < cy.value }
        x = i.next(); y = j.next()
    }
    return x == nil && y != nil
}
