import EnlaceCore

/// The CSV files of spec section 11, as text: `out/participation.csv`, `out/follow-up.csv` and
/// `out/attendance-unmatched.csv`. Cells go through `CSVCell` (quoting, no live formula).
public enum ParticipationCSV {
    /// `parent_id, group_id, held, attended, in_person, virtual, recording, last_attended`.
    public static func participation(_ rows: [Participation.Row]) -> String {
        var text = "parent_id,group_id,held,attended,in_person,virtual,recording,last_attended\n"
        text.reserveCapacity(rows.count * 48)
        for row in rows {
            text += CSVCell.text(row.parent.rawValue) + "," + CSVCell.text(row.group) + ","
            text += "\(row.held),\(row.attended),\(row.inPerson),\(row.virtual),\(row.recording),"
            text += (row.lastAttended?.description ?? "") + "\n"
        }
        return text
    }

    /// `parent_id, mentor_id, missed_in_a_row, last_attended`.
    public static func followUp(_ rows: [Participation.FollowUp]) -> String {
        var text = "parent_id,mentor_id,missed_in_a_row,last_attended\n"
        for row in rows {
            text += CSVCell.text(row.parent.rawValue) + "," + CSVCell.text(row.mentor.rawValue) + ","
            text += "\(row.missedInARow)," + (row.lastAttended?.description ?? "") + "\n"
        }
        return text
    }

    /// `file, line, parent_id, name, email, date, reason`: the rows that count for nobody.
    public static func unmatched(_ rows: [UnmatchedAttendance]) -> String {
        var text = "file,line,parent_id,name,email,date,reason\n"
        for row in rows {
            text += [row.file, String(row.line), row.parent?.rawValue ?? "", row.name, row.email, row.date.description, row.reason]
                .map(CSVCell.text).joined(separator: ",") + "\n"
        }
        return text
    }
}
