import EnlaceMarkup

extension QRCode {
    /// The light margin around the symbol, in modules: the four the QR standard asks for, without
    /// which phone cameras often fail to find the code on a busy page.
    public static let quietZone = 4

    /// The code as one SVG element, ready to be placed inline in an HTML page or saved as a file.
    ///
    /// The `viewBox` counts modules (the symbol plus a 4-module quiet zone on each side), so the code
    /// scales crisply to any size; `width` and `height` are `moduleSize` user units per module. A
    /// white rectangle covers the whole area, so the code reads on any background, and the dark
    /// modules form one `<path>`: each horizontal run of dark modules is one rectangle
    /// (`M x y hN v1 h-N z`), which keeps the file small and leaves no seams between neighbours.
    /// `role="img"` and a `<title>` give screen readers a name for the code.
    ///
    /// - Parameters:
    ///   - moduleSize: user units (CSS pixels when inline) per module; at least 1.
    ///   - title: what the code is for, read out by screen readers (e.g. "QR code of your calendar
    ///     link"); escaped for XML.
    /// - Returns: the same bytes for the same code and arguments.
    public func svg(moduleSize: Int = 4, title: String) -> String {
        precondition(moduleSize >= 1, "a QR code module needs at least one unit, not \(moduleSize)")
        let side = size + 2 * Self.quietZone
        let pixels = side * moduleSize
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(pixels)\" "
            + "height=\"\(pixels)\" role=\"img\" shape-rendering=\"crispEdges\">"
            + "<title>\(escapedForXML(title))</title>"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(darkModulePath())\"/></svg>"
    }

    /// The path data of the dark modules, one rectangle per horizontal run, offset by the quiet zone.
    private func darkModulePath() -> String {
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                let run = x - start
                path += "M\(start + Self.quietZone) \(y + Self.quietZone)h\(run)v1h-\(run)z"
            }
        }
        return path
    }
}
