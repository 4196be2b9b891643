using HtxFund.Collateral;
using HtxFund.Collateral.Pledging;
using HtxFund.Collateral.Reading;
using HtxFund.Collateral.Releasing;
using HtxFund.Collateral.Valuing;
using HtxFund.Loans.GettingDetails;
using HtxFund.Web.Staff;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Web.Pages.Credit.CollateralRegister;

/// <summary>One item of the register (GET /api/collateral-items/{id}): what it is, its valuations and pledges, and for a
/// credit officer the forms that value it, pledge it to a loan of its borrower and release a pledge of a closed loan
/// (the API's commands through the app's pipeline).</summary>
[Authorize(Roles = Navigation.CreditRoles)]
public sealed class ItemModel : StaffPage
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public long? Version { get; set; }

    public sealed class ValuationForm
    {
        [Money] public long? Value { get; set; }
        public LocalDate? ValuedOn { get; set; }
        public string? Method { get; set; }
        public string? Valuer { get; set; }
    }

    public sealed class PledgeForm
    {
        public Guid? LoanId { get; set; }
        [Rate] public decimal? SharePercent { get; set; }
        public LocalDate? PledgedOn { get; set; }
    }

    [BindProperty] public ValuationForm Valuation { get; set; } = new();
    [BindProperty] public PledgeForm Pledge { get; set; } = new();
    [BindProperty] public Guid? PledgeId { get; set; }

    public CollateralItemView? Item { get; private set; }
    /// <summary>The borrower's loans and applications open to a pledge: id and how people name them.</summary>
    public IReadOnlyList<(Guid Id, string Name)> Loans { get; private set; } = [];
    public bool MayValue => MayCall(typeof(ValueCollateralItemEndpoint));
    public bool MayPledge => MayCall(typeof(PledgeCollateralItemEndpoint));
    public bool MayRelease => MayCall(typeof(ReleaseCollateralPledgeEndpoint));

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : ProblemPage();

    public async Task<IActionResult> OnPostValueAsync()
    {
        if (!MayValue) return Forbidden();
        var command = new ValueCollateralItem(Version, Valuation.Value, Valuation.ValuedOn, Valuation.Method, Valuation.Valuer);
        return await After(await Post($"/api/collateral-items/{Id}/valuations", command, nameof(Valuation)), "Đã ghi nhận kết quả định giá.");
    }

    public async Task<IActionResult> OnPostPledgeAsync()
    {
        if (!MayPledge) return Forbidden();
        var command = new PledgeCollateralItem(Version, Pledge.LoanId, Pledge.SharePercent, Pledge.PledgedOn);
        return await After(await Post($"/api/collateral-items/{Id}/pledges", command, nameof(Pledge)), "Đã thế chấp tài sản cho khoản vay.");
    }

    public async Task<IActionResult> OnPostReleaseAsync()
    {
        if (!MayRelease) return Forbidden();
        var command = new ReleaseCollateralPledge(Version, null);
        return await After(await Post($"/api/collateral-items/{Id}/pledges/{PledgeId}/release", command, ""), "Đã giải chấp tài sản.");
    }

    private async Task<IActionResult> After(PageCommandResult? result, string done)
    {
        if (result is null) return await LoadAsync() ? Page() : ProblemPage();
        Done = Text(done);
        return Redirect($"/tin-dung/tai-san-bao-dam/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        Item = await Read<CollateralItemView>(q => GetCollateralEndpoints.Get(Id, User, q, Ct));
        if (Item is null) return false;
        var item = Item;
        var loans = await Query.Query<LoanDetails>().Where(l => l.CooperativeId == item.CooperativeId).ToListAsync(Ct);
        Loans = loans.Where(l => l.MemberId == item.MemberId && l.Stage != HtxFund.Loans.LoanStage.Closed)
            .Select(l => (l.Id, l.ContractNumber is { } number ? $"{number} · {Display.Money(l.ContractedAmount)}" : $"{Text("Hồ sơ vay")} · {l.BorrowerName}"))
            .ToArray();
        return true;
    }
}
