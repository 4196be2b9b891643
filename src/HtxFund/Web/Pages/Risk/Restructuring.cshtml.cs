using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Restructuring;
using HtxFund.Loans.Waiving;
using HtxFund.Policy;
using HtxFund.Web.Staff;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Risk;

/// <summary>A pending restructuring with its preview (the new schedule the engine computes on the loan as it is now).</summary>
public sealed record PendingRestructuring(LoanDetails Loan, RestructuringView Request, RestructuringPreview? Preview, bool Mine);

/// <summary>A pending interest waiver with its preview (what is owed before and after).</summary>
public sealed record PendingWaiver(LoanDetails Loan, WaiverView Request, WaiverPreview? Preview, bool Mine);

/// <summary>
/// The fund's pending restructurings and interest waivers for those who decide them (Risk Council, Director, Chairman):
/// each with the server's preview and approve / reject forms, shown only for the requests the user's authority covers
/// (fund policy <c>riskApprovals</c>, <see cref="RestructuringRules.MayDecide"/>, <see cref="WaiverRules.MayDecide"/>); the
/// endpoints refuse anyway. Decisions are the API's own commands sent through the app's pipeline.
/// </summary>
[Authorize(Roles = RiskApprovalSettings.DeciderRoles)]
public sealed class RestructuringModel : StaffPage
{
    public IReadOnlyList<PendingRestructuring> Restructurings { get; private set; } = [];
    public IReadOnlyList<PendingWaiver> Waivers { get; private set; } = [];
    /// <summary>Pending requests above the user's authority (listed by count only).</summary>
    public int AboveAuthority { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostApproveRestructuringAsync(Guid loanId, Guid requestId) =>
        Decide(typeof(ApproveRestructuringEndpoint), $"/api/loans/{loanId}/restructurings/{requestId}/approval", new ApproveRestructuring(null),
            "Đã phê duyệt cơ cấu lại thời hạn trả nợ; quyết định gửi người vay được lập ngay sau đó.");

    public Task<IActionResult> OnPostRejectRestructuringAsync(Guid loanId, Guid requestId, string? reason) =>
        Decide(typeof(RejectRestructuringEndpoint), $"/api/loans/{loanId}/restructurings/{requestId}/rejection", new RejectRestructuring(null, reason),
            "Đã từ chối đề nghị cơ cấu lại.");

    public Task<IActionResult> OnPostApproveWaiverAsync(Guid loanId, Guid requestId) =>
        Decide(typeof(ApproveInterestWaiverEndpoint), $"/api/loans/{loanId}/interest-waivers/{requestId}/approval", new ApproveInterestWaiver(null),
            "Đã phê duyệt miễn, giảm lãi; quyết định gửi người vay được lập ngay sau đó.");

    public Task<IActionResult> OnPostRejectWaiverAsync(Guid loanId, Guid requestId, string? reason) =>
        Decide(typeof(RejectInterestWaiverEndpoint), $"/api/loans/{loanId}/interest-waivers/{requestId}/rejection", new RejectInterestWaiver(null, reason),
            "Đã từ chối đề nghị miễn, giảm lãi.");

    private async Task<IActionResult> Decide(Type endpoint, string path, object command, string done)
    {
        if (!MayCall(endpoint)) return Forbidden();
        if (await Post(path, command, "") is not null)
        {
            Done = Text(done);
            return RedirectToPage();
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var loans = await Query.Query<Loan>()
            .Where(l => l.Restructurings.Any(r => r.State == RestructuringState.Requested) || l.Waivers.Any(w => w.State == WaiverState.Requested))
            .ToListAsync(Ct);
        var details = (await Query.LoadManyAsync<LoanDetails>(Ct, loans.Select(l => l.Id))).ToDictionary(d => d.Id);
        var policy = await RiskDecisionPolicy.LoadAsync(Query, Ct);
        var me = User.UserId();
        var restructurings = new List<PendingRestructuring>();
        var waivers = new List<PendingWaiver>();
        var above = 0;
        foreach (var loan in loans.OrderBy(l => l.BorrowerName, StringComparer.Ordinal))
        {
            if (!details.TryGetValue(loan.Id, out var view)) continue;
            foreach (var r in loan.Restructurings.Where(r => r.State == RestructuringState.Requested))
            {
                if (!RestructuringRules.MayDecide(loan, r, User, policy)) { above++; continue; }
                var preview = RestructuringRules.Approval(loan, r.RestructuringId, Actor.System, policy.Lending) is null
                    ? RestructuringPreview.Of(loan, r, policy.Lending) : null;
                restructurings.Add(new PendingRestructuring(view, view.Restructurings.Single(x => x.RestructuringId == r.RestructuringId), preview,
                    r.RequestedBy == me));
            }
            foreach (var w in loan.Waivers.Where(w => w.State == WaiverState.Requested))
            {
                if (!WaiverRules.MayDecide(w.Amount, User, policy)) { above++; continue; }
                var preview = WaiverRules.Request(loan with { Waivers = loan.Waivers.Remove(w) }, w.Date, w.Amount, policy.Lending) is null
                    ? WaiverPreview.Of(loan, w, policy.Lending) : null;
                waivers.Add(new PendingWaiver(view, view.Waivers.Single(x => x.WaiverId == w.WaiverId), preview, w.RequestedBy == me));
            }
        }
        (Restructurings, Waivers, AboveAuthority) = (restructurings, waivers, above);
    }
}
