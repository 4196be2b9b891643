using HtxFund.Accounting;
using HtxFund.Accounting.Setup;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Accounting;

/// <summary>The fund's chart of accounts and mapping in force and their versions (the API's <c>GET /api/accounting/setup</c>
/// and <c>/versions</c>, same roles: the books' readers); the chief accountant gets the link to edit them.</summary>
[Authorize(Roles = FundBooks.Readers)]
public sealed class SetupModel : PortalPage
{
    public AccountingSetupView Setup { get; private set; } = null!;
    public IReadOnlyList<AccountingSetupVersion> Versions { get; private set; } = [];
    public bool MayEdit => User.IsInRole(Roles.ChiefAccountant);
    [TempData] public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Setup = await GetAccountingSetupEndpoint.CurrentAsync(Query, ct);
        Versions = await ListAccountingSetupVersionsEndpoint.VersionsAsync(Query, ct);
        return Page();
    }
}
