using HtxFund.Collections;
using HtxFund.Identity;
using HtxFund.Loans.GettingDetails;
using HtxFund.Web.Staff;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Collections;

/// <summary>The loans officers escalated to the Director and not yet resolved (oldest first), each with the Director's
/// resolve form (<c>POST /api/loans/{id}/collections/escalations/resolution</c>); board members and the Risk Council read.</summary>
[Authorize(Roles = $"{Roles.Director},{Roles.BoardMember},{Roles.RiskCouncil}")]
public sealed class EscalationsModel : StaffPage
{
    public sealed record OpenEscalation(Guid LoanId, string? ContractNumber, string BorrowerName, string? OfficerName, CollectionEscalation Escalation);

    [BindProperty] public Guid LoanId { get; set; }
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<OpenEscalation> Open { get; private set; } = [];
    public Guid? RefusedLoan { get; private set; }
    public bool MayResolve => MayCall(typeof(ResolveCollectionEscalationEndpoint));

    public async Task OnGetAsync() => Open = await OpenAsync(Query, Ct);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayResolve) return Forbidden();
        if (await Post($"/api/loans/{LoanId}/collections/escalations/resolution", new ResolveCollectionEscalation(Note), "") is not null)
        {
            Done = Text("Đã xử lý báo cáo thu nợ.");
            return RedirectToPage();
        }
        RefusedLoan = LoanId;
        Open = await OpenAsync(Query, Ct);
        return Page();
    }

    public static async Task<IReadOnlyList<OpenEscalation>> OpenAsync(IQuerySession session, CancellationToken ct)
    {
        var cases = (await session.Query<CollectionCase>().ToListAsync(ct)).Where(c => c.OpenEscalation is not null).ToArray();
        var loans = (await session.LoadManyAsync<LoanDetails>(ct, cases.Select(c => c.LoanId).ToArray())).ToDictionary(l => l.Id);
        return cases.Where(c => loans.ContainsKey(c.LoanId))
            .Select(c => new OpenEscalation(c.LoanId, loans[c.LoanId].ContractNumber, loans[c.LoanId].BorrowerName, loans[c.LoanId].OfficerName, c.OpenEscalation!))
            .OrderBy(e => e.Escalation.EscalatedOn).ThenBy(e => e.ContractNumber, StringComparer.Ordinal).ToArray();
    }
}
