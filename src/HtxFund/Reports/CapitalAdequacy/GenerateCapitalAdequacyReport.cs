using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>Generate and archive the capital-adequacy report of the caller's fund as of <paramref name="AsOf"/> (yyyy-MM-dd, default today).</summary>
public sealed record GenerateCapitalAdequacyReport(string? AsOf);

public static class GenerateCapitalAdequacyReportEndpoint
{
    /// <summary>The as-of date: default today, ISO, not in the future, not before 1990.</summary>
    public static ProblemDetails Validate(GenerateCapitalAdequacyReport command, LocalDate today) =>
        CapitalAdequacyEndpoints.CheckAsOf(command.AsOf, today).Refusal ?? WolverineContinue.NoProblems;

    /// <summary>The report computed from every event now and rendered, ready for the archive.</summary>
    public static async Task<PreparedReport> LoadAsync(GenerateCapitalAdequacyReport command, IQuerySession session, CapitalAdequacyService reports,
        ClaimsPrincipal user, Instant now, LocalDate today, CancellationToken ct)
    {
        var date = CapitalAdequacyEndpoints.CheckAsOf(command.AsOf, today).Date!.Value;
        return (await reports.PrepareAsync(session, date, date.ToString("yyyy-MM-dd", null), user.ToActor(), now, scheduled: false, ct)).Prepared;
    }

    /// <summary>Generates the capital-adequacy report of the caller's fund as of <c>asOf</c> and stores it in the archive
    /// with its JSON, CSV, XLSX and PDF files, the policy version and the highest event sequence it read. Answers 201
    /// with the archived report.</summary>
    [Authorize(Roles = Roles.Staff)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/reports/capital-adequacy", OperationId = "generateCapitalAdequacyReport")]
    [Tags("Báo cáo")]
    [ProducesResponseType<ReportDetails>(201)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static (IResult, IMartenOp[]) Post(GenerateCapitalAdequacyReport command, [NotBody] PreparedReport prepared) =>
        (Archived(prepared), prepared.Operations());

    /// <summary>201 with the archived report and its files.</summary>
    public static IResult Archived(PreparedReport prepared) =>
        Results.Created($"/api/reports/{prepared.Report.Id}", new ReportDetails(prepared.Report, ReportSummary.Of(prepared.Report).Formats, []));
}
