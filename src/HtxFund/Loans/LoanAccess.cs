using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Loans.GettingDetails;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Loans;

/// <summary>Who may see a loan, and loading it for a versioned transition (as <see cref="Applications.ApplicationAccess"/>).</summary>
public static class LoanAccess
{
    public static ProblemDetails NotFound(Guid id) => Problems.NotFound("loan.not_found", $"Không tìm thấy khoản vay {id}.");

    /// <summary>The loan as the user may read it: staff of the fund see all (the session is the fund's); a cooperative
    /// only its own. Applications not (yet) approved are not loans and answer 404.</summary>
    public static async Task<LoanDetails?> ReadableAsync(IQuerySession session, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var details = await session.LoadAsync<LoanDetails>(id, ct);
        return details is { IsLoan: true } && user.MaySee(details.CooperativeId) ? details : null;
    }

    public sealed record Loaded(IEventStream<Loan>? Stream, ProblemDetails? Refusal)
    {
        public Loan Loan => Stream!.Aggregate!;
    }

    /// <summary>Loads the loan stream for writing; 404 when it is not a loan the user may see, 409 with the current
    /// version when <paramref name="expectedVersion"/> is stale (or 400 when it is missing and <paramref name="versionRequired"/>).</summary>
    public static async Task<Loaded> ForWriteAsync(IDocumentSession session, Guid id, long? expectedVersion, ClaimsPrincipal user,
        CancellationToken ct, bool versionRequired = true)
    {
        var stream = await session.Events.FetchForWriting<Loan>(id, ct);
        if (stream.Aggregate is not { Stage: not LoanStage.Application } || !user.MaySee(stream.Aggregate.CooperativeId))
            return new Loaded(null, NotFound(id));
        var stale = StreamVersions.Check(expectedVersion, stream.CurrentVersion, versionRequired, "loan", "khoản vay");
        return stale is null ? new Loaded(stream, null) : new Loaded(null, stale);
    }
}
