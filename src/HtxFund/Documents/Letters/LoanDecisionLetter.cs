using HtxFund.Documents.Formatting;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Letters;

/// <summary>A restructuring the letter grants: its kind in words ("điều chỉnh kỳ hạn trả nợ", "gia hạn nợ"), the principal
/// rescheduled, the final due date before and after, and the new schedule.</summary>
public sealed record RestructuringTerms(string KindName, Money PrincipalRestructured, LocalDate FinalDueDateBefore, LocalDate FinalDueDate,
    IReadOnlyList<DecisionScheduleRow> Schedule);

/// <summary>One line of what the borrower owed at the waiver's date, before and after it.</summary>
public sealed record WaiverLine(string Label, Money Before, Money After);

/// <summary>An interest waiver the letter grants: the amount, its ground in words, and what is owed before and after.</summary>
public sealed record WaiverTerms(Money Amount, string GroundName, IReadOnlyList<WaiverLine> Lines);

/// <summary>Everything the decision letter of a restructuring or an interest waiver shows.</summary>
public sealed record LoanDecisionLetterData
{
    public required FundLetterhead Fund { get; init; }
    public required string DocumentNumber { get; init; }
    public required string Place { get; init; }
    /// <summary>The business date of the decision.</summary>
    public required LocalDate Date { get; init; }
    public required string BorrowerName { get; init; }
    public required string ContractNumber { get; init; }
    /// <summary>The date the restructuring or the waiver takes effect.</summary>
    public required LocalDate EffectiveDate { get; init; }
    public required string Reason { get; init; }
    public RestructuringTerms? Restructuring { get; init; }
    public WaiverTerms? Waiver { get; init; }
    public required DecisionSigner Signer { get; init; }
    public required Instant CreatedAt { get; init; }
    public string FontFolder { get; init; } = PdfDocumentOptions.DefaultFontFolder;
}

/// <summary>
/// "QUYẾT ĐỊNH Về việc cơ cấu lại thời hạn trả nợ" (Decree 45/2021 Art 27, with the new schedule) or "QUYẾT ĐỊNH Về
/// việc miễn, giảm lãi tiền vay" (Art 25.2, with what is owed before and after), laid out like the fund's other official
/// documents: letterhead, number and date, legal bases, articles, recipients and the decider's signature.
/// </summary>
public static class LoanDecisionLetter
{
    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Small = OfficialDocument.Small;

    public static byte[] Render(LoanDecisionLetterData d)
    {
        var subject = d.Restructuring is not null ? "Về việc cơ cấu lại thời hạn trả nợ" : "Về việc miễn, giảm lãi tiền vay";
        return OfficialDocument.Render($"Quyết định {d.DocumentNumber} - {d.BorrowerName}", d.Fund.FundName,
            $"Hợp đồng tín dụng số {d.ContractNumber}", d.CreatedAt, d.FontFolder, $"Số: {d.DocumentNumber} - {d.BorrowerName}",
            c =>
            {
                OfficialHeading.WithNumberAndDate(c, d.Fund, d.DocumentNumber, d.Place, d.Date);
                c.Spacer(8);
                c.Text("QUYẾT ĐỊNH", Body.Size(14).Bold().Center(), keepWithNext: true);
                c.Text(subject, Body.Size(12).Bold().Center(), keepWithNext: true);
                c.Line(0.6f, widthFraction: 0.25f, align: TextAlign.Center, paddingPoints: 3);
                c.Spacer(3);
                c.Text(d.Signer.Authority.ToUpperInvariant(), Body.Bold().Center());
                c.Spacer(3);
                c.Text("Căn cứ Nghị định số 45/2021/NĐ-CP ngày 31/3/2021 của Chính phủ về việc thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã;",
                    Body.Italic().Justify());
                c.Text("Căn cứ Điều lệ tổ chức và hoạt động và quy chế cho vay của Quỹ;", Body.Italic().Justify());
                c.Text($"Căn cứ Hợp đồng tín dụng số {d.ContractNumber};", Body.Italic().Justify());
                c.Text($"Xét đề nghị của bộ phận tín dụng về khoản vay của {d.BorrowerName}: {d.Reason}", Body.Italic().Justify());
                c.Spacer(4);
                c.Text("QUYẾT ĐỊNH:", Body.Size(12).Bold().Center(), keepWithNext: true);
                c.Spacer(3);
                if (d.Restructuring is { } r) RestructuringArticle(c, d, r);
                if (d.Waiver is { } w) WaiverArticle(c, d, w);
                c.Spacer(3);
                OfficialDocument.Article(c, "Điều 2", "Hiệu lực");
                c.Text($"Các nội dung khác của Hợp đồng tín dụng số {d.ContractNumber} không thay đổi. Quyết định này có hiệu lực kể từ ngày ký.",
                    Body.Justify());
                c.Spacer(3);
                OfficialDocument.Article(c, "Điều 3", "Tổ chức thực hiện");
                c.Text($"{d.BorrowerName} và các bộ phận có liên quan của Quỹ chịu trách nhiệm thi hành Quyết định này.", Body.Justify());
                c.Spacer(6);
                c.KeepTogether(k => k.Row(row => row
                    .Relative(45, left =>
                    {
                        left.Text("Nơi nhận:", Body.Size(10).Bold().Italic());
                        left.Text("- Như Điều 3;", Small);
                        left.Text("- Lưu: VT, Phòng Tín dụng.", Small);
                    })
                    .Relative(55, right => right.Signature(new SignatureBlock(d.Signer.Title, d.Signer.Name, Note: "(Ký, ghi rõ họ tên và đóng dấu)")))));
            });
    }

    private static void RestructuringArticle(ContentBuilder c, LoanDecisionLetterData d, RestructuringTerms r)
    {
        OfficialDocument.Article(c, "Điều 1", $"Chấp thuận {r.KindName}");
        c.Text($"Chấp thuận {r.KindName} cho {d.BorrowerName} đối với dư nợ gốc {VietnameseFormat.Money(r.PrincipalRestructured)} "
               + $"(bằng chữ: {r.PrincipalRestructured.ToVietnameseWords()}) của Hợp đồng tín dụng số {d.ContractNumber}, kể từ ngày "
               + $"{VietnameseFormat.Date(d.EffectiveDate)}. Ngày đến hạn cuối cùng: {VietnameseFormat.Date(r.FinalDueDate)} "
               + $"(trước đây {VietnameseFormat.Date(r.FinalDueDateBefore)}).", Body.Justify());
        c.Spacer(1.5f);
        c.Text("Lịch trả nợ mới (đơn vị tính: đồng; tiền lãi dự kiến tính trên dư nợ theo lịch, lãi chưa trả đến ngày cơ cấu lại được trả ở kỳ đầu tiên):",
            Body.Justify(), keepWithNext: true);
        c.Spacer(1.5f);
        OfficialDocument.ScheduleTable(c, r.Schedule, fontSize: 8.5f);
    }

    private static void WaiverArticle(ContentBuilder c, LoanDecisionLetterData d, WaiverTerms w)
    {
        OfficialDocument.Article(c, "Điều 1", "Miễn, giảm lãi tiền vay");
        c.Text($"Miễn, giảm cho {d.BorrowerName} số tiền lãi {VietnameseFormat.Money(w.Amount)} (bằng chữ: {w.Amount.ToVietnameseWords()}) "
               + $"của Hợp đồng tín dụng số {d.ContractNumber}, tính đến ngày {VietnameseFormat.Date(d.EffectiveDate)}, với căn cứ: {w.GroundName}. "
               + "Tiền lãi được miễn, giảm theo thứ tự: lãi phạt, lãi quá hạn, lãi đến hạn, lãi dự thu; nợ gốc không thay đổi.", Body.Justify());
        c.Spacer(1.5f);
        c.Text($"Số tiền phải trả tính đến ngày {VietnameseFormat.Date(d.EffectiveDate)} (đơn vị tính: đồng):", Body.Bold(), keepWithNext: true);
        c.Spacer(1.5f);
        c.Table(t =>
        {
            var cell = Body.Size(10).Spaced(1f);
            t.CellStyle(cell).HeaderStyle(cell.Bold()).Padding(1.5f, 1.2f)
                .Column("Khoản", ColumnWidth.Relative(3f), TextAlign.Left)
                .Column("Trước khi miễn, giảm", ColumnWidth.Relative(1.6f), TextAlign.Right)
                .Column("Sau khi miễn, giảm", ColumnWidth.Relative(1.6f), TextAlign.Right);
            foreach (var line in w.Lines)
                t.Row(line.Label, VietnameseFormat.Amount(line.Before), VietnameseFormat.Amount(line.After));
        });
    }
}
