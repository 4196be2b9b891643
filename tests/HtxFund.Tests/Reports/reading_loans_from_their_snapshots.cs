using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Reports;
using HtxFund.Reports.CapitalAdequacy;
using HtxFund.Tests.Loans.Fixtures;
using Marten;
using Marten.Events;
using NodaTime;
using Npgsql;

namespace HtxFund.Tests.Reports;

/// <summary>The monthly run and the reports read each loan from its inline snapshot (the <see cref="Loan"/> document),
/// which is exactly what folding the loan's events gives; a report at a point of the log folds the loans that changed
/// since; a loan book with a missing snapshot is refused, never silently short.</summary>
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
    public async Task a_loans_snapshot_is_its_full_replay_at_the_streams_version_with_the_columns_the_reports_select_on()
    {
        var id = await ServicedLoan();

        await using var session = Store.QuerySession(FundA);
        var snapshot = await session.LoadAsync<Loan>(id);
        var replay = await session.Events.AggregateStreamAsync<Loan>(id);
        snapshot.ShouldNotBeNull();
        replay.ShouldNotBeNull();
        Json(snapshot).ShouldBe(Json(replay));
        replay.Repayments.Count.ShouldBe(2);
        replay.Repayments.Count(r => r.Reversed).ShouldBe(1);
        snapshot.Version.ShouldBe((await session.Events.FetchStreamStateAsync(id))!.Version);
        snapshot.ActiveAt(MonthEnd).ShouldBeTrue();
        snapshot.ActiveAt(new LocalDate(2026, 11, 21)).ShouldBeFalse();
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "select stage, first_disbursed_day, closed_day, cooperative_id, member_id from htxfund.mt_doc_loan where id = @id", conn);
            cmd.Parameters.AddWithValue("id", id);
            await using var row = await cmd.ExecuteReaderAsync();
            (await row.ReadAsync()).ShouldBeTrue();
            row.GetString(0).ShouldBe(nameof(LoanStage.Contracted));
            row.GetInt32(1).ShouldBe(LoanActivity.DayNumber(new LocalDate(2026, 11, 22)));
            row.IsDBNull(2).ShouldBeTrue();
            row.GetGuid(3).ShouldBe(snapshot.CooperativeId);
            row.IsDBNull(4).ShouldBeTrue();
        }

        var read = await LoanBook.LoadAsync(session, [id], null, CancellationToken.None);
        Json(read[id]).ShouldBe(Json(replay));
        (await LoanBook.CountActiveAsync(session, MonthEnd, CancellationToken.None)).ShouldBe(1);
        (await LoanBook.CountActiveAsync(session, new LocalDate(2026, 11, 21), CancellationToken.None)).ShouldBe(0);
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
        (await session.LoadAsync<Loan>(id))!.Repayments.Count.ShouldBe(1);

        var read = await LoanBook.LoadAsync(session, [id], cut, CancellationToken.None);
        Json(read[id]).ShouldBe(Json(atCut));
        var now = await LoanBook.LoadAsync(session, [id], null, CancellationToken.None);
        now[id].Repayments.Count.ShouldBe(1);

        // the report's loan stream at the cut gives the same loan
        var loans = new List<Loan>();
        await foreach (var loan in new EventCut(session, cut).LoansAsync(CancellationToken.None)) loans.Add(loan);
        Json(loans.Single()).ShouldBe(Json(atCut));
    }

    [Fact]
    public async Task a_loan_book_with_a_loan_whose_snapshot_is_missing_is_refused_until_ops_rebuilds_it()
    {
        var missing = await ServicedLoan();
        var current = await SignedLoan();
        await Disbursed(current, 300_000_000);
        await using (var conn = new NpgsqlConnection(Fixture.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("delete from htxfund.mt_doc_loan where id = @missing", conn);
            cmd.Parameters.AddWithValue("missing", missing);
            (await cmd.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var refused = await Should.ThrowAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in LoanBook.PrefetchedAsync(Store, FundA, 10, MonthEnd, null, null, CancellationToken.None)) { }
        });
        refused.Message.ShouldContain("ops/rebuild-loans");

        await HtxFund.Loans.RebuildingSnapshots.LoanSnapshots.RebuildAsync(Store, null, CancellationToken.None);
        var ids = new List<Guid>();
        await foreach (var batch in LoanBook.PrefetchedAsync(Store, FundA, 1, MonthEnd, null, null, CancellationToken.None))
            ids.AddRange(batch.Select(l => l.Id));
        ids.ShouldBe(new[] { missing, current }.Order(Comparer<Guid>.Create(HtxFund.Classification.ClassificationRuns.CompareAsDatabase)));
        await using var session = Store.QuerySession(FundA);
        (await LoanBook.CountActiveAsync(session, MonthEnd, CancellationToken.None)).ShouldBe(2);
        Json((await LoanBook.LoadAsync(session, [missing], null, CancellationToken.None))[missing])
            .ShouldBe(Json((await session.Events.AggregateStreamAsync<Loan>(missing))!));
    }
}
