import EnlaceCore
import EnlaceCurriculum
import Foundation
import Testing
@testable import EnlaceWorkflows

/// `enlace match` and `enlace explain` with a topics.csv (spec section 10): the generated
/// district's curriculum, planned, stored, written with the run's outputs and kept across a
/// re-run in the middle of the term.
@Suite(.serialized) struct CurriculumWorkflowTests {
    static let before = ISO8601DateFormatter().date(from: "2026-08-10T09:00:00-07:00")!
    static let during = ISO8601DateFormatter().date(from: "2027-01-20T12:00:00-08:00")!

    @Test func matchPlansWritesAndKeepsTheCurriculum() throws {
        let district = try District(seed: 2026)
        defer { district.remove() }
        let first = try MatchWorkflow.run(district.workspace, now: Self.before, effort: .standard, log: .silent)
        let program = try district.workspace.storedProgram(try district.workspace.existingStore()).program
        #expect(program.topics.count == 9, "the import stores topics.csv")
        let sessions = first.schedule.groups.flatMap(\.sessions)
        #expect(sessions.contains { $0.topic != nil } && sessions.contains { $0.topic == nil })
        #expect(first.schedule == CurriculumPlanner(program: program).plan(first.schedule).schedule, "the run holds the plan")
        #expect(first.curriculumSummary?.contains(" topics taught; ") == true)
        let json = try String(contentsOf: district.workspace.outFolder.appendingPathComponent("schedule.json"), encoding: .utf8)
        #expect(json.contains("\"curriculum\": {\n    \"value\": \(first.schedule.curriculum.value),\n    \"required_missing\": ["))
        #expect(json.components(separatedBy: "\"topic\": ").count - 1 == sessions.count, "every session states its topic")
        let rows = try String(contentsOf: district.workspace.outFolder.appendingPathComponent("curriculum.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(rows.first == "group_id,session_start,topic_id,members_who_asked")
        #expect(rows.count - 1 == sessions.filter { $0.topic != nil }.count)
        let demand = try String(contentsOf: district.workspace.outFolder.appendingPathComponent("topic-demand.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(demand.count == 1 + 9 && demand[0] == "topic_id,asked,asked_first,members_covered,groups_teaching")

        let second = try MatchWorkflow.run(district.workspace, now: Self.during, effort: .standard, log: .silent)
        let now = second.schedule.now
        for group in first.schedule.groups {
            for session in group.sessions where session.start < now {
                #expect(second.schedule.group(group.id)?.sessions.first { $0.start == session.start }?.topic == session.topic)
            }
        }
        for group in second.schedule.groups {
            let topics = group.sessions.compactMap(\.topic)
            #expect(Set(topics).count == topics.count, "\(group.id) repeats a topic this term")
        }
    }

    @Test func explainListsEachFamilysTopics() throws {
        let district = try District(seed: 2026)
        defer { district.remove() }
        let result = try MatchWorkflow.run(district.workspace, now: Self.before, effort: .standard, log: .silent)
        let program = try district.workspace.storedProgram(try district.workspace.existingStore()).program
        let member = try #require(program.parents.first { result.schedule.currentMemberships[$0.id] != nil && $0.topics.count >= 2 })
        let lines = try ExplainWorkflow.parent(member.id.rawValue, in: district.workspace)
        let heading = try #require(lines.firstIndex(of: "Topics the family asked for (first choice first):"))
        #expect(Array(lines[(heading + 1)...].prefix(member.topics.count)).enumerated().allSatisfy { rank, line in
            line.hasPrefix("  \(rank + 1). \(member.topics[rank]) (")
        })
        #expect(lines[heading + 1].contains("taught on ") || lines[heading + 1].contains("not taught: "))
    }
}
