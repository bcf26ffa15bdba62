import EnlaceCore
import EnlaceFeeds
import Testing

@Suite("Given names")
struct GivenNameTests {
    @Test("the given name is read from the roster forms found in the sample district",
          arguments: [("Patricia Pérez", "es", "Patricia"), ("Pérez Ruiz, María José", "es", "María"),
                      ("Maria \"Lupe\" Garcia", "es", "Maria"), ("Lê Thu Hương", "vi", "Hương"),
                      ("Nguyen Van Minh", "vi", "Minh"), ("Lan Tran", "vi", "Lan"), ("王伟", "zh", "伟"),
                      ("이은정", "ko", "은정"), ("LI Wei", "zh", "Wei"), ("Eun-jung Lee", "ko", "Eun-jung"),
                      ("محمد أحمد", "ar", "محمد"), ("Cher", "en", "Cher")])
    func given(name: String, language: String, expected: String) {
        #expect(GivenName.of(name, languages: [LanguageTag(language)!]) == expected)
    }
}
