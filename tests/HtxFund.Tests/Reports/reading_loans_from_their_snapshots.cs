using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.Servicing;
using HtxFund.Reports;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Loans.Fixtures;
using Marten;
using Marten.Events;
using NodaTime;
using Npgsql;

namespace HtxFund.Tests.Reports;

/// <summary>The monthly run and the reports read each loan from its inline snapshot (<see cref="LoanSnapshot"/>) only when
/// the snapshot is exactly what folding the loan's events would give; otherwise they fold the events.</summary>
public sealed class reading_loans_from_their_snapshots(AppFixture fixture) : LoanContext(fixture)
{
    private static readonly LocalDate MonthEnd = new(2026, 11, 30);

    private string Json(object value) => Store.Options.Serializer().ToJson(value);

    /// <summary>Signed, credit-checked, paid out, two repayments recorded and the second reversed by another accountant.</summary>
    private async Task<Guid> ServicedLoan()
    {
        var id = await SignedLoan();
        await Disbursed(id, 400_000_000);
        await Repaid(id, 10_000_000, Today);
        var second = await Repaid(id, 5_000_000, Today);
        var other = await TokenForUser(await CreateStaffUser("daklak.accountant2", [Roles.Accountant]));
        await Ok(Post($"/api/loans/{id}/repayments/{second.RepaymentId}/reversal", new { reason = "Ghi nhầm khoản vay" }, other));
        return id;
    }

    private static async Task<Loan?> FoldedUpTo(IQuerySession session, Guid id, long sequence) =>
        await session.Events.QueryAllRawEvents().Where(e => e.StreamId == id && e.Sequence <= sequence).OrderBy(e => e.Sequence)
            .AggregateToAsync<Loan>();

    [Fact]
    public async Task a_loans_snapshot_is_its_full_replay_at_the_streams_version()
    {
        var id = await ServicedLoan();

        await using var session = Store.QuerySession(FundA);
        var snapshot = await session.LoadAsync<LoanSnapshot>(id);
        var replay = await session.Events.AggregateStreamAsync<Loan>(id);
        snapshot.ShouldNotBeNull();
        replay.ShouldNotBeNull();
        Json(snapshot.Loan).ShouldBe(Json(replay));
        replay.Repayments.Count.ShouldBe(2);
        replay.Repayments.Count(r => r.Reversed).ShouldBe(1);
        snapshot.Version.ShouldBe((await session.Events.FetchStreamStateAsync(id))!.Version);
        snapshot.Stage.ShouldBe(LoanStage.Contracted);
        snapshot.FirstDisbursedDay.ShouldBe(LoanSnapshot.DayNumber(new LocalDate(2026, 11, 22)));
        snapshot.ClosedDay.ShouldBeNull();
        snapshot.ActiveAt(MonthEnd).ShouldBeTrue();
        snapshot.ActiveAt(new LocalDate(2026, 11, 21)).ShouldBeFalse();

        var read = await LoanBook.LoadAsync(session, [id], null, CancellationToken.None);
        Json(read[id].Loan).ShouldBe(Json(replay));
        (await LoanBook.CountActiveAsync(session, MonthEnd, CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public async Task a_snapshot_past_the_cut_is_not_used_the_loan_is_folded_from_its_events_up_to_the_cut()
    {
        var id = await SignedLoan();
        await Disbursed(id, 400_000_000);
        long cut;
        await using (var before = Store.QuerySession(FundA))
            cut = await EventCut.CurrentSequenceAsync(before, CancellationToken.None);
        await Repaid(id, 10_000_000, Today); // after the cut: the snapshot now reflects it

        await using var session = Store.QuerySession(FundA);
        var atCut = await FoldedUpTo(session, id, cut);
        atCut.ShouldNotBeNull();
        atCut.Repayments.ShouldBeEmpty();
        (await session.LoadAsync<LoanSnapshot>(id))!.Loan.Repayments.Count.ShouldBe(1);

        var read = await LoanBook.LoadAsync(session, [id], cut, CancellationToken.None);
        Json(read[id].Loan).ShouldBe(Json(atCut));
        var now = await LoanBook.LoadAsync(session, [id], null, CancellationToken.None);
        now[id].Loan.Repayments.Count.ShouldBe(1);

        // the report's loan stream at the cut gives the same loan
        var loans = new List<LoanSnapshot>();
        await foreach (var loan in new EventCut(session, cut).LoansAsync(CancellationToken.None)) loans.Add(loan);
        Json(loans.Single().Loan).ShouldBe(Json(atCut));
    }

    [Fact]
    public async Task a_loan_without_a_current_snapshot_is_listed_counted_and_read_from_its_events()
    {
        var missing = await ServicedLoan();
        var stale = await SignedLoan();
        await Disbursed(stale, 200_000_000);
        var current = await SignedLoan();
        await Disbursed(current, 300_000_000);
        // as for loans written before snapshots existed: one snapshot gone, one behind its stream
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "delete from htxfund.mt_doc_loansnapshot where id = @missing; update htxfund.mt_doc_loansnapshot set mt_version = mt_version - 1 where id = @stale",
                conn);
            cmd.Parameters.AddWithValue("missing", missing);
            cmd.Parameters.AddWithValue("stale", stale);
            await cmd.ExecuteNonQueryAsync();
        }

        await using var session = Store.QuerySession(FundA);
        (await LoanBook.CountActiveAsync(session, MonthEnd, CancellationToken.None)).ShouldBe(3);
        var ids = new List<Guid>();
        await foreach (var batch in LoanBook.IdBatchesAsync(session, 2, MonthEnd, null, CancellationToken.None)) ids.AddRange(batch);
        ids.ShouldBe(new[] { missing, stale, current }.Order(Comparer<Guid>.Create(HtxFund.Classification.ClassificationRuns.CompareAsDatabase)));

        var read = await LoanBook.LoadAsync(session, [missing, stale, current], null, CancellationToken.None);
        foreach (var id in new[] { missing, stale, current })
            Json(read[id].Loan).ShouldBe(Json((await session.Events.AggregateStreamAsync<Loan>(id))!));
    }
}
