using HtxFund.Applications;
using HtxFund.Applications.Applying;
using HtxFund.Applications.Appraising;
using HtxFund.Cooperatives;
using HtxFund.Lending;

namespace HtxFund.Web.Pages.Cooperative;

/// <summary>The loan request as the form carries it: the API's <see cref="LoanRequestInput"/> with one collateral item
/// flattened into fields. Property names follow the API fields so refusals land next to them.</summary>
public sealed class LoanRequestForm
{
    public string? Purpose { get; set; }
    public string? Sector { get; set; }
    [Money] public long? TotalInvestment { get; set; }
    [Money] public long? OwnEquity { get; set; }
    [Money] public long? Amount { get; set; }
    public int? TermMonths { get; set; } = 36;
    public string? Method { get; set; } = nameof(RepaymentMethod.EqualPrincipal);
    public string? Frequency { get; set; } = nameof(RepaymentFrequency.Monthly);
    public int? GraceMonths { get; set; } = 0;
    public bool UnsecuredRequested { get; set; }
    public string? CollateralType { get; set; } = nameof(Applications.CollateralType.LandUseRight);
    public string? CollateralDescription { get; set; }
    [Money] public long? CollateralValue { get; set; }
    public bool WomenManaged { get; set; }
    public bool EthnicMinorityArea { get; set; }
    public bool OcopProduct { get; set; }
    public bool AgriculturalValueChain { get; set; }
    public bool HighTech { get; set; }
    /// <summary>Only for the preview: the fund sets the actual rate when it appraises.</summary>
    [Rate] public decimal? PreviewRatePercent { get; set; }

    /// <summary>API field → form field, where they differ: the command's <c>request.*</c> fields are the form's own, and
    /// its one collateral item is flattened into fields.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["request.collateral[0].type"] = nameof(CollateralType),
        ["request.collateral[0].description"] = nameof(CollateralDescription),
        ["request.collateral[0].appraisedValue"] = nameof(CollateralValue),
        ["request.collateral"] = nameof(CollateralDescription),
        ["request.purpose"] = nameof(Purpose),
        ["request.sector"] = nameof(Sector),
        ["request.totalInvestment"] = nameof(TotalInvestment),
        ["request.ownEquity"] = nameof(OwnEquity),
        ["request.amount"] = nameof(Amount),
        ["request.termMonths"] = nameof(TermMonths),
        ["request.method"] = nameof(Method),
        ["request.frequency"] = nameof(Frequency),
        ["request.graceMonths"] = nameof(GraceMonths),
        ["request.unsecuredRequested"] = nameof(UnsecuredRequested),
        ["request"] = nameof(Purpose),
    };

    public LoanRequestInput ToInput() => new(Purpose, Sector, TotalInvestment, OwnEquity, Amount, TermMonths, Method, Frequency,
        GraceMonths,
        UnsecuredRequested ? [] : [new CollateralInput(CollateralType, CollateralDescription, CollateralValue)],
        UnsecuredRequested,
        new PriorityFlags(WomenManaged, EthnicMinorityArea, OcopProduct, AgriculturalValueChain, HighTech));

    public ProposalInput ToPreview() => new(Amount, PreviewRatePercent, TermMonths, Method, Frequency, GraceMonths, null);

    public static LoanRequestForm From(LoanRequest r) => new()
    {
        Purpose = r.Purpose, Sector = r.Sector, TotalInvestment = r.TotalInvestment, OwnEquity = r.OwnEquity, Amount = r.Amount,
        TermMonths = r.TermMonths, Method = r.Method.ToString(), Frequency = r.Frequency.ToString(), GraceMonths = r.GraceMonths,
        UnsecuredRequested = r.UnsecuredRequested,
        CollateralType = r.Collateral.FirstOrDefault()?.Type.ToString() ?? nameof(Applications.CollateralType.LandUseRight),
        CollateralDescription = r.Collateral.FirstOrDefault()?.Description, CollateralValue = r.Collateral.FirstOrDefault()?.AppraisedValue,
        WomenManaged = r.Priority.WomenManaged, EthnicMinorityArea = r.Priority.EthnicMinorityArea, OcopProduct = r.Priority.OcopProduct,
        AgriculturalValueChain = r.Priority.AgriculturalValueChain, HighTech = r.Priority.HighTech,
    };

    public static readonly IReadOnlyList<(string Value, string Label)> Methods =
    [
        (nameof(RepaymentMethod.EqualPrincipal), Display.Method(RepaymentMethod.EqualPrincipal)),
        (nameof(RepaymentMethod.Annuity), Display.Method(RepaymentMethod.Annuity)),
        (nameof(RepaymentMethod.Bullet), Display.Method(RepaymentMethod.Bullet)),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Frequencies =
        Enum.GetValues<RepaymentFrequency>().Select(f => (f.ToString(), Display.Frequency(f))).ToArray();

    public static readonly IReadOnlyList<(string Value, string Label)> CollateralTypes =
    [
        (nameof(Applications.CollateralType.LandUseRight), "Quyền sử dụng đất"),
        (nameof(Applications.CollateralType.Building), "Nhà, công trình xây dựng"),
        (nameof(Applications.CollateralType.Machinery), "Máy móc, thiết bị"),
        (nameof(Applications.CollateralType.Vehicle), "Phương tiện vận tải"),
        (nameof(Applications.CollateralType.Inventory), "Hàng hóa"),
        (nameof(Applications.CollateralType.DepositOrValuablePapers), "Tiền gửi, giấy tờ có giá"),
        (nameof(Applications.CollateralType.Other), "Tài sản khác"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> DocumentKinds =
    [
        (nameof(DocumentKind.BusinessPlan), "Dự án, phương án sản xuất kinh doanh"),
        (nameof(DocumentKind.FinancialStatements), "Báo cáo tài chính"),
        (nameof(DocumentKind.CollateralPapers), "Giấy tờ tài sản bảo đảm"),
        (nameof(DocumentKind.Other), "Tài liệu khác"),
    ];

    public static string DocumentKindName(DocumentKind kind) => DocumentKinds.First(k => k.Value == kind.ToString()).Label;
}

/// <summary>The schedule preview fragment: the rows of the API's preview, or why there are none yet.</summary>
public sealed record SchedulePreviewView(SchedulePreview? Preview, string? Message);
