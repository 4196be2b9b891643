using HtxFund.Identity;
using HtxFund.Reminders.Sending;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Reminders.Listing;

public static class ListUndeliverableAddressesEndpoint
{
    /// <summary>Addresses the SMTP server refused permanently (5xx), latest refusal first: fix them in the cooperative's
    /// registration or the user's account. Staff.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/reminders/undeliverable-addresses", OperationId = "listUndeliverableAddresses")]
    [Tags("Nhắc nợ và thông báo")]
    [ProducesResponseType<IReadOnlyList<UndeliverableAddress>>(200)]
    public static async Task<IResult> Get(IQuerySession session, CancellationToken ct)
    {
        var all = await session.Query<UndeliverableAddress>().ToListAsync(ct);
        return Results.Ok(all.OrderByDescending(a => a.LastRefusedAt).ThenBy(a => a.Id).ToArray());
    }
}
