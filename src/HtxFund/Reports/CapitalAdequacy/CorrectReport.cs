using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Reports.Archive;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;
using Wolverine.Marten;

namespace HtxFund.Reports.CapitalAdequacy;

/// <summary>The report to correct (null: none in the fund) and its "as corrected" version, rendered when the report
/// can be corrected.</summary>
public sealed record Correction(GeneratedReport? Original, PreparedReport? Corrected);

public static class CorrectReportEndpoint
{
    /// <summary>The original as archived, and its corrected version computed from every event now.</summary>
    public static async Task<Correction> LoadAsync(Guid id, IQuerySession session, CapitalAdequacyService reports, ClaimsPrincipal user,
        Instant now, CancellationToken ct)
    {
        var original = await ReportArchive.FindAsync(session, id, ct);
        if (original is null || Refusal(id, original) is not null) return new(original, null);
        var before = await CapitalAdequacyService.ComputeAsync(session, original.AsOf, original.HighestSequence, ct);
        var (corrected, _) = await reports.PrepareAsync(session, original.AsOf, original.Period, user.ToActor(), now, scheduled: false, ct,
            corrects: original, original: before);
        return new(original, corrected);
    }

    public static ProblemDetails Validate(Guid id, Correction correction) => Refusal(id, correction.Original) ?? WolverineContinue.NoProblems;

    /// <summary>Only an original capital-adequacy report of the fund is corrected.</summary>
    public static ProblemDetails? Refusal(Guid id, GeneratedReport? original) =>
        original is null ? ReportArchiveEndpoints.NotFound(id)
        : original.Kind != ReportKind.CapitalAdequacy
            ? Problems.Unprocessable("report.correction_not_supported", "Chỉ báo cáo an toàn vốn mới lập được bản điều chỉnh.")
        : original.CorrectsReportId is not null
            ? Problems.Unprocessable("report.already_corrected_version", "Đây đã là bản điều chỉnh; hãy lập bản điều chỉnh từ báo cáo gốc.")
        : null;

    /// <summary>Produces the "as corrected" version of an archived capital-adequacy report: same as-of date, computed
    /// from every event now (including later and backdated ones), stored beside the original with the figures that
    /// differ (name, original, corrected). The original stays unchanged.</summary>
    [Authorize(Roles = Roles.Staff)]
    [RequireIdempotencyKey]
    [WolverinePost("/api/reports/{id}/corrected", OperationId = "correctReport")]
    [Tags("Báo cáo")]
    [ProducesResponseType<ReportDetails>(201)]
    [ProducesResponseType<ProblemDetails>(404)]
    [ProducesResponseType<ProblemDetails>(422)]
    public static (IResult, IMartenOp[]) Post(Guid id, [NotBody] Correction correction) =>
        (GenerateCapitalAdequacyReportEndpoint.Archived(correction.Corrected!), correction.Corrected!.Operations());
}
