using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Loans.GettingDetails;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace HtxFund.Tests.Infrastructure.Reliability.Fixtures;

/// <summary>
/// How big a failure scenario runs. <c>ops/test</c> runs the reduced size (a few seconds of load, one failure);
/// <c>ops/chaos</c> sets HTXFUND_FAILURES_FULL=1 (or the single knobs) for the full size.
/// </summary>
public sealed record FailureScale(TimeSpan Phase, int Cycles, int Writers, int Readers, int Loans)
{
    public static FailureScale FromEnvironment()
    {
        var full = Environment.GetEnvironmentVariable("HTXFUND_FAILURES_FULL") == "1";
        static int Int(string name, int fallback) =>
            int.TryParse(Environment.GetEnvironmentVariable(name), out var v) && v > 0 ? v : fallback;
        return new FailureScale(
            TimeSpan.FromSeconds(Int("HTXFUND_FAILURES_SECONDS", full ? 20 : 3)),
            Int("HTXFUND_FAILURES_CYCLES", full ? 5 : 1),
            Int("HTXFUND_FAILURES_WRITERS", full ? 16 : 6),
            Int("HTXFUND_FAILURES_READERS", full ? 4 : 2),
            Int("HTXFUND_FAILURES_LOANS", full ? 10 : 3));
    }

    public override string ToString() =>
        $"{Cycles} cycle(s), {Phase.TotalSeconds:0} s of load before each, {Writers} writers + {Readers} readers over {Loans} loans";
}

/// <summary>
/// Given-state of the failure scenarios: disbursed loans of fund A built through the API (in-process, like every other
/// test), then copied with pg_dump into the database that the app under test, a separate process, runs on.
/// </summary>
public abstract class FailureContext(AppFixture fixture, ITestOutputHelper output) : LoanContext(fixture)
{
    protected static readonly FailureScale Scale = FailureScale.FromEnvironment();
    protected const string FutureDate = "2026-12-31";
    protected ITestOutputHelper Output { get; } = output;

    /// <summary><paramref name="count"/> loans of 100,000,000 ₫, each signed and fully disbursed today (22/11/2026).</summary>
    protected async Task<IReadOnlyList<Guid>> DisbursedLoans(int count)
    {
        var loans = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = await SignedLoan(100_000_000, $"{i + 1:D2}/2026/HĐTD-SỰ-CỐ");
            await Disbursed(id, 100_000_000);
            loans.Add(id);
        }
        return loans;
    }

    /// <summary>Waits until the running load has gone on for a phase (<see cref="FailureScale.Phase"/>) and had at least five
    /// more repayments acknowledged, so every failure strikes a store under real load.</summary>
    protected static async Task LoadPhaseAsync(RepaymentLoad load, AppProcess app, int cycle)
    {
        var acknowledgedBefore = load.AcknowledgedCount;
        var phase = Stopwatch.StartNew();
        await Eventually.True(() => phase.Elapsed >= Scale.Phase && load.AcknowledgedCount >= acknowledgedBefore + 5,
            TimeSpan.FromMinutes(3), () => $"cycle {cycle}: only {load.AcknowledgedCount - acknowledgedBefore} acknowledged\n{app.Tail()}");
    }

    /// <summary>After the load: counts the unanswered requests already stored, retries every unanswered one with its key
    /// until it is answered, replays <paramref name="replay"/> acknowledged ones with their keys, then audits the store.</summary>
    protected static async Task<(StoreAudit Audit, int Replayed)> SettleAndAuditAsync(RepaymentLoad load, string database, int replay = 0)
    {
        var unansweredStored = await StoreAudit.UnansweredStoredAsync(database, load.Sent);
        await load.ResolveUnansweredAsync(TimeSpan.FromMinutes(2));
        var replayed = replay > 0 ? await load.ReplayAcknowledgedAsync(replay) : 0;
        return (await StoreAudit.RunAsync(database, load.Sent, unansweredStored), replayed);
    }

    /// <summary>Signs the Accountant of fund A in on the app process; returns the bearer token.</summary>
    protected static async Task<string> SignIn(AppProcess app)
    {
        using var http = RepaymentLoad.Client(app.BaseAddress);
        var response = await http.PostAsJsonAsync("/api/auth/login", new { userName = UserName(FundA, Roles.Accountant), password = Password });
        var body = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Every loan read through the (restarted) app agrees with the events in the store: as many repayments as
    /// repayment events, and principal repaid equal to the principal of their splits.</summary>
    protected static async Task LoansAgreeWithTheirEvents(AppProcess app, string token, IReadOnlyList<Guid> loans, string connectionString)
    {
        using var http = RepaymentLoad.Client(app.BaseAddress);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        foreach (var id in loans)
        {
            var response = await http.GetAsync($"/api/loans/{id}");
            var body = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBe(200, body);
            var details = JsonSerializer.Deserialize<LoanDetails>(body, TestJson.Options)!;
            await using var cmd = new NpgsqlCommand("""
                SELECT count(*), coalesce(sum((data->'allocation'->>'overduePrincipal')::bigint + (data->'allocation'->>'principalDue')::bigint + (data->'allocation'->>'prepayment')::bigint), 0), coalesce(sum((data->>'amount')::bigint), 0)
                FROM htxfund.mt_events WHERE stream_id = @id AND type = 'loan_repayment_recorded'
                """, conn);
            cmd.Parameters.AddWithValue("id", id);
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            details.Repayments.Count.ShouldBe((int)reader.GetInt64(0), $"loan {id}: repayments in the read model vs events");
            details.PrincipalRepaid.ShouldBe(reader.GetInt64(1), $"loan {id}: principal repaid vs events");
            details.Repayments.Sum(r => r.Amount).ShouldBe(reader.GetInt64(2), $"loan {id}: amounts vs events");
            details.Position.ShouldNotBeNull();
        }
    }

    /// <summary>Writes the scenario's figures to the test output and to HTXFUND_TEST_ARTIFACTS/failures/figures.txt
    /// (ops/chaos prints that file).</summary>
    protected void Report(string scenario, string figures)
    {
        var line = $"{scenario}: {figures}";
        Output.WriteLine(line);
        var folder = Path.Combine(Environment.GetEnvironmentVariable("HTXFUND_TEST_ARTIFACTS") is { Length: > 0 } a ? a : Path.GetTempPath(), "failures");
        Directory.CreateDirectory(folder);
        File.AppendAllText(Path.Combine(folder, "figures.txt"), line + Environment.NewLine);
    }
}
