import EnlaceCore
import EnlaceCurriculum

extension ParentReport {
    /// The topics the family asked for, in their order, with when their group teaches each or why
    /// not (spec section 10); nothing for a family who asked for none.
    var topicLines: [String] {
        let parent = model.program.parents[self.parent]
        guard !parent.topics.isEmpty else { return [] }
        let explanations = CurriculumPlanner(program: model.program).explain(parent: parent.id, in: schedule)
        return ["Topics the family asked for (first choice first):"] + explanations.map { "  " + $0.sentence }
    }
}
