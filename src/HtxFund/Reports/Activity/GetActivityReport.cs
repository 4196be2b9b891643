using System.Security.Claims;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HtxFund.Reports.Activity;

public static class GetActivityReportEndpoint
{
    /// <summary>The lending activity figures of a period of the caller's fund computed now (nothing stored); for a
    /// period not yet ended, the figures so far (cut-off today). <c>sequence</c> computes them from the events with
    /// sequence ≤ that number only (the <c>highestSequence</c> of an archived report gives its figures again).</summary>
    [Authorize(Roles = Roles.Staff)]
    [WolverineGet("/api/activity-reports/{period}", OperationId = "getActivityReport")]
    [Tags("Báo cáo định kỳ")]
    [ProducesResponseType<LendingActivityReport>(200)]
    [ProducesResponseType<ProblemDetails>(400)]
    public static async Task<IResult> Get(string period, long? sequence, ClaimsPrincipal user, IDocumentStore store, IQuerySession session,
        BusinessTime time, IConfiguration configuration, CancellationToken ct)
    {
        if (ReportingPeriod.Parse(period) is not { } p) return Results.Problem(PeriodicReports.InvalidPeriod);
        if (p.From > time.Today) return Results.Problem(Problems.Validation("period", "period.in_future", $"Kỳ báo cáo {p.Name} chưa bắt đầu."));
        if (sequence is { } s && (s < 0 || s > await CapitalAdequacy.EventCut.CurrentSequenceAsync(session, ct)))
            return Results.Problem(Problems.Validation("sequence", "sequence.out_of_range", "Số thứ tự sự kiện không hợp lệ (phải từ 0 đến số thứ tự lớn nhất hiện có)."));
        var cutOff = p.CutOff < time.Today ? p.CutOff : time.Today;
        var figures = await LendingActivity.ComputeAsync(store, user.FundId(), p.From, cutOff, ct, sequence);
        var issuer = await ReportDocuments.IssuerAsync(session, user.FundId(), configuration, ct);
        return Results.Ok(new LendingActivityReport(user.FundId(), issuer.FundName, p.Code, p.Name, p.Kind, p.DueBy, figures));
    }
}
