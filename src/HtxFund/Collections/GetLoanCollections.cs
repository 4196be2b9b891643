using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Loans;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Collections;

/// <summary>The loan's collection history: contacts (latest first), promises to pay and escalations, and its payment reference.</summary>
public sealed record LoanCollections(Guid LoanId, string PaymentReference, IReadOnlyList<CollectionContact> Contacts, IReadOnlyList<PromiseToPay> Promises,
    IReadOnlyList<CollectionEscalation> Escalations, bool PromiseBroken, long Version);

public static class GetLoanCollectionsEndpoint
{
    /// <summary>The loan's contacts, promises to pay and escalations (empty before any activity). Staff of the fund.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/loans/{id}/collections", OperationId = "getLoanCollections")]
    [Tags("Thu nợ")]
    [ProducesResponseType<LoanCollections>(200)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await LoanAccess.ReadableAsync(session, id, user, ct) is null) return Results.Problem(LoanAccess.NotFound(id));
        return Results.Ok(Of(id, await session.LoadAsync<CollectionCase>(CollectionCase.StreamId(id), ct)));
    }

    public static LoanCollections Of(Guid loanId, CollectionCase? @case) =>
        new(loanId, Lending.Payments.PaymentReference.For(loanId).Value,
            (@case?.Contacts ?? []).OrderByDescending(c => c.ContactedOn).ThenByDescending(c => c.At).ToArray(),
            (@case?.Promises ?? []).Reverse().ToArray(), (@case?.Escalations ?? []).Reverse().ToArray(), @case?.PromiseBroken ?? false,
            @case?.Version ?? 0);
}
