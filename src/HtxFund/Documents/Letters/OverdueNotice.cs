using HtxFund.Documents.Formatting;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Letters;

/// <summary>Everything the overdue notice (Thông báo nợ quá hạn) shows; amounts as of <see cref="AsOf"/>, whole đồng.</summary>
public sealed record OverdueNoticeData
{
    public required FundLetterhead Fund { get; init; }
    public required string DocumentNumber { get; init; }
    public required string Place { get; init; }
    public required LocalDate AsOf { get; init; }
    public required string BorrowerName { get; init; }
    public required string ContractNumber { get; init; }
    public required int InstalmentNumber { get; init; }
    public required LocalDate DueDate { get; init; }
    public required int DaysLate { get; init; }
    public required Money InstalmentAmount { get; init; }
    public required Money PrincipalOverdue { get; init; }
    public required Money InterestOverdue { get; init; }
    public required Money PrincipalDue { get; init; }
    public required Money InterestDue { get; init; }
    public required Money LateInterest { get; init; }
    public required Money TotalDue { get; init; }
    public required int DebtGroup { get; init; }
    public required Instant CreatedAt { get; init; }
    public string FontFolder { get; init; } = PdfDocumentOptions.DefaultFontFolder;
}

/// <summary>
/// "THÔNG BÁO Về việc nợ quá hạn": the letterhead, the borrower, the late instalment and what is owed as of the
/// notice's date (principal, interest, late interest, total), laid out like the fund's other official documents.
/// </summary>
public static class OverdueNotice
{
    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Small = OfficialDocument.Small;

    public static byte[] Render(OverdueNoticeData d) => OfficialDocument.Render(
        $"Thông báo nợ quá hạn {d.DocumentNumber} - {d.BorrowerName}", d.Fund.FundName,
        $"Hợp đồng tín dụng số {d.ContractNumber}", d.CreatedAt, d.FontFolder, $"Số: {d.DocumentNumber} - {d.BorrowerName}",
        c =>
        {
            OfficialHeading.WithNumberAndDate(c, d.Fund, d.DocumentNumber, d.Place, d.AsOf);
            c.Spacer(8);
            c.Text("THÔNG BÁO", Body.Size(14).Bold().Center(), keepWithNext: true);
            c.Text("Về việc nợ quá hạn", Body.Size(12).Bold().Center(), keepWithNext: true);
            c.Line(0.6f, widthFraction: 0.25f, align: TextAlign.Center, paddingPoints: 3);
            c.Spacer(4);
            c.Paragraph(p => p.Span("Kính gửi: ").Bold(d.BorrowerName), TextAlign.Center);
            c.Spacer(4);
            c.Text($"Theo hợp đồng tín dụng số {d.ContractNumber}, kỳ trả nợ thứ {d.InstalmentNumber} đến hạn ngày {VietnameseFormat.Date(d.DueDate)} "
                   + $"với số tiền {VietnameseFormat.Money(d.InstalmentAmount)}. Đến {VietnameseFormat.LongDate(d.AsOf)}, kỳ trả nợ này đã quá hạn "
                   + $"{d.DaysLate} ngày mà Quỹ chưa nhận đủ số tiền phải trả.", Body.Justify());
            c.Spacer(3);
            c.Text($"Số tiền phải trả tính đến ngày {VietnameseFormat.Date(d.AsOf)} (đơn vị tính: đồng):", Body.Bold(), keepWithNext: true);
            c.Spacer(1.5f);
            c.Table(t =>
            {
                var cell = Body.Size(10).Spaced(1f);
                t.CellStyle(cell).HeaderStyle(cell.Bold()).Padding(1.5f, 1.2f)
                    .Column("Khoản", ColumnWidth.Relative(3f), TextAlign.Left)
                    .Column("Số tiền", ColumnWidth.Relative(1.6f), TextAlign.Right);
                t.Row("Nợ gốc quá hạn", VietnameseFormat.Amount(d.PrincipalOverdue));
                t.Row("Lãi quá hạn chưa trả", VietnameseFormat.Amount(d.InterestOverdue));
                t.Row("Nợ gốc đến hạn", VietnameseFormat.Amount(d.PrincipalDue));
                t.Row("Lãi đến hạn", VietnameseFormat.Amount(d.InterestDue));
                t.Row("Lãi chậm trả", VietnameseFormat.Amount(d.LateInterest));
                t.Row(cell.Bold(), DocumentColor.LightGray, "Tổng số tiền phải trả", VietnameseFormat.Amount(d.TotalDue));
            });
            c.Spacer(2);
            c.Text($"Bằng chữ: {d.TotalDue.ToVietnameseWords()}.", Body.Italic());
            c.Spacer(3);
            c.Text($"Nhóm nợ hiện tại: nhóm {d.DebtGroup}. Lãi chậm trả tiếp tục được tính cho mỗi ngày chậm trả theo hợp đồng tín dụng. "
                   + "Đề nghị đơn vị thu xếp trả nợ ngay; nếu đã thanh toán sau ngày lập thông báo này, xin bỏ qua thông báo.", Body.Justify());
            c.Text("Mọi thắc mắc xin liên hệ bộ phận tín dụng của Quỹ theo địa chỉ trên.", Body.Justify());
            c.Spacer(6);
            c.KeepTogether(k => k.Row(r => r
                .Relative(45, left =>
                {
                    left.Text("Nơi nhận:", Body.Size(10).Bold().Italic());
                    left.Text($"- {d.BorrowerName};", Small);
                    left.Text("- Lưu: VT, TD.", Small);
                })
                .Relative(55, right => right.Signature(new SignatureBlock("GIÁM ĐỐC", "", Note: "(Ký, ghi rõ họ tên và đóng dấu)")))));
        });
}
