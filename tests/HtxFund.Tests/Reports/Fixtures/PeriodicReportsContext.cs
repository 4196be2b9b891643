using System.Text.Json;
using Alba;
using HtxFund.Identity;
using HtxFund.Reports.Archive;
using HtxFund.Tests.Classification.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HtxFund.Tests.Reports.Fixtures;

/// <summary>The classification portfolio (see <see cref="ClassificationContext"/>) plus helpers for plans, periodic
/// reports and their jobs.</summary>
public abstract class PeriodicReportsContext(AppFixture fixture) : ClassificationContext(fixture)
{
    protected Task<IScenarioResult> Put<T>(string url, T body, string? token) where T : class => Host.Scenario(s =>
    {
        if (token is not null) s.WithRequestHeader("Authorization", $"Bearer {token}");
        s.Put.Json(body).ToUrl(url);
        s.IgnoreStatusCode();
    });

    protected static object Plan(long outstanding = 1_700_000_000, decimal npl = 2m, long result = 1_000_000, string? compliance = null,
        int expectedVersion = 0, string? note = null) => new
    {
        outstandingPrincipalTarget = outstanding, nplRatioPercentMax = npl, financialResultTarget = result, compliance,
        approvalReference = "Quyết định 12/QĐ-UBND ngày 15/03/2026", note, expectedVersion,
    };

    /// <summary>Runs a Hangfire job class as Hangfire would (in a DI scope); the Hangfire server is off in tests.</summary>
    protected async Task RunJob<TJob>(Func<TJob, Task> run) where TJob : class
    {
        using var scope = Host.Services.CreateScope();
        await run(ActivatorUtilities.CreateInstance<TJob>(scope.ServiceProvider));
    }

    /// <summary>Rows of a document table, all funds included (raw SQL).</summary>
    protected async Task<long> Rows(string table)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SELECT count(*) FROM htxfund.{table}", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    protected async Task<IReadOnlyList<ReportSummary>> Reports(string fund = FundA)
    {
        var result = await Get("/api/reports?pageSize=100", await TokenFor(Roles.Accountant, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return (await result.ReadJson()).GetProperty("items").Deserialize<ReportSummary[]>(TestJson.Options)!;
    }

    protected async Task<byte[]> Download(Guid reportId, string format, string fund = FundA)
    {
        var result = await Get($"/api/reports/{reportId}/files/{format}", await TokenFor(Roles.Accountant, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        await using var stream = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(stream);
        return stream.ToArray();
    }
}
