using Alba;
using HtxFund.Accounting;
using HtxFund.Accounting.Periods;
using HtxFund.Identity;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;

namespace HtxFund.Tests.Accounting.Periods;

/// <summary>POST /api/accounting/periods/{month}/close and /reopen, GET /api/accounting/periods: closing in order after the
/// month's accrual (booked through POST /api/accounting/accruals), reopening only the latest closed month by the Director, every refusal appending nothing (today is
/// 22/11/2026 in the fixture).</summary>
public sealed class closing_and_reopening_accounting_periods(AppFixture fixture) : IntegrationContext(fixture)
{
    /// <summary>The month's interest accrual booked by the chief accountant (no loan yet: nothing to value).</summary>
    private async Task AccrualBooked(string month, string fund = FundA) =>
        (await Post("/api/accounting/accruals", new { month }, await TokenFor(Roles.ChiefAccountant, fund))).Context.Response.StatusCode.ShouldBe(201);

    private async Task<long> BooksVersion(string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return (await session.Events.FetchStreamStateAsync(FundBooks.StreamId))?.Version ?? 0;
    }

    private async Task<IScenarioResult> Close(string month, string? role = Roles.ChiefAccountant, string fund = FundA) =>
        await Post($"/api/accounting/periods/{month}/close", new CloseAccountingPeriod(null), role is null ? null : await TokenFor(role, fund));

    private async Task<IScenarioResult> Reopen(string month, string? reason = "Kiểm toán yêu cầu điều chỉnh", string role = Roles.Director) =>
        await Post($"/api/accounting/periods/{month}/reopen", new ReopenAccountingPeriod(reason, null), await TokenFor(role));

    /// <summary>A refused command appends nothing: the books' stream is at the same version afterwards.</summary>
    private async Task Refused(Func<Task<IScenarioResult>> command, int status, string code)
    {
        var before = await BooksVersion();
        await (await command()).ShouldBeRefusal(status, code);
        (await BooksVersion()).ShouldBe(before, $"{code} appended nothing");
    }

    private async Task<AccountingPeriodList> Periods(string role = Roles.Accountant, string fund = FundA)
    {
        var result = await Get("/api/accounting/periods", await TokenFor(role, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<AccountingPeriodList>();
    }

    [Fact]
    public async Task a_month_is_closed_only_once_ended_with_its_accrual_booked_and_in_order()
    {
        await Refused(() => Close("2026-13"), 400, "month.format");
        await Refused(() => Close("2026-11"), 409, "period.month_not_ended");
        await Refused(() => Close("2026-10"), 409, "period.accrual_missing");

        await AccrualBooked("2026-08");
        (await Close("2026-08")).Context.Response.StatusCode.ShouldBe(204);
        await Refused(() => Close("2026-08"), 409, "period.already_closed");
        await Refused(() => Close("2026-10"), 409, "period.previous_month_open");
        await Refused(() => Close("2026-07"), 409, "period.before_closed");
        await Refused(() => Close("2026-09"), 409, "period.accrual_missing");
        await Refused(() => Close("2026-09", Roles.Accountant), 403, "forbidden");

        await AccrualBooked("2026-09");
        (await Close("2026-09")).Context.Response.StatusCode.ShouldBe(204);
        await AccrualBooked("2026-10");
        (await Close("2026-10")).Context.Response.StatusCode.ShouldBe(204);
        await Refused(() => Close("2026-11"), 409, "period.month_not_ended");

        var periods = await Periods();
        periods.ClosedThrough.ShouldBe("2026-10");
        periods.NextToClose.ShouldBe("2026-11");
        periods.Months.Select(m => (m.Month, m.State, m.AccrualBooked)).ShouldBe(
        [
            ("2026-10", PeriodState.Closed, true), ("2026-09", PeriodState.Closed, true), ("2026-08", PeriodState.Closed, true),
        ]);
        var closed = periods.Months[0].History.ShouldHaveSingleItem();
        closed.Action.ShouldBe("Closed");
        closed.By.UserName.ShouldBe(UserName(FundA, Roles.ChiefAccountant));
        closed.At.ShouldBe(Clock.GetCurrentInstant());
    }

    [Fact]
    public async Task only_the_director_reopens_and_only_the_latest_closed_month_with_a_reason_that_is_recorded()
    {
        await AccrualBooked("2026-09");
        (await Close("2026-09")).Context.Response.StatusCode.ShouldBe(204);
        await AccrualBooked("2026-10");
        (await Close("2026-10")).Context.Response.StatusCode.ShouldBe(204);

        await Refused(() => Reopen("2026-10", role: Roles.ChiefAccountant), 403, "forbidden");
        await Refused(() => Reopen("2026-10", reason: "  "), 400, "reason.required");
        await Refused(() => Reopen("2026-09"), 409, "period.not_latest_closed");
        await Refused(() => Reopen("2026-08"), 409, "period.not_closed");
        await Refused(() => Reopen("2026-1"), 400, "month.format");

        AdvanceDays(1);
        (await Reopen("2026-10")).Context.Response.StatusCode.ShouldBe(204);
        await Refused(() => Reopen("2026-10"), 409, "period.not_closed");

        var periods = await Periods(Roles.Chairman);
        periods.ClosedThrough.ShouldBe("2026-09");
        periods.NextToClose.ShouldBe("2026-10");
        var october = periods.Months.Single(m => m.Month == "2026-10");
        october.State.ShouldBe(PeriodState.Open);
        october.History.Select(h => h.Action).ShouldBe(["Closed", "Reopened"]);
        var reopened = october.History[1];
        reopened.By.UserName.ShouldBe(UserName(FundA, Roles.Director));
        reopened.Reason.ShouldBe("Kiểm toán yêu cầu điều chỉnh");
        reopened.At.ShouldBe(Clock.GetCurrentInstant());
        october.TrialBalance.ShouldBeNull("a reopened month shows no archived trial balance");

        // the month closes again, and the one before is then the latest closed no more
        (await Close("2026-10")).Context.Response.StatusCode.ShouldBe(204);
        (await Periods()).Months.Single(m => m.Month == "2026-10").History.Select(h => h.Action).ShouldBe(["Closed", "Reopened", "Closed"]);
    }

    [Fact]
    public async Task a_stale_books_version_is_refused_and_another_funds_users_see_nothing_of_these_books()
    {
        await AccrualBooked("2026-10");
        var version = await BooksVersion();
        await Refused(async () => await Post("/api/accounting/periods/2026-10/close", new CloseAccountingPeriod(version - 1),
            await TokenFor(Roles.ChiefAccountant)), 409, "books.version_conflict");
        (await Post("/api/accounting/periods/2026-10/close", new CloseAccountingPeriod(version), await TokenFor(Roles.ChiefAccountant)))
            .Context.Response.StatusCode.ShouldBe(204);

        (await Periods(Roles.ChiefAccountant, FundB)).Months.ShouldBeEmpty();
        (await Periods(Roles.ChiefAccountant, FundB)).ClosedThrough.ShouldBeNull();
        // fund B's books are its own: its October has no accrual
        await (await Close("2026-10", Roles.ChiefAccountant, FundB)).ShouldBeRefusal(409, "period.accrual_missing");
        (await Get("/api/accounting/periods", await TokenFor(Roles.CreditOfficer))).Context.Response.StatusCode.ShouldBe(403);
    }
}
