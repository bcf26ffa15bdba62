import EnlaceCore

/// One topic of the sample district's curriculum: its window, whether the district requires it,
/// and its title and description in English and in the languages of the district's families.
struct SampleTopic: Sendable {
    let id: String
    let required: Bool
    /// `MM-DD`, or "" for no bound.
    let from: String
    let until: String
    /// English first, then by the tag of a `title@TAG` column: (title, description).
    let texts: [(tag: String, title: String, description: String)]
}

/// The sample district's `data/topics.csv` (spec section 10), and what its mentors were trained in
/// and its families ask for.
///
/// The topics are those of the program: distance learning, reopening plans, the Seal of
/// Biliteracy, state funding for English learners and the district's plan for it (the LCAP),
/// college and financial aid, and three a Southern California district adds: reclassification,
/// well-being and mental health, and the English Learner Advisory Committee. The Seal of
/// Biliteracy and the LCAP are required: the district presents both to every group. Windows follow
/// the school year: reopening and ELAC elections in the autumn, the LCAP while the district asks
/// for input (January to May), state funding and college aid over the winter (wrapping around the
/// new year: financial aid applications open in October and Cal Grants are due in early March).
enum SampleTopics {
    /// The translation columns, in order: every language a sample family prefers that has one.
    static let languages = ["es", "vi", "zh-Hans", "zh-Hant", "yue", "ko", "ar", "tl", "ru", "pa", "hmn"]

    /// `data/topics.csv`.
    static func csv() -> String {
        var header = ["id", "title", "description", "required", "from", "until"]
        for tag in languages { header += ["title@\(tag)", "description@\(tag)"] }
        var csv = CSVWriter(header: header)
        for topic in all {
            let english = topic.texts[0]
            for cell in [topic.id, english.title, english.description, topic.required ? "yes" : "no", topic.from, topic.until] {
                csv.cell(cell)
            }
            for tag in languages {
                let text = topic.texts.first { $0.tag == tag }
                csv.cell(text?.title ?? "")
                csv.cell(text?.description ?? "")
            }
            csv.endRow()
        }
        return csv.text
    }
}
