using HtxFund.Documents.Formatting;
using NodaTime;

namespace HtxFund.Documents.Letters;

/// <summary>
/// The top of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I: fields 1–4): the fund's
/// letterhead and the national motto side by side, then the document number and the place and date beneath them.
/// </summary>
public static class OfficialHeading
{
    private const float Left = 42, Right = 58, GapMm = 3;
    private static TextStyle Style => OfficialDocument.Body.Size(10.5f).Center();

    /// <summary>Letterhead (with its contact lines when <paramref name="contactLines"/>) beside the national motto.</summary>
    public static void Letterhead(ContentBuilder c, FundLetterhead fund, bool contactLines = true)
    {
        var s = Style;
        c.Row(r => r
            .Relative(Left, l =>
            {
                l.Text(fund.SuperiorBody.ToUpperInvariant(), s);
                l.Text(fund.FundName.ToUpperInvariant(), s.Bold());
                l.Line(0.6f, widthFraction: 0.4f, align: TextAlign.Center, paddingPoints: 2);
                if (!contactLines) return;
                foreach (var line in fund.ContactLines)
                    l.Text(line, OfficialDocument.Small.Size(7.5f).Center().Colored(DocumentColor.DarkGray));
            })
            .Relative(Right, m =>
            {
                m.Text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s.Bold());
                m.Text("Độc lập - Tự do - Hạnh phúc", s.Bold().Size(11));
                m.Line(0.6f, widthFraction: 0.55f, align: TextAlign.Center, paddingPoints: 2);
            }), gapMm: GapMm);
    }

    /// <summary>The letterhead, then "Số: …" under it and "{place}, ngày … tháng … năm …" under the motto.</summary>
    public static void WithNumberAndDate(ContentBuilder c, FundLetterhead fund, string documentNumber, string place, LocalDate date)
    {
        Letterhead(c, fund);
        c.Spacer(2);
        var s = Style;
        c.Row(r => r
            .Relative(Left, l => l.Text($"Số: {documentNumber}", s))
            .Relative(Right, m => m.Text(VietnameseFormat.PlaceAndDate(place, date), s.Italic())), gapMm: GapMm);
    }
}
