import EnlaceFeeds
import Testing

@Suite("Feed text hygiene and exact-byte keys")
struct FeedTextTests {
    @Test("clean keeps clean text as it is and removes every control character, whatever the fast check says",
          arguments: ["plain", "Casa abierta – Jacaranda", "línea\nnueva", "tab\there", "cr\r\nlf", "del\u{7F}x", "c1\u{85}x",
                      "sep\u{2028}x", "para\u{2029}x", "è à ü", "\u{E2}\u{80}", "中文\n說明", "\u{0}start", "end\u{1F}"])
    func clean(text: String) {
        for keepNewlines in [false, true] {
            let cleaned = FeedText.clean(text, keepNewlines: keepNewlines)
            #expect(!cleaned.unicodeScalars.contains { scalar in
                let value = scalar.value
                return (value < 0x20 && !(keepNewlines && value == 0x0A)) || value == 0x7F || (0x80..<0xA0).contains(value)
                    || value == 0x2028 || value == 0x2029
            })
            let changed = text.unicodeScalars.contains { scalar in
                let value = scalar.value
                return (value < 0x20 && !(keepNewlines && value == 0x0A)) || value == 0x7F || (0x80..<0xA0).contains(value)
                    || value == 0x2028 || value == 0x2029
            }
            if !changed { #expect(cleaned == text) }
        }
    }

    @Test("exact-byte keys tell canonically equivalent texts apart and match equal ones")
    func exactKeys() {
        let composed = "Mar\u{ED}a", decomposed = "Mari\u{301}a"
        #expect(composed == decomposed)
        #expect(ExactText(composed) != ExactText(decomposed))
        #expect(ExactText(composed) == ExactText("Mar" + "\u{ED}a"))
        #expect(Set([ExactText(composed), ExactText(decomposed), ExactText("Mar\u{ED}a")]).count == 2)
        #expect(!"ab".hasSameBytes(as: "abc") && "".hasSameBytes(as: "") && "中文".hasSameBytes(as: "中" + "文"))
    }
}
