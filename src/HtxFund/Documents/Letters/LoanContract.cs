using HtxFund.Documents.Formatting;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Letters;

/// <summary>Everything the credit contract (hợp đồng tín dụng) shows.</summary>
public sealed record LoanContractData
{
    public required FundLetterhead Fund { get; init; }
    public required string ContractNumber { get; init; }
    public required string Place { get; init; }
    public required LocalDate SignedOn { get; init; }
    /// <summary>The fund as lender: its name, and who signs for it (the Director) with his position; an empty name
    /// leaves a line to write it by hand.</summary>
    public required string LenderName { get; init; }
    public required string LenderRepresentative { get; init; }
    public required string LenderRepresentativePosition { get; init; }
    public required DecisionBorrower Borrower { get; init; }
    public required string DecisionNumber { get; init; }
    public required LocalDate DecisionDate { get; init; }
    public required Money Amount { get; init; }
    public required decimal AnnualRatePercent { get; init; }
    /// <summary>Rate on overdue principal in % per year, and as a share of the in-term rate (e.g. 9 and 150).</summary>
    public required decimal OverdueAnnualRatePercent { get; init; }
    public required decimal OverduePercentOfInTermRate { get; init; }
    /// <summary>Rate on interest paid late, in % per year (e.g. 10).</summary>
    public required decimal LateInterestAnnualRatePercent { get; init; }
    public required int TermMonths { get; init; }
    public required int GraceMonths { get; init; }
    public required RepaymentMethod Method { get; init; }
    public required RepaymentFrequency Frequency { get; init; }
    public required LocalDate StartDate { get; init; }
    public required string Purpose { get; init; }
    public required string CollateralSummary { get; init; }
    public required int PolicyVersion { get; init; }
    /// <summary>The working-day calendar version that placed the due dates.</summary>
    public int CalendarVersion { get; init; } = 1;
    public required IReadOnlyList<DecisionScheduleRow> Schedule { get; init; }
    public required Instant CreatedAt { get; init; }
    public string FontFolder { get; init; } = PdfDocumentOptions.DefaultFontFolder;
}

/// <summary>
/// The credit contract as a Vietnamese PDF: "HỢP ĐỒNG TÍN DỤNG" between the fund and the borrower with the terms
/// signed, then the annex "Phụ lục: Lịch trả nợ" on its own pages, a table whose header is repeated on every page.
/// </summary>
public static class LoanContract
{
    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Small = OfficialDocument.Small;

    public static byte[] Render(LoanContractData data)
    {
        if (data.Schedule.Count == 0) throw new ArgumentException("A contract needs its repayment schedule.", nameof(data));
        return OfficialDocument.Render($"Hợp đồng tín dụng {data.ContractNumber} - {data.Borrower.Name}", data.Fund.FundName,
            $"Hợp đồng tín dụng số {data.ContractNumber}", data.CreatedAt, data.FontFolder,
            $"Hợp đồng tín dụng số {data.ContractNumber} - {data.Borrower.Name}",
            c =>
            {
                Heading(c, data);
                Parties(c, data);
                Articles(c, data);
                Signatures(c, data);
                c.PageBreak();
                Annex(c, data);
            });
    }

    private static void Heading(ContentBuilder c, LoanContractData data)
    {
        OfficialHeading.Letterhead(c, data.Fund, contactLines: false);
        c.Spacer(6);
        c.Text("HỢP ĐỒNG TÍN DỤNG", Body.Size(15).Bold().Center(), keepWithNext: true);
        c.Text($"Số: {data.ContractNumber}", Body.Center(), keepWithNext: true);
        c.Spacer(3);
        c.Text("Căn cứ Bộ luật Dân sự số 91/2015/QH13 ngày 24 tháng 11 năm 2015;", Body.Italic().Justify());
        c.Text("Căn cứ Nghị định số 45/2021/NĐ-CP ngày 31 tháng 3 năm 2021 của Chính phủ về việc thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã;",
            Body.Italic().Justify());
        c.Text($"Căn cứ Quyết định cho vay số {data.DecisionNumber} ngày {VietnameseFormat.Date(data.DecisionDate)};", Body.Italic().Justify());
        c.Text($"Hôm nay, {VietnameseFormat.PlaceAndDate(data.Place, data.SignedOn)}, chúng tôi gồm:", Body.Justify());
        c.Spacer(2);
    }

    private static void Parties(ContentBuilder c, LoanContractData data)
    {
        c.Paragraph(p => p.Bold("BÊN CHO VAY (Bên A): ").Bold(data.LenderName), keepWithNext: true);
        c.KeyValues(kv => kv
            .Add("Người đại diện:", NameOrBlank(data.LenderRepresentative))
            .Add("Chức vụ:", data.LenderRepresentativePosition), labelWidthMm: 48);
        c.Spacer(2);
        var b = data.Borrower;
        c.Paragraph(p => p.Bold("BÊN VAY (Bên B): ").Bold(b.Name), keepWithNext: true);
        c.KeyValues(kv =>
        {
            kv.Add("Loại hình:", b.Type);
            if (!string.IsNullOrWhiteSpace(b.TaxCode)) kv.Add("Mã số thuế:", b.TaxCode);
            kv.Add("Địa chỉ:", b.Address);
            kv.Add("Người đại diện:", b.LegalRepresentative);
        }, labelWidthMm: 48);
        c.Spacer(2);
        c.Text("Hai bên thỏa thuận ký kết hợp đồng tín dụng với các điều khoản sau:", Body.Justify());
        c.Spacer(2);
    }

    private static void Article(ContentBuilder c, string number, string heading) => OfficialDocument.Article(c, number, heading);

    private static void Articles(ContentBuilder c, LoanContractData data)
    {
        Article(c, "Điều 1", "Số tiền, mục đích và thời hạn cho vay");
        c.KeyValues(kv => kv
                .Add("Số tiền cho vay:", VietnameseFormat.Money(data.Amount), Body.Bold())
                .Add("Bằng chữ:", data.Amount.ToVietnameseWords(), Body.Italic())
                .Add("Mục đích sử dụng vốn:", data.Purpose)
                .Add("Thời hạn cho vay:", VietnameseFormat.Months(data.TermMonths))
                .Add("Ngày bắt đầu tính thời hạn:", VietnameseFormat.Date(data.StartDate))
                .Add("Thời gian ân hạn gốc:", data.GraceMonths > 0 ? VietnameseFormat.Months(data.GraceMonths) : "Không"),
            labelWidthMm: 52);
        c.Spacer(2);
        Article(c, "Điều 2", "Lãi suất và phương thức trả nợ");
        c.KeyValues(kv => kv
                .Add("Lãi suất cho vay:", VietnameseFormat.AnnualRate(data.AnnualRatePercent))
                .Add("Lãi suất nợ gốc quá hạn:", VietnameseFormat.OverdueRate(data.OverdueAnnualRatePercent, data.OverduePercentOfInTermRate))
                .Add("Lãi chậm trả tiền lãi:", VietnameseFormat.LateInterestRate(data.LateInterestAnnualRatePercent))
                .Add("Cách tính lãi:", "Theo dư nợ thực tế và số ngày thực tế duy trì dư nợ, một năm 365 ngày (Thông tư 14/2017/TT-NHNN).")
                .Add("Phương thức trả nợ:", VietnameseFormat.RepaymentMethod(data.Method))
                .Add("Kỳ hạn trả nợ:", VietnameseFormat.RepaymentFrequency(data.Frequency))
                .Add("Lịch trả nợ:", $"Theo Phụ lục kèm theo ({data.Schedule.Count} kỳ; chính sách cho vay phiên bản {data.PolicyVersion}; ngày đến hạn trùng ngày nghỉ được chuyển theo lịch ngày làm việc phiên bản {data.CalendarVersion})."),
            labelWidthMm: 52);
        c.Spacer(2);
        Article(c, "Điều 3", "Giải ngân");
        c.Text("Bên A giải ngân một hoặc nhiều lần vào tài khoản của Bên B theo đề nghị giải ngân được Kế toán trưởng của Bên A phê duyệt, "
               + "tổng số tiền không vượt quá số tiền cho vay tại Điều 1. Trước lần giải ngân đầu tiên, Bên B không có nợ xấu tại các tổ chức tín dụng "
               + "(Nghị định 45/2021/NĐ-CP, Điều 22 khoản 6).", Body.Justify());
        c.Spacer(2);
        Article(c, "Điều 4", "Bảo đảm tiền vay");
        c.Text(data.CollateralSummary, Body.Justify());
        c.Spacer(2);
        Article(c, "Điều 5", "Quyền và nghĩa vụ của các bên");
        c.List([
            "Bên B sử dụng vốn vay đúng mục đích, trả nợ gốc và lãi đầy đủ, đúng hạn theo lịch trả nợ tại phụ lục của hợp đồng.",
            "Bên A có quyền kiểm tra việc sử dụng vốn vay và thu hồi nợ trước hạn khi Bên B vi phạm hợp đồng.",
            "Mọi sửa đổi, bổ sung hợp đồng phải được hai bên thỏa thuận bằng văn bản.",
        ], Body.Justify(), numbered: true);
        c.Spacer(2);
        Article(c, "Điều 6", "Hiệu lực");
        c.Text("Hợp đồng có hiệu lực kể từ ngày ký đến khi Bên B trả hết nợ gốc, lãi và các khoản phải trả. Hợp đồng lập thành 04 bản có giá trị pháp lý như nhau, mỗi bên giữ 02 bản.",
            Body.Justify());
        c.Spacer(6);
    }

    private static void Signatures(ContentBuilder c, LoanContractData data) => c.KeepTogether(k => k.Row(r => r
        .Relative(50, left => left.Signature(new SignatureBlock("ĐẠI DIỆN BÊN B", data.Borrower.LegalRepresentative,
            Note: "(Ký, ghi rõ họ tên và đóng dấu)")))
        .Relative(50, right => right.Signature(new SignatureBlock($"ĐẠI DIỆN BÊN A\n{data.LenderRepresentativePosition.ToUpperInvariant()}", data.LenderRepresentative,
            Note: "(Ký, ghi rõ họ tên và đóng dấu)")))));

    /// <summary>A name, or a dotted line to write it by hand when the office holder is not configured.</summary>
    private static string NameOrBlank(string name) => string.IsNullOrWhiteSpace(name) ? "……………………………………" : name;

    private static void Annex(ContentBuilder c, LoanContractData data)
    {
        c.Text("Phụ lục: Lịch trả nợ", Body.Size(13).Bold().Center(), keepWithNext: true);
        c.Text($"(Kèm theo Hợp đồng tín dụng số {data.ContractNumber} ngày {VietnameseFormat.Date(data.SignedOn)})", Body.Italic().Center(), keepWithNext: true);
        c.Text("Đơn vị tính: đồng. Ngày đến hạn đã điều chỉnh theo ngày làm việc; lãi tính trên dư nợ thực tế.", Small.Italic(), keepWithNext: true);
        c.Spacer(1.5f);
        OfficialDocument.ScheduleTable(c, data.Schedule, fontSize: 9);
    }
}
