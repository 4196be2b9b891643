using HtxFund.Identity;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.RebuildingSnapshots;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Npgsql;

namespace HtxFund.Tests.Loans.RebuildingSnapshots;

/// <summary>A loan's snapshot document is written with every event of its stream; when one is lost, commands refuse the
/// loan (nothing folds the stream on a request) until <c>ops/rebuild-loans</c> (<see cref="LoanSnapshots.RebuildAsync"/>)
/// writes it again from the events.</summary>
public sealed class rebuilding_missing_loan_snapshots(AppFixture fixture) : LoanContext(fixture)
{
    private string Json(object value) => Store.Options.Serializer().ToJson(value);

    private async Task DeleteSnapshot(Guid id)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var delete = new NpgsqlCommand("delete from htxfund.mt_doc_loan where id = $1", conn);
        delete.Parameters.AddWithValue(id);
        (await delete.ExecuteNonQueryAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task a_loan_whose_snapshot_was_lost_is_refused_until_rebuilt_from_its_events_then_is_repaid()
    {
        var id = await SignedLoan(400_000_000, "18/2026/HĐTD");
        await Disbursed(id, 200_000_000);
        await Repaid(id, 1_000_000, Today);
        var other = await SignedLoan(100_000_000, "19/2026/HĐTD");
        await DeleteSnapshot(id);

        var events = await EventCount();
        await (await Repay(id, 2_000_000, Today, "FT26336000777")).ShouldBeRefusal(404, "loan.not_found");
        await (await Prepare(id, 1_000_000)).ShouldBeRefusal(404, "loan.not_found");
        (await EventCount()).ShouldBe(events);
        var shown = await Loan(id); // the view is still there, without the position it cannot value
        shown.ContractNumber.ShouldBe("18/2026/HĐTD");
        shown.Position.ShouldBeNull();

        var rebuild = await LoanSnapshots.RebuildAsync(Store, null, CancellationToken.None);
        rebuild.Rebuilt.ShouldBe([(FundA, id)]);
        rebuild.StreamsChecked.ShouldBeGreaterThanOrEqualTo(2);
        await using (var session = Store.QuerySession(FundA))
        {
            var snapshot = await session.LoadAsync<Loan>(id);
            snapshot.ShouldNotBeNull();
            Json(snapshot).ShouldBe(Json((await session.Events.AggregateStreamAsync<Loan>(id))!));
            snapshot.Version.ShouldBe((await session.Events.FetchStreamStateAsync(id))!.Version);
            (await session.LoadAsync<Loan>(other)).ShouldNotBeNull();
        }

        var receipt = await Repaid(id, 2_000_000, Today, "FT26336000777");
        receipt.Amount.ShouldBe(2_000_000);
        (await Loan(id)).Position!.PaidPrincipal.ShouldBeGreaterThan(0);
        (await LoanSnapshots.RebuildAsync(Store, null, CancellationToken.None)).Rebuilt.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_loan_stream_keeps_its_snapshot_at_its_version_so_a_rebuild_finds_nothing_to_write()
    {
        // a loan through every kind of event its stream holds, application events the loan does not fold among them
        var id = await SignedLoan(400_000_000, "20/2026/HĐTD");
        await Disbursed(id, 400_000_000);
        await Repaid(id, 5_000_000, Today);
        var draft = await Draft(Request(amount: 100_000_000));
        await Ok(Transition(draft, "submit", new { }, Coop));

        var rebuild = await LoanSnapshots.RebuildAsync(Store, null, CancellationToken.None);
        rebuild.Rebuilt.ShouldBeEmpty();
        rebuild.StreamsChecked.ShouldBe(2);
        // the version a client sends back is the stream's, as the loan view shows it (a command compares it with the stream's)
        await using var session = Store.QuerySession(FundA);
        var streamVersion = (await session.Events.FetchStreamStateAsync(id))!.Version;
        (await Loan(id)).Version.ShouldBe(streamVersion);
        await Ok(LoanPost(id, "credit-checks", new { result = "NoBadDebt", source = "CIC 2", checkedOn = Today, note = "" },
            await TokenFor(Roles.CreditOfficer)));
        var stale = await Post($"/api/loans/{id}/credit-checks", new { version = streamVersion, result = "NoBadDebt", source = "CIC 3", checkedOn = Today },
            await TokenFor(Roles.CreditOfficer));
        var conflict = System.Text.Json.JsonDocument.Parse(await stale.ReadAsTextAsync()).RootElement;
        await stale.ShouldBeRefusal(409, "loan.version_conflict");
        conflict.GetProperty("currentVersion").GetInt64().ShouldBe(streamVersion + 1);
        // a draft's snapshot is at its first event, the stream past it with application events the loan does not fold
        (await session.LoadAsync<Loan>(draft))!.Version.ShouldBe(1);
        (await session.Events.FetchStreamStateAsync(draft))!.Version.ShouldBeGreaterThan(1);
    }
}
