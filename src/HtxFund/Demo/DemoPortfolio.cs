using System.Diagnostics;
using HtxFund.Capital;
using HtxFund.Classification;
using HtxFund.Cooperatives;
using HtxFund.Cooperatives.GettingDetails;
using HtxFund.Funds;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using HtxFund.Loans;
using HtxFund.Reminders.Daily;
using HtxFund.Reports.Activity;
using HtxFund.Reports.Archive;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Seeding;
using Marten;
using NodaTime;
using Wolverine;

namespace HtxFund.Demo;

/// <summary>What <see cref="DemoPortfolio.SeedAsync"/> did: the funds whose portfolio it seeded now (none when they all had
/// one), the seeder's report, and how long it took in all.</summary>
public sealed record DemoPortfolioReport(IReadOnlyList<string> SeededFunds, SeedReport? Portfolio, TimeSpan Elapsed);

/// <summary>
/// A living demo: in each demo provincial fund (after <see cref="DemoSeeder"/>), three years of lending seeded on the
/// <see cref="PortfolioSeeder"/>'s bulk path by the fund's own staff to its own cooperatives and more
/// (<see cref="ExistingFundPortfolio"/>: applications in every stage, loans in every debt group, restructured and closed
/// loans); then, through the app's own messages and generators, what the scheduled jobs would have done: the
/// classification run of each of the last 12 month-ends with its archived capital-adequacy report, the activity reports
/// of the latest year and half-year, and today's reminders (their emails go out through the outbox).
/// Idempotent: a fund that has any application keeps what it has; the runs, reports and reminders done are not done again.
/// </summary>
public sealed class DemoPortfolio(IDocumentStore store, IMessageBus bus, BusinessTime time, CapitalAdequacyService capitalAdequacy)
{
    public const int LoansPerFund = 250;
    public const int NewCooperativesPerFund = 36;
    public const int MonthsOfHistory = 36;
    public const int ClassifiedMonths = 12;

    public async Task<DemoPortfolioReport> SeedAsync(Action<string>? log = null, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var targets = new List<ExistingFundPortfolio>();
        foreach (var (fund, number) in DemoCatalog.Funds.Select((f, i) => (f, i)))
        {
            await using var session = store.QuerySession(fund.TenantId);
            if (await session.Query<Loan>().AnyAsync(ct)) continue;
            targets.Add(await PortfolioOfAsync(session, fund, number, ct));
        }
        var seeded = targets.Count == 0 ? null : await new PortfolioSeeder(store).SeedIntoAsync(targets, log: log, ct: ct);

        var today = time.Today;
        foreach (var fund in DemoCatalog.Funds.Select(f => f.TenantId))
        {
            for (var k = ClassifiedMonths; k >= 1; k--)
            {
                var yearMonth = new YearMonth(today.Year, today.Month).PlusMonths(-k);
                var month = ClassificationRuns.Format(yearMonth);
                // what is done is skipped here (each step would skip it too, only slower: a run is read and a report looked up)
                if (await DoneAsync(fund, ClassificationRuns.StreamId(yearMonth), MonthlyCapitalAdequacy.ReportId(month), ct)) continue;
                await bus.InvokeAsync(new ClassifyFundMonth(fund, month, Actor.System), ct);
                await MonthlyCapitalAdequacy.GenerateAsync(store, capitalAdequacy, fund, month, time, ct);
            }
            foreach (var period in new[] { ReportingPeriod.LatestYear(today), ReportingPeriod.LatestHalfYear(today) })
                if (!await DoneAsync(fund, null, PeriodicReports.ReportId(period.Kind, period.Code), ct))
                    await bus.InvokeAsync<GeneratedReport>(new GenerateActivityReport(fund, period.Code, Actor.System, Scheduled: true), ct);
            await bus.InvokeAsync(new RunFundReminders(fund, today), ct);
            log?.Invoke($"{fund}: classification runs of the last {ClassifiedMonths} month-ends, their reports, the activity reports and today's reminders done ({watch.Elapsed.TotalSeconds:F0} s)");
        }
        return new DemoPortfolioReport(targets.Select(t => t.Fund.Id).ToArray(), seeded, watch.Elapsed);
    }

    /// <summary>Whether the classification run <paramref name="runId"/> (if any) is complete and the report
    /// <paramref name="reportId"/> archived.</summary>
    private async Task<bool> DoneAsync(string fund, Guid? runId, Guid reportId, CancellationToken ct)
    {
        await using var session = store.QuerySession(fund);
        if (await session.LoadAsync<GeneratedReport>(reportId, ct) is null) return false;
        return runId is not { } id
            || (await session.Events.FetchStreamAsync(id, token: ct)).Any(e => e.Data is ClassificationRunCompleted);
    }

    /// <summary>The fund as the demo seeded it: its charter capital's contribution, its cooperatives with the members who
    /// may borrow (official individual members), and its staff's accounts.</summary>
    private async Task<ExistingFundPortfolio> PortfolioOfAsync(IQuerySession session, DemoFund demo, int number, CancellationToken ct)
    {
        await using var shared = store.QuerySession();
        var fund = await shared.LoadAsync<Fund>(demo.TenantId, ct) ?? throw new InvalidOperationException($"Demo fund {demo.TenantId} is not seeded.");
        var users = (await shared.Query<UserAccount>().Where(u => u.FundId == demo.TenantId && !u.Disabled).ToListAsync(ct))
            .OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        Actor[] With(string role) => [.. users.Where(u => u.Roles.Contains(role)).Select(u => new Actor(u.Id, u.UserName, u.Roles))];
        Actor One(string role) => With(role).FirstOrDefault() ?? throw new InvalidOperationException($"Demo fund {demo.TenantId} has no {role}.");
        var applicant = users.FirstOrDefault(u => u.Roles.Contains(Roles.Cooperative) && u.CooperativeId is not null);
        var staff = new FundStaff(One(Roles.Admin), With(Roles.CreditOfficer), One(Roles.Director), With(Roles.BoardMember), One(Roles.Accountant),
            One(Roles.ChiefAccountant), One(Roles.RiskCouncil), applicant is null ? null : new Actor(applicant.Id, applicant.UserName, applicant.Roles),
            applicant?.CooperativeId);

        var charter = (await session.Events.FetchStreamAsync(FundCapital.StreamId, token: ct)).Select(e => e.Data).OfType<CharterCapitalContributed>()
            .FirstOrDefault() ?? throw new InvalidOperationException($"Demo fund {demo.TenantId} has no charter capital.");
        var cooperatives = (await session.Query<CooperativeDetails>().ToListAsync(ct)).OrderBy(c => c.TaxCode, StringComparer.Ordinal)
            .Select(c => new ExistingCooperative(c.Id, c.Name, c.Province, [.. c.Members
                .Where(m => m is { IsEnterprise: false, OrganisationTaxCode: null, Membership: MembershipKind.Official })
                .Select(m => (m.MemberId, m.FullName))]))
            .ToList();
        return new ExistingFundPortfolio(fund, number, charter, cooperatives, staff, NewCooperativesPerFund, LoansPerFund, MonthsOfHistory, time.Today);
    }
}
