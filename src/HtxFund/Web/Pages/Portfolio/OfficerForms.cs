using HtxFund.Loans.Officers;

namespace HtxFund.Web.Pages.Portfolio;

/// <summary>The Director's form giving one application or loan to another credit officer (POST /api/loans/{id}/officer),
/// shown on the credit loan and application pages.</summary>
public sealed class OfficerReassignForm
{
    public Guid? ToOfficerId { get; set; }
    public string? Reason { get; set; }

    public ReassignOfficer Command() => new(ToOfficerId, Reason, null);
}

/// <summary>What the responsible-officer panel shows: the officer now, and the form for those who may reassign.</summary>
public sealed record OfficerPanel(string? CurrentOfficer, bool MayReassign, IReadOnlyList<CreditOfficerView> Officers, OfficerReassignForm Form,
    bool Open);

/// <summary>The Director's bulk transfer on the portfolio page (POST /api/loans/officer-transfers).</summary>
public sealed class BulkTransferForm
{
    public List<Guid> LoanIds { get; set; } = [];
    public Guid? ToOfficerId { get; set; }
    public string? Reason { get; set; }
    /// <summary>The Director ticked "I confirm": nothing is sent without it.</summary>
    public bool Confirmed { get; set; }

    public TransferOfficerLoans Command() => new(LoanIds, null, ToOfficerId, Reason);
}

public static class OfficerPanels
{
    /// <summary>The panel of a file whose responsible officer is <paramref name="current"/>; the fund's credit officers are
    /// read only for a user who may reassign an open file.</summary>
    public static async Task<OfficerPanel> ForAsync(string? current, bool open, bool mayReassign, OfficerReassignForm form,
        System.Security.Claims.ClaimsPrincipal user, Marten.IQuerySession session, CancellationToken ct) =>
        new(current, mayReassign, mayReassign && open ? await ListCreditOfficersEndpoint.Get(user, session, ct) : [], form, open);
}
