using HtxFund.Applications;
using HtxFund.Applications.GettingDetails;
using HtxFund.Classification;
using HtxFund.Demo;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Policy;
using HtxFund.Reminders;
using HtxFund.Reports.Archive;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace HtxFund.Tests.Demo;

public sealed class seeding_a_living_demo(AppFixture fixture) : IntegrationContext(fixture)
{
    // AppFixture.Start: 22/11/2026; the last month-end is 31/10/2026
    private static readonly LocalDate Today = new(2026, 11, 22);
    private static readonly YearMonth LastMonth = new(2026, 10);

    public override async Task InitializeAsync()
    {
        Clock.Reset(AppFixture.Start);
        await ResetDataAsync(); // the demo seeds its own funds and users
    }

    private async Task<DemoPortfolioReport> Seed()
    {
        using var scope = Host.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();
        return await ActivatorUtilities.CreateInstance<DemoPortfolio>(scope.ServiceProvider).SeedAsync();
    }

    [Fact]
    public async Task each_demo_fund_holds_three_years_of_lending_in_every_stage_and_debt_group_with_its_runs_reports_and_todays_reminders()
    {
        var report = await Seed();

        report.SeededFunds.ShouldBe([DemoCatalog.DakLak, DemoCatalog.LamDong]);
        report.Portfolio!.Loans.ShouldBe(2 * DemoPortfolio.LoansPerFund);
        var policy = FundPolicy.Default.ToLendingPolicy();
        foreach (var fund in DemoCatalog.Funds)
        {
            await using var session = Store.QuerySession(fund.TenantId);
            var applications = await session.Query<ApplicationDetails>().ToListAsync();
            applications.Count.ShouldBe(DemoPortfolio.LoansPerFund);
            Enum.GetValues<ApplicationStatus>().ShouldAllBe(status => applications.Any(a => a.Status == status));
            // the demo cooperative's user withdraws its own applications, and only those
            var coop = DemoCatalog.Users.Single(u => u.TenantId == fund.TenantId && u.Role == Roles.Cooperative);
            await using var shared = Store.QuerySession();
            var coopId = (await shared.Query<UserAccount>().SingleAsync(u => u.UserName == coop.UserName)).CooperativeId;
            var withdrawn = (await session.Events.QueryRawEventDataOnly<ApplicationWithdrawn>().ToListAsync()).ToList();
            withdrawn.Count.ShouldBe(3);
            withdrawn.ShouldAllBe(w => w.By.UserName == coop.UserName);
            applications.Where(a => a.Status == ApplicationStatus.Withdrawn).ShouldAllBe(a => a.CooperativeId == coopId);

            var loans = await session.Query<Loan>().ToListAsync();
            loans.Min(l => l.Request.Amount).ShouldBeGreaterThanOrEqualTo(20_000_000);
            loans.ShouldContain(l => l.Stage == LoanStage.Approved);
            loans.ShouldContain(l => l.Stage == LoanStage.Closed);
            loans.ShouldContain(l => l.Restructurings.Any(r => r.State == RestructuringState.Approved));
            // the history spans three years: the first loans were disbursed in its first months
            loans.Where(l => l.HasDisbursed).Min(l => l.FirstDisbursedDay!.Value).ShouldBeLessThan(LoanActivity.DayNumber(Today.PlusYears(-3).PlusMonths(3)));
            // the fund's cash never runs out: all it ever lent stays within its charter capital
            loans.Where(l => l.HasDisbursed).Sum(l => l.Request.Amount).ShouldBeLessThanOrEqualTo(fund.CharterCapitalDong);

            // every loan past its appraisal has one of the fund's two credit officers responsible, and both have some
            var officers = DemoCatalog.Users.Where(u => u.TenantId == fund.TenantId && u.Role == Roles.CreditOfficer).Select(u => u.UserName).ToArray();
            var contracted = loans.Where(l => l.Stage is LoanStage.Contracted or LoanStage.Closed).ToList();
            contracted.ShouldAllBe(l => l.Officer != null && officers.Contains(l.Officer.UserName));
            contracted.Select(l => l.Officer!.UserName).Distinct().Count().ShouldBe(2);

            // today every debt group has a loan, and so had the last month-end's classification run
            var today = contracted.Where(l => l.Stage == LoanStage.Contracted).Select(l => LoanPosition.Of(l, Today, policy)!.DebtGroup).ToHashSet();
            today.Order().ShouldBe([1, 2, 3, 4, 5]);
            var run = await session.Events.FetchStreamAsync(ClassificationRuns.StreamId(LastMonth));
            run.Select(e => e.Data).OfType<LoanClassified>().Select(c => c.Group).Distinct().Order().ShouldBe([1, 2, 3, 4, 5]);

            // the last 12 month-ends classified, each with its archived capital-adequacy report; the activity reports
            for (var k = 1; k <= DemoPortfolio.ClassifiedMonths; k++)
            {
                var stream = await session.Events.FetchStreamAsync(ClassificationRuns.StreamId(LastMonth.PlusMonths(1 - k)));
                stream.Select(e => e.Data).ShouldContain(e => e is ClassificationRunCompleted);
            }
            var archived = await session.Query<GeneratedReport>().ToListAsync();
            archived.Count(r => r.Kind == ReportKind.CapitalAdequacy && r.Scheduled).ShouldBe(DemoPortfolio.ClassifiedMonths);
            archived.Single(r => r.Kind == ReportKind.AnnualActivity).Period.ShouldBe("2025");
            archived.Single(r => r.Kind == ReportKind.HalfYearActivity).Period.ShouldBe("2026-H1");

            // today's reminders: to cooperatives about their instalments, and to staff about files waiting too long
            var reminders = (await session.Query<Reminder>().ToListAsync()).Where(r => r.BusinessDate == Today).ToList();
            reminders.ShouldContain(r => r.Audience == ReminderAudience.Cooperative);
            reminders.ShouldContain(r => r.Audience == ReminderAudience.Staff);
        }
    }

    [Fact]
    public async Task seeding_the_demo_again_appends_nothing()
    {
        await Seed();
        // today's reminders go out through the outbox after the seed: their sending appends to their streams
        await Waiting.Eventually(async () =>
        {
            foreach (var fund in DemoCatalog.Funds)
            {
                await using var session = Store.QuerySession(fund.TenantId);
                if ((await session.Query<Reminder>().ToListAsync()).Any(r => !r.IsDone)) return false;
            }
            return true;
        }, "today's reminders sent", TimeSpan.FromMinutes(2));
        var events = await EventCount();

        var again = await Seed();

        again.SeededFunds.ShouldBeEmpty();
        (await EventCount()).ShouldBe(events);
        await using var session = Store.QuerySession(DemoCatalog.DakLak);
        (await session.Query<GeneratedReport>().CountAsync()).ShouldBe(DemoPortfolio.ClassifiedMonths + 2);
    }
}
