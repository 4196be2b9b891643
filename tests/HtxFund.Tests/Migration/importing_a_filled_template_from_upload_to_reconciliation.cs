using Alba;
using HtxFund.Identity;
using HtxFund.Migration;
using HtxFund.Migration.Uploading;
using HtxFund.Tests.Migration.Booking.Support;
using HtxFund.Tests.Migration.Support;
using HtxFund.Tests.Support;
using Npgsql;

namespace HtxFund.Tests.Migration;

/// <summary>The whole import as a fund runs it: the app's template filled with 200 loans in mixed states, uploaded by an
/// Accountant (the dry run), confirmed by a ChiefAccountant (the booking), proved by the reconciliation; then the same
/// file again, which books nothing.</summary>
public sealed class importing_a_filled_template_from_upload_to_reconciliation(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<LoanBookImportView> Upload(byte[] workbook)
    {
        var result = await Host.UploadLoanBook(workbook, await TokenFor(Roles.Accountant));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<LoanBookImportView>())!;
    }

    private async Task<LoanBookImport> Confirm(Guid id)
    {
        var result = await PostWithoutBody($"{LoanBookUploads.Imports}/{id}/confirm", await TokenFor(Roles.ChiefAccountant));
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return (await result.Read<LoanBookImport>())!;
    }

    private async Task<long> EventCount()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM htxfund.mt_events WHERE tenant_id = @t", conn);
        cmd.Parameters.AddWithValue("t", FundA);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task two_hundred_loans_in_a_filled_template_book_and_reconcile_to_the_dong_and_the_same_file_again_books_nothing()
    {
        var model = MixedLoanBook.Build(200, LoanBookImports.NewSha256(), contractPrefix: "E2E");
        var workbook = LoanBookWorkbook.Write(model);

        var dryRun = await Upload(workbook);
        dryRun.Import.Refusals.ShouldBeEmpty();
        dryRun.Import.State.ShouldBe(LoanBookImportState.Checked);
        dryRun.Import.Summary!.ShouldSatisfyAllConditions(
            s => s.Loans.ShouldBe(200), s => s.NewLoans.ShouldBe(200), s => s.AlreadyImportedLoans.ShouldBe(0),
            s => s.Cooperatives.ShouldBe(model.Cooperatives.Count), s => s.NewCooperatives.ShouldBe(model.Cooperatives.Count),
            s => s.TotalAmount.ShouldBe(model.Loans.Sum(l => l.Amount)),
            s => s.TotalPrincipalOutstanding.ShouldBe(model.Loans.Sum(l => l.ExpectedPrincipalOutstanding)),
            s => s.TotalInterestOwed.ShouldBe(model.Loans.Sum(l => l.ExpectedInterestOwed)));

        var booked = await Confirm(dryRun.Import.Id);
        booked.State.ShouldBe(LoanBookImportState.Booked);
        booked.LoansBooked.ShouldBe(200);
        var proof = booked.Reconciliation!;
        proof.Differences.ShouldBeEmpty();
        proof.FundPrincipalOutstanding.ShouldBe(model.Loans.Sum(l => l.ExpectedPrincipalOutstanding));
        proof.FundInterestOwed.ShouldBe(model.Loans.Sum(l => l.ExpectedInterestOwed));
        proof.Reconciles.ShouldBeTrue();
        var events = await EventCount();

        var again = await Upload(workbook);
        again.Import.State.ShouldBe(LoanBookImportState.Checked);
        again.Import.Summary!.ShouldSatisfyAllConditions(s => s.NewLoans.ShouldBe(0), s => s.AlreadyImportedLoans.ShouldBe(200),
            s => s.NewCooperatives.ShouldBe(0));
        var rebooked = await Confirm(again.Import.Id);
        rebooked.LoansBooked.ShouldBe(0);
        rebooked.LoansSkipped.ShouldBe(200);
        (await EventCount()).ShouldBe(events);
    }
}
