using HtxFund.Identity;
using HtxFund.Classification;
using HtxFund.Classification.GettingTheRun;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Classification.Fixtures;

/// <summary>
/// A portfolio of fund A built through the API over simulated months: four loans of 400,000,000 ₫ (36 months, 6 %,
/// 6 months' grace, interest monthly) paid out on 22/11/2026, each to its own cooperative:
/// <list type="bullet">
/// <item><c>punctual</c> pays every amount due up to 22/03/2027, then nothing;</item>
/// <item><c>silent</c> never pays;</item>
/// <item><c>first-only</c> pays the first instalment (December 2026) only;</item>
/// <item><c>restructured</c> has a schedule adjustment approved on 22/11/2026 that moves every payment to November
///   2027 and later (first restructuring, on time).</item>
/// </list>
/// The clock ends on 01/04/2027 (the first working day of April).
/// </summary>
public abstract class ClassificationContext(AppFixture fixture) : LoanContext(fixture)
{
    public const string Punctual = "1/2026/HĐTD-punctual";
    public const string Silent = "2/2026/HĐTD-silent";
    public const string FirstOnly = "3/2026/HĐTD-first-only";
    public const string Restructured = "4/2026/HĐTD-restructured";

    /// <summary>Hand-computed results on 400,000,000 ₫ of principal: group, specific provision (rate × principal, no
    /// deductible collateral) + general provision (0.75 % on groups 1–4).</summary>
    public static readonly IReadOnlyDictionary<string, (int Group, long Provision)> March2027 = new Dictionary<string, (int, long)>
    {
        [Punctual] = (1, 3_000_000),               // 0 days past due
        [Silent] = (4, 200_000_000 + 3_000_000),   // unpaid since 22/12/2026: 99 days
        [FirstOnly] = (3, 100_000_000 + 3_000_000), // unpaid since 22/01/2027: 68 days
        [Restructured] = (2, 8_000_000 + 3_000_000), // first restructuring, on time
    };

    public static readonly IReadOnlyDictionary<string, (int Group, long Provision)> July2027 = new Dictionary<string, (int, long)>
    {
        [Punctual] = (4, 200_000_000 + 3_000_000), // unpaid since 22/04/2027: 100 days
        [Silent] = (5, 400_000_000),               // 221 days
        [FirstOnly] = (5, 400_000_000),            // 190 days
        [Restructured] = (2, 8_000_000 + 3_000_000),
    };

    public const long MarchProvisions = 320_000_000;
    public const long JulyProvisions = 1_014_000_000;

    protected Dictionary<string, Guid> Loans { get; } = new();

    protected async Task BuildPortfolio()
    {
        foreach (var number in new[] { Punctual, Silent, FirstOnly, Restructured })
        {
            var id = await SignedLoan(400_000_000, number, await AnotherCooperative());
            await Disbursed(id, 400_000_000);
            Loans[number] = id;
        }
        var restructured = Loans[Restructured];
        var rows = (await Loan(restructured)).Contract!.Schedule;
        var request = await LoanPost(restructured, "restructurings", new
        {
            kind = "ScheduleAdjustment", date = Today,
            reason = "Mất mùa cà phê do hạn hán; khả năng trả nợ theo kế hoạch mới (Nghị định 45/2021, Điều 27).",
            plan = new[] { new { dueDate = Iso(rows[11].DueDate), principal = 100_000_000L }, new { dueDate = Iso(rows[^1].DueDate), principal = 300_000_000L } },
        }, await TokenFor(Roles.CreditOfficer));
        request.Context.Response.StatusCode.ShouldBe(201, await request.ReadAsTextAsync());
        var restructuringId = (await request.Read<HtxFund.Loans.Restructuring.RestructuringReceipt>()).RestructuringId;
        // 400,000,000 ₫ rescheduled: the Director's tier; tracked until its decision letter is issued
        await Ok(Tracked(async () => await Post($"/api/loans/{restructured}/restructurings/{restructuringId}/approval", new { }, await TokenFor(Roles.Director))));

        var schedule = (await Loan(Loans[Punctual])).Contract!.Schedule;
        foreach (var (row, index) in schedule.Select((r, i) => (r, i)).Where(x => x.r.DueDate <= new LocalDate(2027, 3, 31)))
        {
            AdvanceTo(row.DueDate);
            await PayWhatIsDue(Loans[Punctual], row.DueDate);
            if (index == 0) await PayWhatIsDue(Loans[FirstOnly], row.DueDate);
        }
        AdvanceTo(new LocalDate(2027, 4, 1));
    }

    private async Task PayWhatIsDue(Guid id, LocalDate date)
    {
        var due = await Position(id, Iso(date));
        due.AmountDue.ShouldBeGreaterThan(0);
        await Ok(Repay(id, due.AmountDue, Iso(date)));
    }

    protected static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    protected async Task<ClassificationRunView> Run(string month)
    {
        var result = await Get($"/api/classification-runs/{month}", await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<ClassificationRunView>();
    }

    protected async Task<ClassificationRunView> RunOnDemand(string month)
    {
        var result = await Post("/api/classification-runs", new { month }, await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<ClassificationRunView>();
    }

    /// <summary>Runs the month's classification of fund A in the app's services as the handler does, but stops
    /// (throws) after <paramref name="loans"/> loans, as a crash would: batches already committed stay.</summary>
    protected Task CrashAfter(string month, int loans, int batchSize) =>
        Should.ThrowAsync<ClassificationInterrupted>(() => RunInProcess(month, batchSize, stopAfterLoans: loans));

    /// <summary>Runs the month's classification of fund A in the app's services as the handler does, in batches of
    /// <paramref name="batchSize"/> loans (stopping as a crash would after <paramref name="stopAfterLoans"/>, if given).</summary>
    protected async Task RunInProcess(string month, int batchSize, int? stopAfterLoans = null)
    {
        using var scope = Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<Wolverine.IMessageBus>();
        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        await ClassificationRunner.RunAsync(bus, store, FundA, month, Actor.System, CancellationToken.None, batchSize, stopAfterLoans);
    }

    /// <summary>The run's results as expected, keyed by contract number, and its figures.</summary>
    protected void ShouldMatch(ClassificationRunView run, IReadOnlyDictionary<string, (int Group, long Provision)> expected, long total)
    {
        run.Completed.ShouldBeTrue();
        run.Done.ShouldBe(4);
        run.Total.ShouldBe(4);
        run.Loans.Select(l => l.LoanId).ShouldBeUnique();
        run.Loans.OrderBy(l => l.ContractNumber, StringComparer.Ordinal).Select(l => (l.ContractNumber!, l.Group, l.ProvisionRequired))
            .ShouldBe(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Group, e.Value.Provision)));
        run.Loans.ShouldAllBe(l => l.PrincipalOutstanding == 400_000_000);
        run.Loans.ShouldAllBe(l => l.RecogniseInterest == (l.Group == 1));
        run.ProvisionRequired.ShouldBe(total);
        run.ProvisionBooked.ShouldBe(total);
        run.PrincipalOutstanding.ShouldBe(1_600_000_000);
        run.ByGroup.Sum(g => g.Loans).ShouldBe(4);
        run.ByGroup.Sum(g => g.ProvisionRequired).ShouldBe(total);
    }
}
