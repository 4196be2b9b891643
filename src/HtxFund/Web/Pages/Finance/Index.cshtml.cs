using HtxFund.Loans;
using HtxFund.Loans.Disbursing;
using HtxFund.Loans.GettingDetails;
using HtxFund.Web.Staff;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Finance;

/// <summary>
/// Disbursements with four eyes visible: signed loans with money still to pay out (an Accountant prepares a tranche on
/// the loan's page) and the tranches waiting for a ChiefAccountant's confirmation, each with who prepared it. The
/// confirmation calls the API's own function, which refuses the preparer (the page shows the Vietnamese refusal).
/// </summary>
[Authorize(Roles = Navigation.FinanceRoles)]
public sealed class IndexModel : StaffPage
{
    public sealed record Pending(LoanDetails Loan, TrancheView Tranche);

    public IReadOnlyList<LoanDetails> ToPrepare { get; private set; } = [];
    public IReadOnlyList<Pending> ToConfirm { get; private set; } = [];
    public string? RefusedTranche { get; private set; }

    public bool MayConfirm => MayCall(typeof(ConfirmTrancheEndpoint));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostConfirmAsync(Guid loanId, Guid trancheId)
    {
        if (!MayConfirm) return Forbidden();
        if (await Post($"/api/loans/{loanId}/tranches/{trancheId}/confirmation", new ConfirmTranche(null), "") is { } result)
        {
            var confirmed = result.Value<TrancheConfirmation>(JsonOptions)!;
            Done = string.Format(Text("Đã duyệt giải ngân {0}."), Display.Money(confirmed.Amount));
            return RedirectToPage();
        }
        RefusedTranche = trancheId.ToString();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var loans = await Query.Query<LoanDetails>().Where(x => x.Stage == LoanStage.Contracted).ToListAsync(Ct);
        ToPrepare = loans.Where(l => l.UndisbursedAmount > 0).OrderBy(l => l.ContractSignedOn).ThenBy(l => l.ContractNumber).ToArray();
        ToConfirm = loans.SelectMany(l => l.Tranches.Where(t => t.State == TrancheState.Prepared).Select(t => new Pending(l, t)))
            .OrderBy(p => p.Tranche.PreparedAt).ToArray();
    }
}
