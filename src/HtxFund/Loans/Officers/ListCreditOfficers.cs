using System.Security.Claims;
using HtxFund.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Loans.Officers;

/// <summary>An active credit officer of the fund and how many open files (submitted applications and open loans) they are responsible for.</summary>
public sealed record CreditOfficerView(Guid Id, string UserName, string DisplayName, int OpenFiles);

public static class ListCreditOfficersEndpoint
{
    /// <summary>The fund's active credit officers, by display name, with the count of open applications and loans each is
    /// responsible for (for the officer selects and the Director's transfers).</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/credit-officers", OperationId = "listCreditOfficers")]
    [Tags("Cán bộ tín dụng phụ trách")]
    [ProducesResponseType<IReadOnlyList<CreditOfficerView>>(200)]
    public static async Task<IReadOnlyList<CreditOfficerView>> Get(ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var fundId = user.FundId();
        var officers = await session.Query<UserAccount>()
            .Where(x => x.FundId == fundId && !x.Disabled && x.Roles.Contains(Roles.CreditOfficer)).ToListAsync(ct);
        var counts = (await OfficerTransferRules.OpenFilesAsync(session, null, ct))
            .Where(f => f.OfficerId is not null).GroupBy(f => f.OfficerId!.Value).ToDictionary(g => g.Key, g => g.Count());
        return officers.OrderBy(o => o.DisplayName, StringComparer.CurrentCulture).ThenBy(o => o.UserName, StringComparer.Ordinal)
            .Select(o => new CreditOfficerView(o.Id, o.UserName, o.DisplayName, counts.GetValueOrDefault(o.Id))).ToArray();
    }
}
