import EnlaceCore
extension ProgramTemplate {
    /// The commented `enlace.toml`: the required keys set, every other key of spec section 5
    /// present as a comment showing its default, so the file documents itself.
    static func settings(_ programName: String) -> String {
        """
        # Settings of an Enlace parent mentor program.
        # Lines starting with # are comments. Remove the # in front of a setting to change it;
        # the value shown is the default Enlace uses when the line is absent.

        # ---- Required -------------------------------------------------------------------
        # The program's name, shown in calendars and reports.
        name = \(tomlString(programName))
        # The district's time zone (IANA name). Availability, open houses and meetings are in it.
        timezone = "America/Los_Angeles"
        # First and last day of meetings: set these to your school year.
        term_start = 2026-08-17
        term_end = 2027-06-10

        # ---- Meetings -------------------------------------------------------------------
        # Length of one meeting, in minutes.
        # session_minutes = 60
        # Meetings start on this grid, in minutes counted from midnight (30: 18:00, 18:30, ...).
        # slot_step_minutes = 30
        # Most parents in one group.
        # max_group_size = 8
        # Most groups one mentor leads.
        # max_groups_per_mentor = 2
        # How often a weekly group meets: "monthly" (first week of each month),
        # "biweekly" (first and third weeks) or "weekly".
        # cadence = "monthly"
        # Meetings at an open house start when it ends ("after") or end when it starts ("before").
        # anchor = "after"

        # ---- Links ----------------------------------------------------------------------
        # Online meeting link; {group} and {mentor} are replaced by the group's and mentor's ids.
        # virtual_meeting_url = "https://meet.example.org/enlace/{group}"
        # Where the calendar feeds are published; a feed's link is this plus TOKEN.ics.
        # It must end with "/". Both links: https:// or http://, no spaces.
        # feed_base_url = "https://feeds.example.org/feeds/"

        # ---- Who families contact ---------------------------------------------------------
        # Shown in every family's calendar and letter; the email is the events' organizer.
        # None is set by default: fill them in before publishing feeds.
        # coordinator_name = "Marisol Vega"
        # coordinator_phone = "(555) 010-0199"
        # coordinator_email = "coordinator@district.org"
        # Language of the coordinator's report (out/report.html): "en" or "es".
        # report_language = "en"

        # ---- What the matcher prefers (points added to a schedule's score) --------------
        # [weights]
        # matched = 100              # every parent in a group
        # preferred_language = 10    # every parent whose first language the mentor speaks
        # open_house = 15            # every parent in a group that meets at open houses
        # shared_topic = 2           # every topic a parent shares with the mentor
        # shared_topic_cap = 3       # ...counting at most this many topics per parent
        # continuity = 50            # every parent kept with the mentor of the previous run
        # same_group = 30            # every parent kept in the very same group (mentor, time, place)
        # group = -20                # every group (fewer, fuller groups are preferred)
        # matched must be positive, and larger than the negative per-family weights together.

        # ---- Curriculum (data/topics.csv) -----------------------------------------------
        # [curriculum]
        # rank_weights = [5, 4, 3, 2, 1]   # a topic a family listed 1st, 2nd, ...; later ranks: the last
        # required_weight = 1000           # a session teaching a required topic

        # ---- Participation (data/attendance/) ---------------------------------------------
        # [participation]
        # min_virtual_minutes = 15   # fewest minutes in a video meeting that count as attending

        # ---- Constraint plugins ---------------------------------------------------------
        # Every built-in plugin is on with its defaults. Give a plugin a table to change its
        # parameters; `enabled = false` switches it off. `enlace plugins` lists them.
        # [plugins]
        # [plugins.NAME]
        # enabled = false

        """
    }
}
