using HtxFund.Accounting.Setup;
using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>The chief accountant edits the chart of accounts and the mapping and adopts them as a new version: the API's
/// <c>POST /api/accounting/setup</c> (<see cref="AdoptAccountingSetup"/>) sent through the app's pipeline, same role; the
/// rules' errors are shown next to their fields. A chart row left blank is removed; blank rows below add accounts.</summary>
[Authorize(Roles = Roles.ChiefAccountant)]
public sealed class SetupEditModel : PortalPage
{
    /// <summary>Blank rows offered below the chart for new accounts.</summary>
    public const int NewRows = 3;

    public sealed class AccountRow
    {
        public string? Number { get; set; }
        public string? Name { get; set; }
        public AccountKind? Kind { get; set; }
        public bool TracksObject { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Number) && string.IsNullOrWhiteSpace(Name);
    }

    public sealed class RuleRow
    {
        public PostingKind Kind { get; set; }
        public string? Debit { get; set; }
        public string? Credit { get; set; }
    }

    public sealed class SetupForm
    {
        public int ExpectedVersion { get; set; }
        public List<AccountRow> Chart { get; set; } = [];
        public List<RuleRow> Mapping { get; set; } = [];
        public string? Reason { get; set; }
    }

    [BindProperty] public SetupForm Input { get; set; } = new();
    public IReadOnlyList<string> AccountsInUse { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var setup = await GetAccountingSetupEndpoint.CurrentAsync(Query, ct);
        AccountsInUse = setup.AccountsInUse;
        Input = new SetupForm
        {
            ExpectedVersion = setup.Version,
            Chart = setup.Chart.Select(a => new AccountRow { Number = a.Number, Name = a.Name, Kind = a.Kind, TracksObject = a.TracksObject })
                .Concat(Enumerable.Range(0, NewRows).Select(_ => new AccountRow())).ToList(),
            Mapping = Enum.GetValues<PostingKind>().Select(k => setup.Mapping.FirstOrDefault(r => r.Kind == k) is { } r
                ? new RuleRow { Kind = k, Debit = r.Debit, Credit = r.Credit } : new RuleRow { Kind = k }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        AccountsInUse = (await AccountsInUseOf(ct)).Order(StringComparer.Ordinal).ToArray();
        // blank rows are left out; the API's row numbers are mapped back to the form's
        var kept = Input.Chart.Select((row, index) => (row, index)).Where(x => !x.row.IsBlank).ToList();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < kept.Count; j++)
            foreach (var field in new[] { "Number", "Name", "Kind" })
                fields[$"chart[{j}].{field}"] = $"Chart[{kept[j].index}].{field}";
        var command = new AdoptAccountingSetup(Input.ExpectedVersion,
            kept.Select(x => new AccountInput(x.row.Number, x.row.Name, x.row.Kind, x.row.TracksObject)).ToArray(),
            Input.Mapping.Select(r => new PostingRuleInput(r.Kind, r.Debit, r.Credit)).ToArray(), Input.Reason);
        if (await Post("/api/accounting/setup", command, "Input", fields) is null) return Page();
        TempData["Done"] = "Đã áp dụng phiên bản mới của hệ thống tài khoản.";
        return Redirect("/ke-toan/he-thong-tai-khoan");
    }

    private async Task<IReadOnlySet<string>> AccountsInUseOf(CancellationToken ct) => (await HtxFund.Accounting.Setup.AccountsInUse.LoadAsync(Query, ct)).Numbers;
}
