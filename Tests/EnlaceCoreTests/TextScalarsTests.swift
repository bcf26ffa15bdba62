import EnlaceCore
import Testing

@Suite struct TextScalarsTests {
    /// The ASCII shortcut answers as the Unicode tables do, for every ASCII scalar.
    @Test func asciiAnswersAsTheUnicodeTables() {
        for value in UInt32(0)...0x7F {
            let scalar = Unicode.Scalar(value)!
            let properties = scalar.properties
            #expect(TextScalars.isControl(scalar) == (properties.generalCategory == .control), "U+\(value)")
            let invisible = [.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator].contains(properties.generalCategory)
                || properties.isWhitespace || properties.isDefaultIgnorableCodePoint
            #expect(TextScalars.isInvisible(scalar) == invisible, "U+\(value)")
        }
    }

    @Test func findsControlCharactersPerScalar() {
        #expect(TextScalars.firstControl(in: "Ana\r\nLópez") == "\r")
        #expect(TextScalars.firstControl(in: "Ana\r\nLópez", allowingLineBreaks: true) == nil)
        #expect(TextScalars.firstControl(in: "Ana\u{1B}[31m", allowingLineBreaks: true) == "\u{1B}")
        #expect(TextScalars.firstControl(in: "Ana\u{2028}López") == "\u{2028}")
        #expect(TextScalars.firstControl(in: "Ana\u{85}López") == "\u{85}")
        #expect(TextScalars.firstControl(in: "Nguyễn, Lan") == nil)
    }

    @Test func removesBidirectionalControlsOnly() {
        let text = "\u{202E}txt.exe\u{202C} \u{200F}عائشة\u{200E} \u{2066}x\u{2069}\u{061C}"
        let (clean, removed) = TextScalars.removingBidiControls(text)
        #expect(clean == "txt.exe عائشة x" && removed == 7)
        // Joiners are part of some scripts' spelling (Persian, Hindi) and stay.
        #expect(TextScalars.removingBidiControls("می\u{200C}خواهم").text == "می\u{200C}خواهم")
    }

    @Test func tellsInvisibleNamesFromVisibleOnes() {
        for blank in ["", " ", "\u{200B}", "\u{3164}", "\u{115F}\u{1160}", "\u{2800}", "\u{00A0}\u{3000}", "\u{FEFF}", "\u{200D}\u{200C}", "\u{FFA0}", "\u{202E}"] {
            #expect(TextScalars.isBlank(blank), "\(blank.debugDescription)")
        }
        for visible in ["Ana", "\u{200B}A", "李", "ع", "👩‍👧", "."] {
            #expect(!TextScalars.isBlank(visible), "\(visible.debugDescription)")
        }
    }

    @Test func namesScalarsForCoordinators() {
        #expect(TextScalars.describe("\u{202E}") == "U+202E RIGHT-TO-LEFT OVERRIDE")
        #expect(TextScalars.describe("\n") == "U+000A (line feed)")
        #expect(TextScalars.describe("\u{1B}") == "U+001B (a control character)")
    }

    @Test func trimsCRLFAsSpace() {
        #expect("  Ana López\r\n".trimmingSpaces() == "Ana López")
        #expect("\r\n\t".trimmingSpaces() == "")
        #expect("\u{301}a\r\n".trimmingSpaces() == "\u{301}a")
    }
}
