using HtxFund.Documents.Formatting;
using HtxFund.Lending;

namespace HtxFund.Documents.Letters;

/// <summary>
/// The decision on a loan application as a PDF in Vietnamese: "QUYẾT ĐỊNH Về việc cho vay vốn" with the terms and the
/// schedule preview, or "THÔNG BÁO Về việc từ chối cho vay" with the reasons. Laid out as a Vietnamese administrative
/// document (Decree 30/2020/NĐ-CP): letterhead and national motto side by side, centred title, articles, recipients
/// on the left and the signature on the right.
/// </summary>
public static class DecisionLetter
{
    private static readonly TextStyle Body = OfficialDocument.Body;
    private static readonly TextStyle Small = OfficialDocument.Small;

    public static byte[] Render(DecisionLetterData data)
    {
        Validate(data);
        var approval = data.Kind == DecisionKind.Approval;
        return OfficialDocument.Render(
            approval
                ? $"Quyết định cho vay {data.DocumentNumber} - {data.Borrower.Name}"
                : $"Thông báo từ chối cho vay {data.DocumentNumber} - {data.Borrower.Name}",
            data.Fund.FundName, $"Hồ sơ vay vốn {data.ApplicationReference}", data.CreatedAt, data.FontFolder,
            $"Số: {data.DocumentNumber} - {data.Borrower.Name}",
            c =>
            {
                OfficialHeading.WithNumberAndDate(c, data.Fund, data.DocumentNumber, data.Place, data.Date);
                c.Spacer(8);
                if (approval)
                    ApprovalBody(c, data, data.Approval!);
                else
                    RejectionBody(c, data);
                c.Spacer(6);
                Closing(c, data);
            });
    }

    private static void Validate(DecisionLetterData data)
    {
        if (data.Kind == DecisionKind.Approval && data.Approval is null)
            throw new ArgumentException("An approval letter needs the approved terms (Approval).", nameof(data));
        if (data.Kind == DecisionKind.Rejection && data.RejectionReasons.Count == 0)
            throw new ArgumentException("A rejection notice needs at least one reason.", nameof(data));
        if (!Enum.IsDefined(data.Kind))
            throw new ArgumentException($"Unknown decision kind {data.Kind}.", nameof(data));
    }

    private static void Title(ContentBuilder c, string kind, string about)
    {
        c.Text(kind, Body.Size(14).Bold().Center(), keepWithNext: true);
        c.Text(about, Body.Size(12).Bold().Center(), keepWithNext: true);
        c.Line(0.6f, widthFraction: 0.25f, align: TextAlign.Center, paddingPoints: 3);
    }

    private static void Article(ContentBuilder c, string number, string heading) => OfficialDocument.Article(c, number, heading);

    /// <summary>One article of a decision: its heading, its content, and whether it orders who executes the decision
    /// (the article "Nơi nhận" refers to).</summary>
    private sealed record LetterArticle(string Heading, Action<ContentBuilder> Content, bool OrdersExecution = false);

    /// <summary>The articles of a decision to lend, in order ("Điều 1" is the first).</summary>
    private static IReadOnlyList<LetterArticle> ApprovalArticles(DecisionLetterData data, ApprovedLoan loan)
    {
        var b = data.Borrower;
        return
        [
            new($"Cho vay vốn đối với {b.Type.ToLowerInvariant()}:", c => Borrower(c, b)),
            new("Nội dung khoản vay", c => c.KeyValues(kv => kv
                    .Add("Số tiền cho vay:", VietnameseFormat.Money(loan.Amount), Body.Bold())
                    .Add("Bằng chữ:", loan.Amount.ToVietnameseWords(), Body.Italic())
                    .Add("Mục đích sử dụng vốn:", loan.Purpose)
                    .Add("Thời hạn cho vay:", VietnameseFormat.Months(loan.TermMonths))
                    .Add("Thời gian ân hạn gốc:", loan.GraceMonths > 0 ? VietnameseFormat.Months(loan.GraceMonths) : "Không")
                    .Add("Lãi suất cho vay:", VietnameseFormat.AnnualRate(loan.AnnualRatePercent))
                    .Add("Lãi suất nợ gốc quá hạn:", VietnameseFormat.OverdueRate(loan.OverdueAnnualRatePercent, loan.OverduePercentOfInTermRate))
                    .Add("Lãi chậm trả tiền lãi:", VietnameseFormat.LateInterestRate(loan.LateInterestAnnualRatePercent))
                    .Add("Phương thức trả nợ:", VietnameseFormat.RepaymentMethod(loan.Method))
                    .Add("Kỳ hạn trả nợ:", VietnameseFormat.RepaymentFrequency(loan.Frequency))
                    .Add("Tài sản bảo đảm:", loan.CollateralSummary),
                labelWidthMm: 48)),
            new("Lịch trả nợ dự kiến", c =>
            {
                c.Text("Đơn vị tính: đồng. Ngày đến hạn đã điều chỉnh theo ngày làm việc; lãi tính trên dư nợ thực tế.", Small.Italic());
                c.Spacer(1.5f);
                ScheduleTable(c, loan.Schedule);
            }),
            new("Các điều kiện khác", c =>
            {
                if (loan.Conditions.Count == 0)
                    c.Text("Không có điều kiện bổ sung.", Body);
                else
                    c.List(loan.Conditions, Body.Justify(), numbered: true);
            }),
            new("Hiệu lực và trách nhiệm thi hành", c =>
                c.Text($"Quyết định này có hiệu lực kể từ ngày ký. Khoản vay được giải ngân sau khi hợp đồng tín dụng và hợp đồng bảo đảm tiền vay được ký kết. {b.Name} và các bộ phận nghiệp vụ của Quỹ chịu trách nhiệm thi hành Quyết định này.",
                    Body.Justify()),
                OrdersExecution: true),
        ];
    }

    /// <summary>"Nơi nhận" of the letter: those it names itself (the article ordering the decision's execution, or the
    /// addressee of a notice), then <see cref="DecisionLetterData.Recipients"/>.</summary>
    public static IReadOnlyList<string> Recipients(DecisionLetterData data)
    {
        if (data.Kind != DecisionKind.Approval) return ["Như trên;", .. data.Recipients];
        var articles = ApprovalArticles(data, data.Approval!);
        var execution = articles.Select((a, i) => (a, Number: i + 1)).Single(x => x.a.OrdersExecution).Number;
        return [$"Như Điều {execution};", .. data.Recipients];
    }

    private static void ApprovalBody(ContentBuilder c, DecisionLetterData data, ApprovedLoan loan)
    {
        var b = data.Borrower;
        Title(c, "QUYẾT ĐỊNH", "Về việc cho vay vốn");
        c.Spacer(3);
        c.Text(data.Signer.Authority.ToUpperInvariant(), Body.Bold().Center());
        c.Spacer(3);
        foreach (var basis in data.LegalBases)
            c.Text(basis, Body.Italic().Justify());
        c.Text($"Xét hồ sơ đề nghị vay vốn số {data.ApplicationReference} ngày {VietnameseFormat.Date(data.ApplicationDate)} của {b.Name} và kết quả thẩm định, phê duyệt khoản vay.",
            Body.Italic().Justify());
        c.Spacer(4);
        c.Text("QUYẾT ĐỊNH:", Body.Size(12).Bold().Center(), keepWithNext: true);
        c.Spacer(3);

        var articles = ApprovalArticles(data, loan);
        for (var i = 0; i < articles.Count; i++)
        {
            if (i > 0) c.Spacer(3);
            Article(c, $"Điều {i + 1}", articles[i].Heading);
            articles[i].Content(c);
        }
    }

    private static void Borrower(ContentBuilder c, DecisionBorrower b) => c.KeyValues(kv =>
    {
        kv.Add("Tên đơn vị vay vốn:", b.Name, Body.Bold());
        kv.Add("Loại hình:", b.Type);
        if (!string.IsNullOrWhiteSpace(b.TaxCode))
            kv.Add("Mã số thuế:", b.TaxCode);
        kv.Add("Địa chỉ:", b.Address);
        kv.Add("Người đại diện:", string.IsNullOrWhiteSpace(b.RepresentativePosition)
            ? b.LegalRepresentative
            : $"{b.LegalRepresentative} - {b.RepresentativePosition}");
    }, labelWidthMm: 48);

    private static void ScheduleTable(ContentBuilder c, IReadOnlyList<DecisionScheduleRow> rows) =>
        OfficialDocument.ScheduleTable(c, rows, fontSize: 8.5f);

    private static void RejectionBody(ContentBuilder c, DecisionLetterData data)
    {
        var b = data.Borrower;
        Title(c, "THÔNG BÁO", "Về việc từ chối cho vay");
        c.Spacer(4);
        c.Paragraph(p => p.Span("Kính gửi: ").Bold(b.Name), TextAlign.Center);
        c.Spacer(4);
        c.Text($"{data.Fund.FundName} đã nhận được hồ sơ đề nghị vay vốn số {data.ApplicationReference} ngày {VietnameseFormat.Date(data.ApplicationDate)} của {b.Name} (mã số thuế: {b.TaxCode ?? "không có"}; địa chỉ: {b.Address}; người đại diện: {b.LegalRepresentative}).",
            Body.Justify());
        c.Spacer(2);
        c.Text("Sau khi thẩm định hồ sơ, Quỹ thông báo không chấp thuận cho vay vì các lý do sau:", Body.Justify(), keepWithNext: true);
        c.Spacer(1.5f);
        c.List(data.RejectionReasons, Body.Justify(), numbered: true);
        c.Spacer(2);
        c.Text("Đơn vị có thể hoàn thiện hồ sơ và đề nghị vay vốn lại khi đáp ứng đủ điều kiện. Mọi thắc mắc xin liên hệ bộ phận tín dụng của Quỹ theo địa chỉ trên.",
            Body.Justify());
        c.Text($"Quỹ trân trọng thông báo để {b.Name} được biết.", Body.Justify());
    }

    private static void Closing(ContentBuilder c, DecisionLetterData data) => c.KeepTogether(k => k.Row(r => r
        .Relative(45, left =>
        {
            left.Text("Nơi nhận:", Body.Size(10).Bold().Italic());
            foreach (var recipient in Recipients(data))
                left.Text($"- {recipient}", Small);
        })
        .Relative(55, right => right.Signature(new SignatureBlock(data.Signer.Title, data.Signer.Name,
            Note: "(Ký, ghi rõ họ tên và đóng dấu)")))));
}
