using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Documents.Letters;

public enum DecisionKind
{
    /// <summary>QUYẾT ĐỊNH Về việc cho vay vốn.</summary>
    Approval,

    /// <summary>THÔNG BÁO Về việc từ chối cho vay.</summary>
    Rejection,
}

/// <summary>The fund's letterhead, from configuration.</summary>
/// <param name="SuperiorBody">The body the fund belongs to, e.g. "UBND TỈNH ĐẮK LẮK".</param>
/// <param name="FundName">E.g. "QUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ TỈNH ĐẮK LẮK".</param>
/// <param name="ContactLines">Address, phone, email lines printed small under the letterhead.</param>
public sealed record FundLetterhead(string SuperiorBody, string FundName, IReadOnlyList<string> ContactLines);

/// <summary>The borrower as the letter names it.</summary>
/// <param name="Type">E.g. "Hợp tác xã", "Liên hiệp hợp tác xã", "Thành viên tổ hợp tác".</param>
public sealed record DecisionBorrower(string Name, string Type, string? TaxCode, string Address, string LegalRepresentative,
    string? RepresentativePosition = null);

/// <summary>One row of the schedule preview. The caller maps it from the Lending engine (see <see cref="From"/>).</summary>
public sealed record DecisionScheduleRow(int Number, LocalDate DueDate, Money Principal, Money Interest, Money Total, Money BalanceAfter)
{
    public static DecisionScheduleRow From(Instalment instalment) => new(instalment.Number, instalment.DueDate,
        instalment.Principal, instalment.Interest, instalment.Total, instalment.BalanceAfter);

    public static IReadOnlyList<DecisionScheduleRow> From(RepaymentSchedule schedule) => schedule.Instalments.Select(From).ToList();
}

/// <summary>What was approved.</summary>
/// <param name="AnnualRatePercent">In-term rate, e.g. 6.5 for "6,5 %/năm".</param>
/// <param name="OverdueAnnualRatePercent">Rate on overdue principal, e.g. 9.75 (150 % of the in-term rate).</param>
/// <param name="OverduePercentOfInTermRate">The overdue rate as a share of the in-term rate, e.g. 150.</param>
/// <param name="LateInterestAnnualRatePercent">Rate on interest paid late, in % per year, e.g. 10.</param>
/// <param name="GraceMonths">Principal grace period in months (0 for none).</param>
public sealed record ApprovedLoan(
    Money Amount,
    decimal AnnualRatePercent,
    decimal OverdueAnnualRatePercent,
    decimal OverduePercentOfInTermRate,
    decimal LateInterestAnnualRatePercent,
    int TermMonths,
    RepaymentMethod Method,
    RepaymentFrequency Frequency,
    int GraceMonths,
    string Purpose,
    string CollateralSummary,
    IReadOnlyList<DecisionScheduleRow> Schedule,
    IReadOnlyList<string> Conditions);

/// <summary>Who signs: <paramref name="Title"/> "GIÁM ĐỐC", or "TM. HỘI ĐỒNG QUẢN LÝ\nCHỦ TỊCH" (one line per row);
/// <paramref name="Name"/> is empty when the office holder is not configured (the name is then written by hand).</summary>
/// <param name="Authority">The deciding authority line above the articles, e.g. "GIÁM ĐỐC QUỸ HỖ TRỢ PHÁT TRIỂN HỢP TÁC XÃ TỈNH ĐẮK LẮK".</param>
public sealed record DecisionSigner(string Title, string Name, string Authority);

/// <summary>Everything the decision letter (approval) or the rejection notice shows.</summary>
public sealed record DecisionLetterData
{
    public required FundLetterhead Fund { get; init; }

    /// <summary>"Số: 15/QĐ-QHTX" is printed from "15/QĐ-QHTX".</summary>
    public required string DocumentNumber { get; init; }

    public required string Place { get; init; }
    public required LocalDate Date { get; init; }
    public required DecisionKind Kind { get; init; }
    public required DecisionBorrower Borrower { get; init; }
    /// <summary>The file's number in the fund's register of loan files ("hồ sơ số"), e.g. "HS-2026-00042".</summary>
    public required string ApplicationReference { get; init; }
    public required LocalDate ApplicationDate { get; init; }

    /// <summary>Required for an approval.</summary>
    public ApprovedLoan? Approval { get; init; }

    /// <summary>Required (at least one) for a rejection.</summary>
    public IReadOnlyList<string> RejectionReasons { get; init; } = [];

    /// <summary>Legal bases ("Căn cứ ...") printed above the articles of an approval.</summary>
    public IReadOnlyList<string> LegalBases { get; init; } = DefaultLegalBases;

    /// <summary>"Nơi nhận" lines after those the letter writes itself (the article of a decision that orders its
    /// execution, "Như Điều 5;", or the addressee of a notice, "Như trên;"), e.g. "Lưu: VT, NV.".</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    public required DecisionSigner Signer { get; init; }

    /// <summary>The PDF creation instant (metadata); never read from a clock.</summary>
    public required Instant CreatedAt { get; init; }

    /// <summary>Font folder override (tests, other installations); default <see cref="PdfDocumentOptions.DefaultFontFolder"/>.</summary>
    public string FontFolder { get; init; } = PdfDocumentOptions.DefaultFontFolder;

    public static IReadOnlyList<string> DefaultLegalBases { get; } =
    [
        "Căn cứ Luật Hợp tác xã số 17/2023/QH15 ngày 20 tháng 6 năm 2023;",
        "Căn cứ Nghị định số 45/2021/NĐ-CP ngày 31 tháng 3 năm 2021 của Chính phủ về việc thành lập, tổ chức và hoạt động của Quỹ hỗ trợ phát triển hợp tác xã;",
        "Căn cứ Điều lệ tổ chức và hoạt động của Quỹ và hồ sơ đề nghị vay vốn, kết quả thẩm định;",
    ];
}
