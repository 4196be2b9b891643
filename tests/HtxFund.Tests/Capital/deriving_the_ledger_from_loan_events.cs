using HtxFund.Capital;
using HtxFund.Capital.GettingPosition;
using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Repaying;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Npgsql;

namespace HtxFund.Tests.Capital;

/// <summary>The fund's cash lines of disbursements, repayments and reversals are projected from the loans' own events:
/// one line per event (its id the event's capital entry id), nothing appended to the capital stream, no fund-wide lock
/// for a repayment, and the ledger's order and cuts follow the events' global sequence.</summary>
public sealed class deriving_the_ledger_from_loan_events(AppFixture fixture) : LoanContext(fixture)
{
    private const string Reason = "Ghi nhầm khoản vay";

    private async Task<long> CapitalStreamVersion()
    {
        await using var session = Store.QuerySession(FundA);
        return (await session.Events.FetchStreamStateAsync(FundCapital.StreamId))?.Version ?? 0;
    }

    private async Task<List<CapitalLedgerEntry>> Lines()
    {
        await using var session = Store.QuerySession(FundA);
        return [.. await session.Query<CapitalLedgerEntry>().ToListAsync()];
    }

    private async Task<string> SecondAccountant() => await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]));

    /// <summary>Polls the database until a session waits for the fund's capital lock (never a fixed sleep).</summary>
    private async Task WaitUntilSomeoneWaitsForTheFundLock()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await Waiting.Eventually(async () =>
        {
            await using var cmd = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND ((classid::bigint << 32) | objid::bigint) = @k", conn);
            cmd.Parameters.AddWithValue("k", FundCapital.LockKey(FundA));
            return (long)(await cmd.ExecuteScalarAsync())! > 0;
        }, "a command waits for the fund's capital lock", TimeSpan.FromSeconds(30));
    }

    /// <summary>A transaction of another connection holding the fund's capital lock (pg_advisory_xact_lock) until disposed.</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction)> HoldFundLock()
    {
        var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", conn, tx);
        cmd.Parameters.AddWithValue("k", FundCapital.LockKey(FundA));
        await cmd.ExecuteNonQueryAsync();
        return (conn, tx);
    }

    [Fact]
    public async Task each_disbursement_repayment_and_reversal_has_one_line_with_its_events_entry_id_and_the_capital_stream_holds_none_of_them()
    {
        var loan = await SignedLoan(300_000_000, "11/2026/HĐTD");
        var capitalVersion = await CapitalStreamVersion();
        var tranche = await Disbursed(loan, 300_000_000);
        var repayment = await Repaid(loan, 2_000_000, Today);
        var reversed = await Post($"/api/loans/{loan}/repayments/{repayment.RepaymentId}/reversal", new { reason = Reason }, await SecondAccountant());
        reversed.Context.Response.StatusCode.ShouldBe(200, await reversed.ReadAsTextAsync());
        var reversal = await reversed.Read<RepaymentReversalReceipt>();

        (await CapitalStreamVersion()).ShouldBe(capitalVersion, "nothing of the loans is appended to the capital stream");
        var details = await Loan(loan);
        var disbursedLine = details.Tranches.Single(t => t.TrancheId == tranche).CapitalEntryId;
        var lines = (await Lines()).Where(l => l.Entry.LoanId == loan).OrderBy(l => l.StreamVersion).ToList();
        lines.Select(l => (l.Id, l.Kind, l.StreamId, l.Amount, l.PrincipalRepaid, l.InterestReceived)).ShouldBe(
        [
            (disbursedLine!.Value, CapitalEntryKind.LoanDisbursement, loan, -300_000_000L, 0L, 0L),
            (repayment.CapitalEntryId, CapitalEntryKind.LoanRepayment, loan, 2_000_000L, repayment.Allocation.Principal.Dong, repayment.Allocation.Interest.Dong),
            (reversal.CapitalEntryId, CapitalEntryKind.LoanRepaymentReversal, loan, -2_000_000L,
                -repayment.Allocation.Principal.Dong, -repayment.Allocation.Interest.Dong),
        ]);
        lines.ShouldAllBe(l => l.Entry.ValueDate == new NodaTime.LocalDate(2026, 11, 22));
    }

    [Fact]
    public async Task many_simultaneous_repayments_on_different_loans_of_one_fund_all_book_and_the_position_sums_them_exactly()
    {
        var loans = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var loan = await SignedLoan(200_000_000, $"{60 + i}/2026/HĐTD");
            await Disbursed(loan, 200_000_000);
            loans.Add(loan);
        }
        var before = await Capital();
        var random = new Random(20261122);
        var payments = loans.SelectMany((loan, l) => Enumerable.Range(0, 5).Select(r => (Loan: loan, Amount: (long)random.Next(1, 3_000_000),
            Reference: $"FT26NOLOCK{l}{r}"))).ToArray();
        var token = await TokenFor(Roles.Accountant);

        var results = await Task.WhenAll(payments.Select(p => Repay(p.Loan, p.Amount, Today, p.Reference, token)));

        foreach (var result in results) result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        var receipts = await Task.WhenAll(results.Select(r => r.Read<RepaymentReceipt>()));
        var after = await Capital();
        after.CashAvailable.Dong.ShouldBe(before.CashAvailable.Dong + payments.Sum(p => p.Amount), "every repayment's cash, none lost");
        after.OutstandingPrincipal.Dong.ShouldBe(before.OutstandingPrincipal.Dong - receipts.Sum(r => r.Allocation.Principal.Dong));
        after.InterestReceived.Dong.ShouldBe(before.InterestReceived.Dong + receipts.Sum(r => r.Allocation.Interest.Dong));
        var lines = (await Lines()).Where(l => l.Kind == CapitalEntryKind.LoanRepayment).ToList();
        lines.Select(l => l.Id).ShouldBe(receipts.Select(r => r.CapitalEntryId), ignoreOrder: true);
        foreach (var loan in loans) (await Loan(loan)).Repayments.Count.ShouldBe(5);
    }

    [Fact]
    public async Task a_repayment_books_while_another_transaction_holds_the_funds_capital_lock_and_a_confirmation_waits_for_it()
    {
        var loan = await SignedLoan(300_000_000, "12/2026/HĐTD");
        await Disbursed(loan, 100_000_000);
        var tranche = await Prepared(loan, 100_000_000);
        var cash = (await Capital()).CashAvailable.Dong;

        var (conn, tx) = await HoldFundLock();
        Task<Alba.IScenarioResult> confirming;
        await using (conn)
        await using (tx)
        {
            var repaid = await Repay(loan, 3_000_000, Today).WaitAsync(TimeSpan.FromSeconds(30));
            repaid.Context.Response.StatusCode.ShouldBe(201, await repaid.ReadAsTextAsync());

            confirming = Confirm(loan, tranche);
            await WaitUntilSomeoneWaitsForTheFundLock();
            confirming.IsCompleted.ShouldBeFalse("a confirmation decides on the fund's cash, under its lock");
            await tx.CommitAsync();
        }

        var confirmed = await confirming.WaitAsync(TimeSpan.FromSeconds(30));
        confirmed.Context.Response.StatusCode.ShouldBe(200, await confirmed.ReadAsTextAsync());
        (await Capital()).CashAvailable.Dong.ShouldBe(cash + 3_000_000 - 100_000_000);
    }

    [Fact]
    public async Task a_reversal_waits_for_the_funds_capital_lock_and_is_refused_when_the_cash_it_takes_back_is_no_longer_there()
    {
        // the fund's cash from 21/11: 20 bn contributed − 19.9 bn withdrawn = 100 m (a surplus of 19.9 bn recorded for 22/11
        // keeps the actual charter capital, and so the lending limits, at 20 bn); a loan takes 60 m, a repayment brings 50 m back
        await Ok(Post("/api/capital/retained-results", new { surplusOrLoss = 19_900_000_000, asOf = Today, reference = "BCTC năm 2025" },
            await TokenFor(Roles.ChiefAccountant)));
        await WithdrawCapital(19_900_000_000);
        var loan = await SignedLoan(100_000_000, "13/2026/HĐTD");
        await Disbursed(loan, 60_000_000);
        var repayment = await Repaid(loan, 50_000_000, Today);
        var other = await SignedLoan(100_000_000, "14/2026/HĐTD", await AnotherCooperative());
        var reverser = await SecondAccountant();

        // while the lock is held, the reversal waits; the lock's holder stands for a confirmation paying out 80 m meanwhile
        var tranche = await Prepared(other, 80_000_000);
        var (conn, tx) = await HoldFundLock();
        Task<Alba.IScenarioResult> reversing;
        await using (conn)
        await using (tx)
        {
            reversing = Post($"/api/loans/{loan}/repayments/{repayment.RepaymentId}/reversal", new { reason = Reason }, reverser);
            await WaitUntilSomeoneWaitsForTheFundLock();
            reversing.IsCompleted.ShouldBeFalse("a reversal takes cash out: it decides under the fund's lock");
            await tx.CommitAsync();
        }
        await Ok(reversing.WaitAsync(TimeSpan.FromSeconds(30)));
        (await Capital()).CashAvailable.Dong.ShouldBe(100_000_000 - 60_000_000);

        // a new repayment, then the 80 m paid out: taking the 20 m back would leave the fund's cash below zero
        var second = await Repaid(loan, 50_000_000, Today);
        await Ok(Confirm(other, tranche));
        (await Capital()).CashAvailable.Dong.ShouldBe(100_000_000 - 60_000_000 + 50_000_000 - 80_000_000);
        var events = await EventCount();
        await (await Post($"/api/loans/{loan}/repayments/{second.RepaymentId}/reversal", new { reason = Reason }, reverser))
            .ShouldBeRefusal(422, "repayment.reversal_exceeds_cash");
        (await EventCount()).ShouldBe(events);
        (await Lines()).Count(l => l.Kind == CapitalEntryKind.LoanRepaymentReversal).ShouldBe(1);
    }

    [Fact]
    public async Task the_ledger_shows_the_lines_of_loans_and_capital_in_the_order_recorded_with_each_loans_contract()
    {
        var first = await SignedLoan(300_000_000, "21/2026/HĐTD");
        var second = await SignedLoan(200_000_000, "22/2026/HĐTD");
        var chief = await TokenFor(Roles.ChiefAccountant);
        await Disbursed(first, 300_000_000);
        await Ok(Post("/api/capital/other-sources", new
        {
            kind = "Borrowing", amount = 40_000_000, source = "Ngân hàng Phát triển", decisionNumber = "5/QĐ-QHTX", decisionDate = Today,
            valueDate = Today,
        }, chief));
        var repayment = await Repaid(first, 5_000_000, Today, "FT26ORDER0001");
        await Ok(Post("/api/capital/retained-results", new { surplusOrLoss = 700_000_000, asOf = Today, reference = "BCTC quý III" }, chief));
        await Ok(Post($"/api/loans/{first}/repayments/{repayment.RepaymentId}/reversal", new { reason = Reason }, await SecondAccountant()));
        await Disbursed(second, 200_000_000);

        var page = await Capital($"{Today}&ledgerFrom={Today}");
        page.Ledger.Select(l => (l.Kind, l.Amount.Dong, l.Source, l.Reference, l.LoanId)).ShouldBe(
        [
            (CapitalEntryKind.LoanDisbursement, -300_000_000L, "21/2026/HĐTD", "Giải ngân hợp đồng 21/2026/HĐTD", first),
            (CapitalEntryKind.OtherCapitalReceipt, 40_000_000L, "Borrowing: Ngân hàng Phát triển", "5/QĐ-QHTX", null),
            (CapitalEntryKind.LoanRepayment, 5_000_000L, "21/2026/HĐTD", "FT26ORDER0001", first),
            (CapitalEntryKind.RetainedResult, 700_000_000L, null, "BCTC quý III", null),
            (CapitalEntryKind.LoanRepaymentReversal, -5_000_000L, "21/2026/HĐTD", Reason, first),
            (CapitalEntryKind.LoanDisbursement, -200_000_000L, "22/2026/HĐTD", "Giải ngân hợp đồng 22/2026/HĐTD", second),
        ]);
        var cash = page.CashAvailable.Dong;
        // cash at the end of the day is the 20 bn contributed less the 460 m these lines take out in all
        page.Ledger.Select(l => l.CashAfter.Dong).ShouldBe(
            [cash + 160_000_000, cash + 200_000_000, cash + 205_000_000, cash + 205_000_000, cash + 200_000_000, cash]);
        page.Ledger.Select(l => l.RetainedResultAfter.Dong).ShouldBe([0L, 0, 0, 700_000_000, 700_000_000, 700_000_000]);

        // the last two lines alone: the retained result recorded before them, on the capital stream, still shows
        var tail = await Capital($"{Today}&ledgerLines=2");
        tail.Ledger.Select(l => l.Kind).ShouldBe([CapitalEntryKind.LoanRepaymentReversal, CapitalEntryKind.LoanDisbursement]);
        tail.Ledger.Select(l => l.RetainedResultAfter.Dong).ShouldBe([700_000_000L, 700_000_000]);
        tail.Ledger.Select(l => l.CashAfter.Dong).ShouldBe([cash + 200_000_000, cash]);
        tail.LedgerHasMore.ShouldBeTrue();
    }

    [Fact]
    public async Task the_ledger_at_a_recorded_sequence_holds_only_the_lines_of_events_up_to_it()
    {
        var first = await SignedLoan(300_000_000, "31/2026/HĐTD");
        var second = await SignedLoan(200_000_000, "32/2026/HĐTD");
        await Disbursed(first, 300_000_000);
        var kept = await Repaid(first, 4_000_000, Today);
        long cut;
        FundCapitalLedger atCut;
        await using (var session = Store.QuerySession(FundA))
        {
            cut = await EventCut.CurrentSequenceAsync(session, default);
            atCut = await FundCapital.LedgerAsync(session, default);
        }
        var reportAtCut = await (await Get($"/api/reports/capital-adequacy?asOf={Today}", await TokenFor(Roles.CreditOfficer))).Read<CapitalAdequacyReport>();

        // after the cut: a backdated repayment, its reversal of the one before, a disbursement and a contribution
        await Repaid(first, 6_000_000, "2026-11-22");
        await Ok(Post($"/api/loans/{first}/repayments/{kept.RepaymentId}/reversal", new { reason = Reason }, await SecondAccountant()));
        await Disbursed(second, 150_000_000);
        await ContributeCapital(1_000_000_000);

        await using (var session = Store.QuerySession(FundA))
        {
            var now = await FundCapital.LedgerAsync(session, default);
            now.CashAsOf(new(2026, 11, 22)).ShouldNotBe(atCut.CashAsOf(new(2026, 11, 22)));
            var again = await FundCapital.LedgerAsync(session, cut, default);
            again.ShouldBeEquivalentTo(atCut);
        }
        var reportAgain = await (await Get($"/api/reports/capital-adequacy?asOf={Today}&sequence={reportAtCut.HighestSequence}",
            await TokenFor(Roles.CreditOfficer))).Read<CapitalAdequacyReport>();
        reportAgain.Figures.ShouldBe(reportAtCut.Figures);
    }
}
