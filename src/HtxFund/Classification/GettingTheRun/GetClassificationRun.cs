using HtxFund.Capital;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace HtxFund.Classification.GettingTheRun;

/// <summary>Loans, principal and provisions of one debt group in a run.</summary>
public sealed record GroupTotals(int Group, int Loans, long PrincipalOutstanding, long ProvisionRequired);

/// <summary>A run's progress (<see cref="Done"/> of <see cref="Total"/> loans) and results; provisions required by the
/// run against the provisions booked on the capital stream as of the month's end.</summary>
public sealed record ClassificationRunView(
    string Month,
    LocalDate AsOf,
    int Total,
    int Done,
    bool Completed,
    Instant StartedAt,
    Instant? CompletedAt,
    IReadOnlyList<GroupTotals> ByGroup,
    long PrincipalOutstanding,
    long ProvisionRequired,
    long ProvisionBooked,
    long? ProvisionChange,
    IReadOnlyList<LoanClassified> Loans)
{
    /// <param name="results">The run's <see cref="LoanClassified"/> events, in order (read from its stream).</param>
    public static ClassificationRunView Of(ClassificationRun run, IReadOnlyList<LoanClassified> results, FundCapitalLedger ledger) => new(
        run.Month, run.AsOf, run.Total, run.Done, run.Completed, run.StartedAt, run.CompletedAt,
        Enumerable.Range(1, 5).Select(g =>
        {
            var loans = results.Where(r => r.Group == g).ToArray();
            return new GroupTotals(g, loans.Length, loans.Sum(l => l.PrincipalOutstanding), loans.Sum(l => l.ProvisionRequired));
        }).ToArray(),
        run.PrincipalOutstanding, run.ProvisionRequired, ledger.ProvisionsBookedAsOf(run.AsOf).Dong,
        run.ProvisionChange, results);
}

public static class GetClassificationRunEndpoint
{
    /// <summary>The classification run of a month (yyyy-MM) of the caller's fund: progress (loans done / total), each
    /// loan's result, totals by debt group, provisions required against booked.</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/classification-runs/{month}", OperationId = "getClassificationRun")]
    [Tags("Phân loại nợ")]
    [ProducesResponseType<ClassificationRunView>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    [ProducesResponseType<ProblemDetails>(404)]
    public static async Task<IResult> Get(string month, IQuerySession session, CancellationToken ct)
    {
        if (ClassificationRunner.ParseMonth(month) is not { } m)
            return Results.Problem(Problems.Validation("month", "month.format", ClassificationRuns.MonthFormatMessage));
        return await ViewAsync(session, m, ct) is { } view ? Results.Ok(view)
            : Results.Problem(Problems.NotFound("classification_run.not_found", $"Chưa có kỳ phân loại nợ tháng {ClassificationRuns.Format(m)}."));
    }

    /// <summary>The run of <paramref name="month"/> as people read it; null when the month was never run.</summary>
    public static async Task<ClassificationRunView?> ViewAsync(IQuerySession session, YearMonth month, CancellationToken ct)
    {
        var run = await session.LoadAsync<ClassificationRun>(ClassificationRuns.StreamId(month), ct);
        if (run is null) return null;
        var results = (await session.Events.FetchStreamAsync(run.Id, token: ct)).Select(e => e.Data).OfType<LoanClassified>().ToArray();
        return ClassificationRunView.Of(run, results, await FundCapital.LedgerAsync(session, ct));
    }
}
