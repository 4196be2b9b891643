using HtxFund.Identity;
using HtxFund.Lending.Accounting;
using HtxFund.Tests.Support;
using NodaTime;
using Xunit.Abstractions;

namespace HtxFund.Tests.Accounting.Journal;

/// <summary>
/// A random history through the API (seeded; the seed is printed and named in every failure, and
/// <c>HTXFUND_JOURNAL_SEED</c> replays one): charter and other capital in and out, tranches, repayments (some backdated),
/// reversals and the monthly classification runs that book provisions, over about three months. Every voucher balances, and
/// at every date a movement happened and at every month end the journal's cash (1121), loans (1283) and provisions (2293,
/// credit) equal the capital position's cash available, outstanding principal and provisions held.
/// </summary>
public sealed class reconciling_a_random_history_with_the_capital_position(AppFixture fixture, ITestOutputHelper output) : JournalContext(fixture)
{
    private sealed class LoanState(Guid id, long amount)
    {
        public Guid Id { get; } = id;
        public long Undisbursed { get; set; } = amount;
        public long Disbursed { get; set; }
        /// <summary>A repayment is backdated no earlier than the last tranche: before it, the payoff does not include it.</summary>
        public LocalDate? LastDisbursed { get; set; }
        /// <summary>Disbursed − every amount repaid: never above the principal outstanding, so a repayment under it never overpays.</summary>
        public long Room { get; set; }
        public List<(Guid RepaymentId, long Amount)> Repayments { get; } = [];
    }

    [Fact]
    public async Task every_voucher_balances_and_cash_loans_and_provisions_equal_the_capital_position_at_every_date()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HTXFUND_JOURNAL_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var chief = await TokenFor(Roles.ChiefAccountant);
        var reverser = await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]));
        var loans = new List<LoanState> { new(await SignedLoan(500_000_000, "51/2026/HĐTD"), 500_000_000) };
        loans.Add(new(await SignedLoan(300_000_000, "52/2026/HĐTD", await AnotherCooperative()), 300_000_000));
        loans.Add(new(await SignedLoan(450_000_000, "53/2026/HĐTD", await AnotherCooperative()), 450_000_000));
        var other = new Dictionary<string, long>();
        var today = new LocalDate(2026, 11, 22);
        var dates = new SortedSet<LocalDate> { new(2026, 1, 14), new(2026, 1, 15) };
        var runThrough = "2026-10";
        string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

        for (var step = 0; step < 48; step++)
        {
            var kind = random.Next(11);
            var loan = loans[random.Next(loans.Count)];
            switch (kind)
            {
                case 0:
                    await ContributeCapitalOn(random.Next(1, 50) * 10_000_000L, today, chief);
                    break;
                case 1:
                {
                    var source = new[] { "Grant", "EntrustedCapital", "Borrowing", "DevelopmentInvestmentFund", "Other" }[random.Next(5)];
                    var amount = random.Next(1, 100) * 1_000_000L;
                    if (other.GetValueOrDefault(source) >= amount && random.Next(2) == 0)
                    {
                        await OtherCapital("/api/capital/other-sources/repayments", source, amount, Iso(today), "Hoàn trả theo hợp đồng");
                        other[source] -= amount;
                    }
                    else
                    {
                        await OtherCapital("/api/capital/other-sources", source, amount, Iso(today));
                        other[source] = other.GetValueOrDefault(source) + amount;
                    }
                    break;
                }
                case 2 or 3 when loan.Undisbursed > 0:
                {
                    var amount = Math.Min(loan.Undisbursed, random.Next(5, 30) * 10_000_000L);
                    if (today > new LocalDate(2026, 12, 15)) await CreditChecked(loan.Id, checkedOn: Iso(today)); // a check is good for 30 days
                    await Disbursed(loan.Id, amount, Iso(today));
                    loan.Undisbursed -= amount;
                    loan.Disbursed += amount;
                    loan.Room += amount;
                    loan.LastDisbursed = today;
                    break;
                }
                case 4 or 5 or 6 when loan.Room > 2_000_000:
                {
                    var back = Math.Min(random.Next(0, 6), Period.Between(loan.LastDisbursed!.Value, today, PeriodUnits.Days).Days);
                    var amount = random.NextInt64(1_000_000, loan.Room / 2);
                    var receipt = await Repaid(loan.Id, amount, Iso(today.PlusDays(-back)));
                    receipt.Allocation.RefundableExcess.Dong.ShouldBe(0, $"seed {seed}");
                    loan.Repayments.Add((receipt.RepaymentId, amount));
                    loan.Room -= amount;
                    dates.Add(today.PlusDays(-back));
                    break;
                }
                case 7 when loan.Repayments.Count > 0:
                {
                    var (repaymentId, amount) = loan.Repayments[^1];
                    await Ok(Post($"/api/loans/{loan.Id}/repayments/{repaymentId}/reversal", new { reason = "Ghi nhầm khoản vay" }, reverser));
                    loan.Repayments.RemoveAt(loan.Repayments.Count - 1);
                    loan.Room += amount;
                    break;
                }
                case 8:
                    await WithdrawCapitalOn(random.Next(1, 10) * 1_000_000L, today, chief);
                    break;
                default:
                {
                    var next = today.PlusDays(random.Next(3, 16));
                    AdvanceTo(next);
                    today = next;
                    chief = await TokenFor(Roles.ChiefAccountant);
                    reverser = await TokenForUser("daklak.accountant2");
                    var previous = AccountingPeriods.MonthOf(today.PlusMonths(-1));
                    if (string.CompareOrdinal(previous, runThrough) > 0)
                    {
                        var run = await Post("/api/classification-runs", new { month = previous }, chief);
                        run.Context.Response.StatusCode.ShouldBe(200, $"seed {seed}: {await run.ReadAsTextAsync()}");
                        runThrough = previous;
                        dates.Add(AccountingPeriods.FirstDayOf(previous).PlusMonths(1).PlusDays(-1));
                    }
                    break;
                }
            }
            dates.Add(today);
        }

        var lines = await JournalLines();
        output.WriteLine($"{lines.Count} lines, {lines.Select(l => l.VoucherNumber).Distinct().Count()} vouchers, checked at {dates.Count} dates");
        EveryVoucherBalances(lines);
        lines.ShouldAllBe(l => l.Debit >= 0 && l.Credit >= 0);
        foreach (var date in dates)
        {
            var position = await Capital(Iso(date));
            (Balance(lines, AccountingDefaults.Cash, date), Balance(lines, AccountingDefaults.Loans, date), -Balance(lines, AccountingDefaults.LoanLossProvisions, date))
                .ShouldBe((position.CashAvailable.Dong, position.OutstandingPrincipal.Dong, position.ProvisionsHeld.Dong), $"seed {seed}, as of {Iso(date)}");
        }
    }

    private async Task ContributeCapitalOn(long amount, LocalDate valueDate, string token) =>
        await Ok(Post("/api/capital/contributions", new
        {
            amount, source = "Ngân sách tỉnh", decisionNumber = "1600/QĐ-UBND", decisionDate = "2026-11-01", valueDate = valueDate.ToString("yyyy-MM-dd", null),
        }, token));

    private async Task WithdrawCapitalOn(long amount, LocalDate valueDate, string token) =>
        await Ok(Post("/api/capital/withdrawals", new
        {
            amount, source = "Ngân sách tỉnh", decisionNumber = "78/QĐ-UBND", decisionDate = "2026-11-01", valueDate = valueDate.ToString("yyyy-MM-dd", null),
            reason = "Điều chuyển vốn theo quyết định của UBND tỉnh",
        }, token));
}
