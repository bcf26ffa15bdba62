import EnlaceCore
import EnlaceFeeds
import EnlaceMarkup
import EnlaceQR

/// The HTML of the letters home: a printable file of one site's letters (one page per family),
/// and one family's join page for a phone.
///
/// Pages load nothing (styles and QR codes are inline, there is no script), state a
/// Content-Security-Policy that forbids loading anything else, and send no Referer, so a
/// family's link never leaves the page. Each letter carries its language (`lang`) and direction
/// (`dir="rtl"` for Arabic, Farsi, Urdu), so one file mixes languages correctly.
public enum LetterPage {
    /// The policy the pages state (the same `enlace serve` sends with join pages).
    static let contentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    /// The printable letters of one site: one page per family, in `letters`' order.
    ///
    /// - Parameter title: the document's title, e.g. "Lincoln Elementary: letters home".
    /// - Throws: `QRCodeError` when a feed link does not fit in a QR code (a `feed_base_url` of
    ///   over 2,000 characters).
    public static func sitePage(_ letters: [FamilyLetter], title: String) throws(QRCodeError) -> String {
        var body = ""
        for letter in letters { body += try section(letter, join: false) }
        return document(lang: "en", dir: "ltr", title: title, style: LetterStyle.print, body: body)
    }

    /// One family's join page (`/join/TOKEN`): their letter for a phone, with an "add to my
    /// calendar" `webcal://` link, a Google Calendar link and the QR code for another device.
    public static func joinPage(_ letter: FamilyLetter) throws(QRCodeError) -> String {
        let strings = letter.strings
        return document(lang: strings.language, dir: strings.isRightToLeft ? "rtl" : "ltr", title: strings.text("letter_title"),
                        style: LetterStyle.screen, body: try section(letter, join: true))
    }

    private static func document(lang: String, dir: String, title: String, style: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(escapedForXML(lang))" dir="\(dir)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
        <meta name="referrer" content="no-referrer">
        <title>\(escapedForXML(title))</title>
        <style>\(style)</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    /// One family's letter.
    static func section(_ letter: FamilyLetter, join: Bool) throws(QRCodeError) -> String {
        let strings = letter.strings
        let dir = strings.isRightToLeft ? "rtl" : "ltr"
        var html = "<section class=\"letter\" lang=\"\(escapedForXML(strings.language))\" dir=\"\(dir)\" data-parent=\"\(escapedForXML(letter.parent.rawValue))\">\n"
        html += "<header><p class=\"program\">\(escapedForXML(letter.program))</p><h1>\(strings.html("letter_title"))</h1></header>\n"
        html += "<p>\(strings.html("letter_greeting", ["name": isolated(letter.familyName)]))</p>\n"
        html += meetingParagraphs(letter)
        html += try calendarBlock(letter, join: join)
        if let contact = letter.contact {
            html += "<p class=\"contact\">\(strings.html("letter_contact", ["contact": isolated(contact)]))</p>\n"
        }
        let signer = letter.coordinatorName ?? letter.program
        html += "<p class=\"signing\">\(strings.html("letter_signing"))<br>\(isolated(signer))</p>\n"
        return html + "</section>\n"
    }

    /// Who the mentor is, where or how the group meets, in which language, and the next sessions;
    /// for a family on the waiting list, the waiting-list wording.
    static func meetingParagraphs(_ letter: FamilyLetter) -> String {
        let strings = letter.strings
        let program = isolated(letter.program)
        guard let meeting = letter.meeting else {
            return "<p class=\"waiting\">\(strings.html("letter_waiting_intro", ["program": program]))</p>\n"
        }
        var html = "<p>\(strings.html("letter_intro", ["program": program, "mentor": isolated(meeting.mentorName)]))</p>\n"
        if let url = meeting.link {
            html += "<p class=\"place\">\(strings.html("letter_place_online", ["url": link(url)]))</p>\n"
        } else if let place = meeting.place {
            html += "<p class=\"place\">\(strings.html("letter_place_in_person", ["place": isolated(place)]))</p>\n"
        }
        if let language = meeting.meetingLanguage {
            html += "<p>\(strings.html("letter_meeting_language", ["language": isolated(strings.languageName(language))]))</p>\n"
        }
        html += "<h2>\(strings.html("letter_next_sessions"))</h2>\n"
        guard !letter.nextSessions.isEmpty else { return html + "<p>\(strings.html("letter_no_sessions"))</p>\n" }
        html += "<ol class=\"sessions\">\n"
        for session in letter.nextSessions {
            html += "<li><span class=\"when\">\(isolated(session.when))</span>"
            if let topic = session.topic { html += "<span class=\"topic\">\(isolated(topic))</span>" }
            html += "</li>\n"
        }
        return html + "</ol>\n"
    }

    /// The QR code of the family's feed and the three ways to subscribe; on a join page, the
    /// buttons first and the code for another device.
    static func calendarBlock(_ letter: FamilyLetter, join: Bool) throws(QRCodeError) -> String {
        let strings = letter.strings
        let code = try QRCode(text: letter.webcalURL).svg(moduleSize: 4, title: strings.text("letter_calendar_heading"))
        var html = "<div class=\"calendar\">\n<h2>\(strings.html("letter_calendar_heading"))</h2>\n"
        if join {
            html += "<p class=\"actions\"><a class=\"button\" href=\"\(escapedForXML(letter.webcalURL))\">\(strings.html("join_add_calendar"))</a>"
            html += "<a class=\"button\" href=\"\(escapedForXML(letter.googleCalendarURL))\">\(strings.html("join_google"))</a></p>\n"
            html += "<p>\(strings.html("join_other_device"))</p>\n"
        } else {
            html += "<p>\(strings.html("letter_calendar_intro"))</p>\n"
        }
        html += "<div class=\"code\">\(code)</div>\n<ol class=\"steps\">\n"
        for key in ["letter_step_iphone", "letter_step_android", "letter_step_outlook"] {
            html += "<li>\(strings.html(key))</li>\n"
        }
        html += "</ol>\n<p class=\"link\">\(strings.html("letter_link", ["url": link(letter.webcalURL)]))</p>\n"
        return html + "</div>\n"
    }
}
