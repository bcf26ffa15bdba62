/// The style sheets of the letters (inline in each page: the pages load nothing).
///
/// A printed letter fits one page of both US Letter and A4: the `@page` rule sets only the
/// margins, so the printer's paper decides the size, and a letter's content stays within the
/// smaller of the two (180 mm wide, 249 mm tall once the margins are taken). Each letter starts a
/// new page. Spacing uses logical properties (`inline-start`), so right-to-left letters mirror.
enum LetterStyle {
    /// What both the printed letters and the join page share.
    private static let common = """
        body{margin:0;font-family:"Noto Sans","DejaVu Sans",sans-serif;color:#111;line-height:1.35}\
        .letter{box-sizing:border-box}\
        .program{margin:0;font-weight:bold;color:#333}\
        h1{margin:.2em 0 .6em}\
        h2{margin:.9em 0 .3em}\
        p{margin:.4em 0}\
        .sessions{margin:.2em 0;padding-inline-start:1.4em}\
        .sessions li{margin:.15em 0}\
        .when{font-weight:bold}\
        .topic::before{content:" · "}\
        .steps{margin:.3em 0;padding-inline-start:1.4em}\
        .steps li{margin:.2em 0}\
        .code svg{display:block}\
        .link a{word-break:break-all;unicode-bidi:isolate}\
        a{color:#0645ad}
        """

    /// The printable letters of a site: one page each, Letter or A4.
    static let print = common + """
        @page{margin:15mm}\
        body{font-size:10.5pt}\
        .letter{max-width:180mm;margin:0 auto;break-after:page;break-inside:avoid}\
        .letter:last-of-type{break-after:auto}\
        h1{font-size:17pt}\
        h2{font-size:12.5pt}\
        .calendar{display:grid;grid-template-columns:44mm 1fr;column-gap:6mm;align-items:start;\
        grid-template-areas:"head head" "intro intro" "code steps" "link link";margin-top:.6em;\
        border-top:1px solid #999;padding-top:.2em}\
        .calendar h2{grid-area:head}\
        .calendar>p:first-of-type{grid-area:intro}\
        .code{grid-area:code}\
        .code svg{width:44mm;height:44mm}\
        .steps{grid-area:steps}\
        .link{grid-area:link;font-size:9pt}\
        @media screen{.letter{padding:15mm;border-bottom:2px dashed #999}}
        """

    /// The join page: one column for a phone, large buttons, the code for another device.
    static let screen = common + """
        body{font-size:17px;padding:16px;max-width:36em;margin:0 auto}\
        h1{font-size:1.5em}\
        h2{font-size:1.2em}\
        .actions{display:flex;flex-direction:column;gap:10px;margin:.8em 0}\
        .button{display:block;padding:14px;border-radius:8px;background:#0b5394;color:#fff;text-align:center;\
        text-decoration:none;font-weight:bold}\
        .button+.button{background:#fff;color:#0b5394;border:2px solid #0b5394}\
        .code svg{width:min(70vw,260px);height:auto;margin:.5em auto}\
        .link{font-size:.85em}
        """
}
