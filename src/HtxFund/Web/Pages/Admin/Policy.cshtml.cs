using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Policy;
using HtxFund.Policy.Adopting;
using HtxFund.Policy.GettingCurrent;
using HtxFund.Policy.GettingHistory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Admin;

/// <summary>The fund's lending policy and approval matrix: the version in force, a form to adopt a new version (the
/// API's AdoptFundPolicy, sent through the app's pipeline: same rules, same version check), and every version with who changed what and why (Admin).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class PolicyModel : PortalPage
{
    public sealed class TierForm
    {
        [Money] public long? UpToAmount { get; set; }
        public string? DecidedBy { get; set; }
        public int? Quorum { get; set; }
        public string? Majority { get; set; }
    }

    /// <summary>One tier of who decides restructurings or interest waivers (<see cref="RiskApprovalTier"/>).</summary>
    public sealed class RiskTierForm
    {
        [Money] public long? UpToAmount { get; set; }
        public string? DecidedBy { get; set; }

        public static List<RiskTierForm> Of(IReadOnlyList<RiskApprovalTier> tiers) =>
            [.. tiers.Select(t => new RiskTierForm { UpToAmount = t.UpToAmount?.Dong, DecidedBy = t.DecidedBy.ToString() }), new RiskTierForm()];

        public static RiskApprovalTier[] Tiers(IEnumerable<RiskTierForm> rows) => rows.Where(t => !string.IsNullOrWhiteSpace(t.DecidedBy))
            .Select(t => new RiskApprovalTier(t.UpToAmount is { } up ? Money.Of(up) : null,
                Enum.TryParse<RiskDecider>(t.DecidedBy, out var by) ? by : (RiskDecider)(-1))).ToArray();
    }

    public sealed class CoverageBandForm
    {
        [Money] public long? FromAmount { get; set; }
        [Rate] public decimal? MinimumPercent { get; set; }
    }

    /// <summary>The deduction rate of each collateral type (%), as the policy's <see cref="Collateral.CollateralSettings"/>.</summary>
    public sealed class CollateralRatesForm
    {
        [Rate] public decimal? LandUseRightPercent { get; set; }
        [Rate] public decimal? HousePercent { get; set; }
        [Rate] public decimal? VehiclePercent { get; set; }
        [Rate] public decimal? MachineryPercent { get; set; }
        [Rate] public decimal? GoodsInStockPercent { get; set; }
        [Rate] public decimal? DepositPercent { get; set; }
        [Rate] public decimal? ThirdPartyGuaranteePercent { get; set; }
        [Rate] public decimal? CooperativeGuaranteePercent { get; set; }

        public static CollateralRatesForm From(Collateral.CollateralSettings c) => new()
        {
            LandUseRightPercent = c.LandUseRightPercent, HousePercent = c.HousePercent, VehiclePercent = c.VehiclePercent,
            MachineryPercent = c.MachineryPercent, GoodsInStockPercent = c.GoodsInStockPercent, DepositPercent = c.DepositPercent,
            ThirdPartyGuaranteePercent = c.ThirdPartyGuaranteePercent, CooperativeGuaranteePercent = c.CooperativeGuaranteePercent,
            Bands = [.. (c.MinimumCoverage ?? []).Select(b => new CoverageBandForm { FromAmount = b.FromAmount, MinimumPercent = b.MinimumPercent }), new CoverageBandForm()],
        };

        /// <summary>The minimum coverage by amount band; a row with neither value is left out.</summary>
        public List<CoverageBandForm> Bands { get; set; } = [];

        /// <summary>The settings the form asks for: an empty rate keeps the rate of <paramref name="current"/>.</summary>
        public Collateral.CollateralSettings ToSettings(Collateral.CollateralSettings current) => new(LandUseRightPercent ?? current.LandUseRightPercent,
            HousePercent ?? current.HousePercent, VehiclePercent ?? current.VehiclePercent, MachineryPercent ?? current.MachineryPercent,
            GoodsInStockPercent ?? current.GoodsInStockPercent, DepositPercent ?? current.DepositPercent,
            ThirdPartyGuaranteePercent ?? current.ThirdPartyGuaranteePercent, CooperativeGuaranteePercent ?? current.CooperativeGuaranteePercent,
            Bands.Where(b => b.FromAmount is not null || b.MinimumPercent is not null)
                .Select(b => new Collateral.CoverageBand(b.FromAmount ?? -1, b.MinimumPercent ?? -1)).ToArray() is { Length: > 0 } bands ? bands : null);

        public decimal? Of(Collateral.CollateralType type) => (decimal?)GetType().GetProperty($"{type}Percent")!.GetValue(this);
    }

    public sealed class PolicyForm
    {
        [Rate] public decimal? SingleBorrowerLimitPercent { get; set; }
        [Rate] public decimal? RelatedGroupLimitPercent { get; set; }
        [Rate] public decimal? MinOwnEquityPercentOfProject { get; set; }
        [Rate] public decimal? OverdueRatePercentOfInTermRate { get; set; }
        public int? MaxTermMonths { get; set; }
        public int? RepaymentBackdateDays { get; set; }
        public int? CreditCheckMaxAgeDays { get; set; }
        [Rate] public decimal? DissolutionThresholdPercent { get; set; }
        public int? RiskWriteOffMinYears { get; set; }
        public string? RiskDecidingRole { get; set; }
        public string? RiskApprovingBody { get; set; }
        public int? RiskReviewEveryMonths { get; set; }
        public int? CollectionsLookAheadDays { get; set; }
        public int? CollectionsMaxPromiseDays { get; set; }
        public int? InspectionDueDays { get; set; }
        public int? InspectionNoticeDaysBefore { get; set; }
        public List<TierForm> Tiers { get; set; } = [];
        public List<RiskTierForm> RestructuringTiers { get; set; } = [];
        public List<RiskTierForm> WaiverTiers { get; set; } = [];
        public CollateralRatesForm Collateral { get; set; } = new();
        public string? Reason { get; set; }
        public int ExpectedVersion { get; set; }
    }

    [BindProperty] public PolicyForm Input { get; set; } = new();
    public FundPolicy Current { get; private set; } = FundPolicy.Default;
    public IReadOnlyList<FundPolicyVersion> History { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var s = Current.Settings;
        Input = new PolicyForm
        {
            SingleBorrowerLimitPercent = s.SingleBorrowerLimitPercent, RelatedGroupLimitPercent = s.RelatedGroupLimitPercent,
            MinOwnEquityPercentOfProject = s.MinOwnEquityPercentOfProject, OverdueRatePercentOfInTermRate = s.OverdueRatePercentOfInTermRate,
            MaxTermMonths = s.MaxTermMonths, RepaymentBackdateDays = s.RepaymentBackdateDays, CreditCheckMaxAgeDays = s.CreditCheckMaxAgeDays,
            DissolutionThresholdPercent = s.DissolutionThresholdPercent, ExpectedVersion = Current.Version,
            Collateral = CollateralRatesForm.From(s.Collateral),
            RiskWriteOffMinYears = s.RiskHandling.MinYearsFromProvisionUseToWriteOff, RiskDecidingRole = s.RiskHandling.DecidingRole,
            RiskApprovingBody = s.RiskHandling.ApprovingBody, RiskReviewEveryMonths = s.RiskHandling.ReviewEveryMonths,
            CollectionsLookAheadDays = s.Collections.LookAheadDays, CollectionsMaxPromiseDays = s.Collections.MaxPromiseDays,
            InspectionDueDays = s.Inspections.DueDays, InspectionNoticeDaysBefore = s.Inspections.NoticeDaysBefore,
            Tiers = [.. s.ApprovalMatrix.Select(t => new TierForm
            {
                UpToAmount = t.UpToAmount?.Dong, DecidedBy = t.DecidedBy.ToString(), Quorum = t.Quorum, Majority = t.Majority?.ToString(),
            }), new TierForm()],
            RestructuringTiers = RiskTierForm.Of(s.RiskApprovals.Restructurings),
            WaiverTiers = RiskTierForm.Of(s.RiskApprovals.Waivers),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var tiers = Input.Tiers.Where(t => !string.IsNullOrWhiteSpace(t.DecidedBy)).Select(t => new ApprovalTier(
            t.UpToAmount is { } up ? Money.Of(up) : null,
            Enum.TryParse<ApprovalAuthority>(t.DecidedBy, out var by) ? by : (ApprovalAuthority)(-1),
            t.Quorum,
            Enum.TryParse<BoardMajority>(t.Majority, out var majority) ? majority : null)).ToArray();
        var settings = Current.Settings with
        {
            SingleBorrowerLimitPercent = Input.SingleBorrowerLimitPercent ?? -1,
            RelatedGroupLimitPercent = Input.RelatedGroupLimitPercent ?? -1,
            MinOwnEquityPercentOfProject = Input.MinOwnEquityPercentOfProject ?? -1,
            OverdueRatePercentOfInTermRate = Input.OverdueRatePercentOfInTermRate ?? -1,
            MaxTermMonths = Input.MaxTermMonths,
            RepaymentBackdateDays = Input.RepaymentBackdateDays ?? -1,
            CreditCheckMaxAgeDays = Input.CreditCheckMaxAgeDays ?? -1,
            DissolutionThresholdPercent = Input.DissolutionThresholdPercent ?? -1,
            ApprovalMatrix = tiers,
            RiskApprovals = new RiskApprovalSettings(RiskTierForm.Tiers(Input.RestructuringTiers), RiskTierForm.Tiers(Input.WaiverTiers)),
            Collateral = Input.Collateral.ToSettings(Current.Settings.Collateral),
            RiskHandling = new RiskHandlingSettings(Input.RiskWriteOffMinYears ?? -1, Input.RiskDecidingRole ?? "", Input.RiskApprovingBody ?? "",
                Input.RiskReviewEveryMonths ?? -1),
            Collections = new HtxFund.Collections.CollectionSettings(Input.CollectionsLookAheadDays ?? Current.Settings.Collections.LookAheadDays,
                Input.CollectionsMaxPromiseDays ?? Current.Settings.Collections.MaxPromiseDays),
            // an empty field keeps the value in force (as the collateral rates do)
            Inspections = new HtxFund.Inspections.InspectionSettings(Input.InspectionDueDays ?? Current.Settings.Inspections.DueDays,
                Input.InspectionNoticeDaysBefore ?? Current.Settings.Inspections.NoticeDaysBefore),
        };
        var command = new AdoptFundPolicy(settings, Input.Reason, Input.ExpectedVersion, null);
        var done = await Send(HttpMethod.Put, "/api/policy", command, "Input", Fields);
        if (done is null) return Page();
        Done = $"Đã thông qua chính sách phiên bản {Input.ExpectedVersion + 1}.";
        return Redirect("/quan-tri/chinh-sach");
    }

    /// <summary>API field → form field.</summary>
    private static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["settings.singleBorrowerLimitPercent"] = nameof(PolicyForm.SingleBorrowerLimitPercent),
        ["settings.relatedGroupLimitPercent"] = nameof(PolicyForm.RelatedGroupLimitPercent),
        ["settings.minOwnEquityPercentOfProject"] = nameof(PolicyForm.MinOwnEquityPercentOfProject),
        ["settings.overdueRatePercentOfInTermRate"] = nameof(PolicyForm.OverdueRatePercentOfInTermRate),
        ["settings.maxTermMonths"] = nameof(PolicyForm.MaxTermMonths),
        ["settings.repaymentBackdateDays"] = nameof(PolicyForm.RepaymentBackdateDays),
        ["settings.creditCheckMaxAgeDays"] = nameof(PolicyForm.CreditCheckMaxAgeDays),
        ["settings.dissolutionThresholdPercent"] = nameof(PolicyForm.DissolutionThresholdPercent),
        ["settings.approvalMatrix"] = nameof(PolicyForm.Tiers),
        ["settings.riskApprovals.restructurings"] = nameof(PolicyForm.RestructuringTiers),
        ["settings.riskApprovals.waivers"] = nameof(PolicyForm.WaiverTiers),
        ["settings.collateral"] = nameof(PolicyForm.Collateral),
        ["settings.riskHandling.minYearsFromProvisionUseToWriteOff"] = nameof(PolicyForm.RiskWriteOffMinYears),
        ["settings.riskHandling.decidingRole"] = nameof(PolicyForm.RiskDecidingRole),
        ["settings.riskHandling.approvingBody"] = nameof(PolicyForm.RiskApprovingBody),
        ["settings.riskHandling.reviewEveryMonths"] = nameof(PolicyForm.RiskReviewEveryMonths),
        ["settings.collections.lookAheadDays"] = nameof(PolicyForm.CollectionsLookAheadDays),
        ["settings.collections.maxPromiseDays"] = nameof(PolicyForm.CollectionsMaxPromiseDays),
        ["settings.inspections.dueDays"] = nameof(PolicyForm.InspectionDueDays),
        ["settings.inspections.noticeDaysBefore"] = nameof(PolicyForm.InspectionNoticeDaysBefore),
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Current = await GetFundPolicyEndpoint.Get(Query, ct);
        History = await GetFundPolicyHistoryEndpoint.Get(Query, ct);
    }

    public static string FieldName(string field) => field switch
    {
        "singleBorrowerLimitPercent" => "Giới hạn cho vay một khách hàng",
        "relatedGroupLimitPercent" => "Giới hạn cho vay khách hàng và người có liên quan",
        "minOwnEquityPercentOfProject" => "Vốn chủ sở hữu tối thiểu của dự án",
        "overdueRatePercentOfInTermRate" => "Lãi suất nợ quá hạn so với lãi suất trong hạn",
        "maxTermMonths" => "Thời hạn cho vay tối đa",
        "repaymentBackdateDays" => "Số ngày được ghi nhận trả nợ với ngày giá trị trước hôm nay",
        "creditCheckMaxAgeDays" => "Thời hạn sử dụng kết quả kiểm tra thông tin tín dụng",
        "dissolutionThresholdPercent" => "Ngưỡng dư nợ cho vay trên vốn chủ sở hữu",
        _ when field.StartsWith("riskHandling") => "Xử lý rủi ro",
        _ when field.StartsWith("collections") => "Thu nợ",
        _ when field.StartsWith("approvalMatrix") => "Ma trận phê duyệt",
        _ when field.StartsWith("riskApprovals.restructurings") => "Thẩm quyền phê duyệt cơ cấu lại thời hạn trả nợ",
        _ when field.StartsWith("riskApprovals.waivers") => "Thẩm quyền phê duyệt miễn, giảm lãi",
        _ when field.StartsWith("collateral") => "Tỷ lệ khấu trừ tài sản bảo đảm",
        _ => field,
    };

    public static string Authority(ApprovalAuthority a) => a == ApprovalAuthority.Director ? "Giám đốc" : "Hội đồng quản lý";

    public static string MajorityName(BoardMajority? m) => m switch
    {
        BoardMajority.MoreApproveThanReject => "Số phiếu tán thành nhiều hơn không tán thành",
        BoardMajority.MajorityOfVotesCast => "Quá bán số phiếu",
        BoardMajority.TwoThirdsOfVotesCast => "Hai phần ba số phiếu",
        _ => "—",
    };
}
