using System.Text.Json;
using Alba;
using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Tests.Support;
using NodaTime;

namespace HtxFund.Tests.Capital;

public sealed class recording_fund_capital(AppFixture fixture) : IntegrationContext(fixture)
{
    private const long Billion = 1_000_000_000;

    private static object Contribution(long amount, string valueDate, string decisionDate = "2025-01-10", string decisionNumber = "12/QĐ-UBND") =>
        new { amount, source = "Ngân sách tỉnh", decisionNumber, decisionDate, valueDate };

    private static object Withdrawal(long amount, string valueDate, string decisionDate = "2025-01-10") =>
        new { amount, source = "Ngân sách tỉnh", decisionNumber = "88/QĐ-UBND", decisionDate, valueDate, reason = "Điều chuyển vốn về ngân sách tỉnh" };

    private static object RetainedResult(long surplusOrLoss, string asOf) =>
        new { surplusOrLoss, asOf, reference = $"Báo cáo tài chính đã kiểm toán đến {asOf}" };

    private async Task Recorded(string url, object body, string? token = null)
    {
        var result = await Post(url, body, token ?? await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
    }

    private async Task<CapitalPosition> PositionAsOf(string? asOf, string fund = FundA)
    {
        var result = await Get(asOf is null ? "/api/capital" : $"/api/capital?asOf={asOf}", await TokenFor(Roles.CreditOfficer, fund));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<CapitalPosition>();
    }

    private async Task RefusedWith(string url, object body, int status, string code)
    {
        var before = await EventCount();
        var result = await Post(url, body, await TokenFor(Roles.Admin));
        await result.ShouldBeRefusal(status, code);
        (await EventCount()).ShouldBe(before, "a refused command appends no event");
    }

    /// <summary>
    /// The hand-computed ledger (value dates; recorded out of order on purpose):
    /// 15/01/2025 +20 bn → 20; 01/07/2025 +5 bn → 25; 31/12/2025 retained loss −1.5 bn → actual 23.5;
    /// 31/03/2026 −2 bn → 23, actual 21.5; 30/06/2026 retained surplus +0.3 bn → actual 23.3.
    /// </summary>
    [Fact]
    public async Task the_capital_as_of_past_dates_matches_the_hand_computed_ledger()
    {
        await Recorded("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"));
        await Recorded("/api/capital/retained-results", RetainedResult(-1_500_000_000, "2025-12-31"));
        await Recorded("/api/capital/contributions", Contribution(5 * Billion, "2025-07-01", "2025-06-20", "45/QĐ-UBND"), await TokenFor(Roles.Admin));
        await Recorded("/api/capital/withdrawals", Withdrawal(2 * Billion, "2026-03-31", "2026-03-15"));
        await Recorded("/api/capital/retained-results", RetainedResult(300_000_000, "2026-06-30"));

        (long Charter, long Retained, long Actual, int Lines)[] expected =
        [
            (0, 0, 0, 0),
            (20 * Billion, 0, 20 * Billion, 1),
            (20 * Billion, 0, 20 * Billion, 1),
            (25 * Billion, 0, 25 * Billion, 2),
            (25 * Billion, -1_500_000_000, 23_500_000_000, 3),
            (23 * Billion, -1_500_000_000, 21_500_000_000, 4),
            (23 * Billion, 300_000_000, 23_300_000_000, 5),
            (23 * Billion, 300_000_000, 23_300_000_000, 5),
        ];
        string[] dates = ["2024-12-31", "2025-01-15", "2025-06-30", "2025-07-01", "2025-12-31", "2026-03-31", "2026-06-30", "2026-11-22"];
        for (var i = 0; i < dates.Length; i++)
        {
            var position = await PositionAsOf(dates[i]);
            (position.CharterCapital.Dong, position.RetainedResult.Dong, position.ActualCharterCapital.Dong, position.Ledger.Count)
                .ShouldBe(expected[i], $"as of {dates[i]}");
        }

        var full = await PositionAsOf(null);
        full.AsOf.ShouldBe(new LocalDate(2026, 11, 22));
        full.RetainedResultAsOf.ShouldBe(new LocalDate(2026, 6, 30));
        full.Ledger.Select(l => l.ValueDate).ShouldBe(new[]
        {
            new LocalDate(2025, 1, 15), new LocalDate(2025, 7, 1), new LocalDate(2025, 12, 31), new LocalDate(2026, 3, 31), new LocalDate(2026, 6, 30),
        });
        full.Ledger.Select(l => l.CharterCapitalAfter.Dong).ShouldBe(new[] { 20 * Billion, 25 * Billion, 25 * Billion, 23 * Billion, 23 * Billion });
        var withdrawal = full.Ledger[3];
        withdrawal.Kind.ShouldBe(CapitalEntryKind.CharterCapitalWithdrawal);
        withdrawal.Amount.ShouldBe(Money.Of(-2 * Billion));
        withdrawal.Reference.ShouldBe("88/QĐ-UBND");
        withdrawal.Reason.ShouldBe("Điều chuyển vốn về ngân sách tỉnh");
        withdrawal.By.UserName.ShouldBe(UserName(FundA, Roles.ChiefAccountant));
        full.Ledger[1].By.UserName.ShouldBe(UserName(FundA, Roles.Admin));

        await using var session = Store.QuerySession(FundA);
        (await FundCapital.ActualCharterCapitalAsync(session, new LocalDate(2026, 1, 1), default)).ShouldBe(Money.Of(23_500_000_000));
        (await FundCapital.ActualCharterCapitalAsync(session, new LocalDate(2026, 11, 22), default)).ShouldBe(Money.Of(23_300_000_000));
    }

    [Fact]
    public async Task amounts_travel_as_plain_numbers_of_dong()
    {
        await Recorded("/api/capital/contributions", Contribution(150 * Billion, "2025-01-15"));
        var json = await (await Get("/api/capital", await TokenFor(Roles.Director))).ReadJson();
        json.GetProperty("charterCapital").ValueKind.ShouldBe(JsonValueKind.Number);
        json.GetProperty("actualCharterCapital").GetInt64().ShouldBe(150 * Billion);
        json.GetProperty("ledger")[0].GetProperty("amount").GetInt64().ShouldBe(150 * Billion);
    }

    [Fact]
    public async Task recording_answers_201_with_the_entry_and_the_figures_today()
    {
        var result = await Post("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"), await TokenFor(Roles.Admin));

        result.Context.Response.StatusCode.ShouldBe(201);
        result.Context.Response.Headers.Location.ToString().ShouldBe("/api/capital?asOf=2025-01-15");
        var receipt = await result.Read<CapitalEntryReceipt>();
        receipt.EntryId.ShouldNotBe(Guid.Empty);
        receipt.Today.ActualCharterCapital.ShouldBe(Money.Of(20 * Billion));
        (await EventCount()).ShouldBe(1);
    }

    [Fact]
    public async Task a_withdrawal_that_would_make_charter_capital_negative_on_any_date_is_refused()
    {
        await Recorded("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"));
        await Recorded("/api/capital/contributions", Contribution(5 * Billion, "2025-07-01"));
        await Recorded("/api/capital/withdrawals", Withdrawal(15 * Billion, "2026-01-01"));

        // more than there is at all
        await RefusedWith("/api/capital/withdrawals", Withdrawal(11 * Billion, "2026-06-01"), 422, "capital.withdrawal_exceeds_charter_capital");
        // on 01/03/2025 only 20 bn had been paid in
        await RefusedWith("/api/capital/withdrawals", Withdrawal(21 * Billion, "2025-03-01"), 422, "capital.withdrawal_exceeds_charter_capital");
        // fine on 01/08/2025 (25 bn), but with the 15 bn withdrawn on 01/01/2026 only 10 bn are left from then on
        await RefusedWith("/api/capital/withdrawals", Withdrawal(11 * Billion, "2025-08-01"), 422, "capital.withdrawal_exceeds_charter_capital");

        await Recorded("/api/capital/withdrawals", Withdrawal(10 * Billion, "2025-08-01"));
        (await PositionAsOf("2026-11-22")).CharterCapital.ShouldBe(Money.Zero);
    }

    public static TheoryData<string, object, string> InvalidEntries => new()
    {
        { "/api/capital/contributions", new { amount = 0, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "amount.not_positive" },
        { "/api/capital/contributions", new { amount = -5, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "amount.not_positive" },
        { "/api/capital/contributions", new { amount = 1000.5m, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "amount.not_whole_dong" },
        { "/api/capital/contributions", new { amount = 1_000_000_000_000_001, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "amount.too_large" },
        { "/api/capital/contributions", new { source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "amount.required" },
        { "/api/capital/contributions", new { amount = 1000, decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "source.required" },
        { "/api/capital/contributions", new { amount = 1000, source = "Ngân sách tỉnh", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "decision_number.required" },
        { "/api/capital/contributions", new { amount = 1000, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", valueDate = "2025-01-15" }, "decision_date.required" },
        { "/api/capital/contributions", new { amount = 1000, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10" }, "value_date.required" },
        { "/api/capital/contributions", new { amount = 1000, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2026-11-23" }, "value_date.in_future" },
        { "/api/capital/contributions", new { amount = 1000, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-09" }, "value_date.before_decision" },
        { "/api/capital/withdrawals", new { amount = 1000, source = "Ngân sách tỉnh", decisionNumber = "1/QĐ", decisionDate = "2025-01-10", valueDate = "2025-01-15" }, "reason.required" },
        { "/api/capital/retained-results", new { surplusOrLoss = -1000, asOf = "2025-12-31" }, "reference.required" },
        { "/api/capital/retained-results", new { surplusOrLoss = 0.5m, asOf = "2025-12-31", reference = "BCTC 2025" }, "surplus_or_loss.not_whole_dong" },
        { "/api/capital/retained-results", new { surplusOrLoss = -1000, asOf = "2026-12-31", reference = "BCTC 2026" }, "as_of.in_future" },
    };

    [Theory]
    [MemberData(nameof(InvalidEntries))]
    public async Task malformed_entries_are_refused_with_a_code_and_append_nothing(string url, object body, string code)
    {
        await RefusedWith(url, body, 400, code);
    }

    [Fact]
    public async Task a_malformed_as_of_date_is_refused()
    {
        var result = await Get("/api/capital?asOf=31/12/2025", await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("as_of.format");
    }

    [Fact]
    public async Task only_the_admin_and_the_chief_accountant_record_capital_and_only_staff_read_it()
    {
        foreach (var role in new[] { Roles.Accountant, Roles.Director, Roles.CreditOfficer })
        {
            (await Post("/api/capital/contributions", Contribution(Billion, "2025-01-15"), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
            (await Post("/api/capital/withdrawals", Withdrawal(Billion, "2025-01-15"), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
            (await Post("/api/capital/retained-results", RetainedResult(Billion, "2025-01-15"), await TokenFor(role))).Context.Response.StatusCode.ShouldBe(403);
        }
        (await EventCount()).ShouldBe(0);
        var cooperative = await TokenForUser(await CreateCooperativeUser(Guid.NewGuid()));
        (await Get("/api/capital", cooperative)).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task another_fund_sees_none_of_this_funds_capital()
    {
        await Recorded("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"));

        var other = await PositionAsOf(null, FundB);

        other.CharterCapital.ShouldBe(Money.Zero);
        other.Ledger.ShouldBeEmpty();
        await using var session = Store.QuerySession(FundB);
        (await FundCapital.ActualCharterCapitalAsync(session, new LocalDate(2026, 11, 22), default)).ShouldBe(Money.Zero);
    }


    /// <summary>The idempotency record is completed after the command's transaction: a process killed between the two
    /// leaves the entry booked and no record of it, so the client's repeat (once the key is taken over) is carried out
    /// again. Simulated here by deleting the records after the first attempts.</summary>
    [Fact]
    public async Task a_capital_entry_repeated_after_its_idempotency_record_was_lost_is_booked_once()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var contribution = await PostWithKey("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"), chief, "nap-von-1");
        contribution.Context.Response.StatusCode.ShouldBe(201, await contribution.ReadAsTextAsync());
        var withdrawal = await PostWithKey("/api/capital/withdrawals", Withdrawal(20 * Billion, "2026-03-31", "2026-03-15"), chief, "rut-von-1");
        withdrawal.Context.Response.StatusCode.ShouldBe(201, await withdrawal.ReadAsTextAsync());
        var contributionId = (await contribution.ReadJson()).GetProperty("entryId").GetGuid();
        var withdrawalId = (await withdrawal.ReadJson()).GetProperty("entryId").GetGuid();
        await using (var conn = new Npgsql.NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var delete = new Npgsql.NpgsqlCommand("delete from htxfund.mt_doc_idempotencyrecord", conn);
            (await delete.ExecuteNonQueryAsync()).ShouldBeGreaterThanOrEqualTo(2);
        }
        var events = await EventCount();

        var again = await PostWithKey("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"), chief, "nap-von-1");
        again.Context.Response.StatusCode.ShouldBe(201, await again.ReadAsTextAsync());
        (await again.ReadJson()).GetProperty("entryId").GetGuid().ShouldBe(contributionId);
        // the whole charter capital was withdrawn: booked again, this would be refused (or withdraw it twice)
        var withdrawnAgain = await PostWithKey("/api/capital/withdrawals", Withdrawal(20 * Billion, "2026-03-31", "2026-03-15"), chief, "rut-von-1");
        withdrawnAgain.Context.Response.StatusCode.ShouldBe(201, await withdrawnAgain.ReadAsTextAsync());
        (await withdrawnAgain.ReadJson()).GetProperty("entryId").GetGuid().ShouldBe(withdrawalId);

        (await EventCount()).ShouldBe(events, "a repeat of a booked entry appends nothing");
        var position = await PositionAsOf("2026-04-01");
        position.Ledger.Select(l => l.EntryId).ShouldBe([contributionId, withdrawalId]);
        position.CharterCapital.ShouldBe(Money.Zero);
    }

    /// <summary>The capital commands of a fund are decided one after the other under the fund's capital lock, each on the
    /// ledger and the stream version left by the one committed before it: simultaneous entries on a fund without a capital
    /// stream yet all start or extend the same stream (no conflict), and of simultaneous withdrawals exactly those the
    /// charter capital covers are booked, the others refused on the money.</summary>
    [Fact]
    public async Task simultaneous_capital_entries_are_decided_one_after_the_other_on_the_ledger_left_by_the_last()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var contributions = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            Post("/api/capital/contributions", Contribution(Billion, "2025-01-15", decisionNumber: $"{i}/QĐ-UBND"), chief)));
        foreach (var c in contributions) c.Context.Response.StatusCode.ShouldBe(201, await c.ReadAsTextAsync());

        var withdrawals = await Task.WhenAll(Enumerable.Range(1, 9).Select(_ =>
            Post("/api/capital/withdrawals", Withdrawal(Billion, "2025-02-01"), chief)));

        var statuses = withdrawals.Select(w => w.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == 201).ShouldBe(6, string.Join(",", statuses));
        statuses.Count(s => s == 422).ShouldBe(3, string.Join(",", statuses));
        foreach (var refused in withdrawals.Where(w => w.Context.Response.StatusCode == 422))
            await refused.ShouldBeRefusal(422, "capital.withdrawal_exceeds_charter_capital");
        var position = await PositionAsOf("2025-02-01");
        position.CharterCapital.ShouldBe(Money.Zero);
        position.Ledger.Count.ShouldBe(12);
    }

    [Fact]
    public async Task the_same_idempotency_key_from_another_user_books_its_own_entry()
    {
        var chief = await TokenFor(Roles.ChiefAccountant);
        var admin = await TokenFor(Roles.Admin);
        var first = await PostWithKey("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"), chief, "nap-von-chung");
        var second = await PostWithKey("/api/capital/contributions", Contribution(20 * Billion, "2025-01-15"), admin, "nap-von-chung");

        first.Context.Response.StatusCode.ShouldBe(201, await first.ReadAsTextAsync());
        second.Context.Response.StatusCode.ShouldBe(201, await second.ReadAsTextAsync());
        (await second.ReadJson()).GetProperty("entryId").GetGuid().ShouldNotBe((await first.ReadJson()).GetProperty("entryId").GetGuid());
        (await PositionAsOf("2025-01-15")).CharterCapital.ShouldBe(Money.Of(40 * Billion));
    }
}
