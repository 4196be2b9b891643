using Alba;
using HtxFund.Collateral;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.GettingDetails;
using HtxFund.Loans.Migrating;
using HtxFund.Migration;
using HtxFund.Migration.Booking;
using HtxFund.Tests.Migration.Booking.Support;
using HtxFund.Tests.Support;
using Marten;
using NodaTime;
using Npgsql;

namespace HtxFund.Tests.Migration.Booking;

public sealed class booking_a_loan_book(AppFixture fixture) : IntegrationContext(fixture)
{
    private async Task<LoanBookImport> Checked(LoanBookFile file, string fund = FundA, string uploader = Roles.Accountant) =>
        await LoanBookImports.StoreAsync(Host.Services, fund, file, await LoanBookImports.UserIdAsync(Host.Services, UserName(fund, uploader)));

    private async Task<IScenarioResult> Confirm(Guid importId, string role = Roles.ChiefAccountant, string fund = FundA) =>
        await PostWithoutBody($"/api/loan-book/imports/{importId}/confirm", await TokenFor(role, fund));

    private async Task<LoanBookImport> Booked(Guid importId)
    {
        var result = await Confirm(importId);
        result.Context.Response.StatusCode.ShouldBe(200, await result.ReadAsTextAsync());
        return await result.Read<LoanBookImport>();
    }

    /// <summary>The first two events of each stream of the fund, by stream id (raw SQL).</summary>
    private async Task<Dictionary<Guid, string>> FirstEventTypes()
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT stream_id, string_agg(type, ',' ORDER BY version) FROM htxfund.mt_events WHERE version <= 2 AND tenant_id = @t GROUP BY stream_id", conn);
        cmd.Parameters.AddWithValue("t", FundA);
        var result = new Dictionary<Guid, string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetGuid(0)] = reader.GetString(1);
        return result;
    }

    [Fact]
    public async Task two_hundred_loans_in_mixed_states_book_as_ordinary_loans_and_reconcile_to_the_dong()
    {
        var file = MixedLoanBook.Build(200, LoanBookImports.NewSha256());
        // the model covers what the test claims: every debt group, closed loans, own schedules, collateral, members' loans
        file.Loans.Select(l => l.ExpectedDebtGroup).Distinct().Count().ShouldBe(5);
        file.Loans.Count(l => l.ExpectedPrincipalOutstanding == 0).ShouldBe(25);
        file.Loans.Count(l => l.Schedule.Count > 0).ShouldBe(25);
        file.Loans.Count(l => l.Collateral.Count > 0).ShouldBe(67);
        file.Loans.Count(l => l.MemberNationalId is not null).ShouldBe(100);
        var import = await Checked(file);

        var booked = await Booked(import.Id);

        booked.State.ShouldBe(LoanBookImportState.Booked);
        booked.LoansBooked.ShouldBe(200);
        booked.LoansSkipped.ShouldBe(0);
        booked.BookedByName.ShouldBe(UserName(FundA, Roles.ChiefAccountant));
        var r = booked.Reconciliation!;
        r.Differences.ShouldBeEmpty();
        r.Loans.ShouldBe(200);
        r.FundPrincipalOutstanding.ShouldBe(file.Loans.Sum(l => l.ExpectedPrincipalOutstanding));
        r.FundInterestOwed.ShouldBe(file.Loans.Sum(l => l.ExpectedInterestOwed));
        r.Reconciles.ShouldBeTrue();

        await using var session = Store.QuerySession(FundA);
        var ids = file.Loans.Select(l => LoanBookIds.Loan(FundA, l.ContractNumber)).ToArray();
        var loans = await session.LoadManyAsync<Loan>(ids);
        loans.Count.ShouldBe(200);
        loans.Count(l => l.IsClosed).ShouldBe(25);
        loans.Where(l => !l.IsClosed).ShouldAllBe(l => l.Stage == LoanStage.Contracted && l.HasDisbursed);
        (await session.LoadManyAsync<LoanDetails>(ids)).Select(d => d.ContractNumber).ShouldBe(file.Loans.Select(l => l.ContractNumber), ignoreOrder: true);
        var first = await FirstEventTypes();
        ids.ShouldAllBe(id => first[id] == "application_drafted,loan_migrated");
        var items = await session.Query<CollateralItem>().ToListAsync();
        items.Count.ShouldBe(67);
        items.SelectMany(i => i.Pledges).Count(p => !p.IsActive).ShouldBe(file.Loans.Count(l => l.Collateral.Count > 0 && l.ExpectedPrincipalOutstanding == 0));
        (await session.Query<HtxFund.Cooperatives.GettingDetails.CooperativeDetails>().CountAsync()).ShouldBe(10);
    }

    [Fact]
    public async Task a_loan_figured_by_hand_books_with_the_interest_accrued_since_its_tranche()
    {
        // 120.000.000 ₫ at 6 %/year paid out on 01/10/2026, first instalment due 01/11/2026: at the cut-over 31/10/2026
        // 30 days of interest are accrued (the first day excluded): 120.000.000 × 30 × 6 / (100 × 365) = 591.780,8 → 591.781 ₫.
        var start = new LocalDate(2026, 10, 1);
        var file = MixedLoanBook.Build(0, LoanBookImports.NewSha256(), cooperatives: 1);
        var loan = new ImportedLoan(2, "0001/HĐ-TAY", start, file.Cooperatives[0].TaxCode, null, null, "Mua máy sấy cà phê", 120_000_000, 6m, 9m,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 12, 0, start, [], [new ImportedTranche(2, start, 120_000_000)], [], null, [],
            120_000_000, 591_781, DebtGroup.Group1);
        var import = await Checked(file with { Loans = [loan] });

        var booked = await Booked(import.Id);

        booked.Reconciliation!.Differences.ShouldBeEmpty();
        booked.Reconciliation.FundInterestOwed.ShouldBe(591_781);
        booked.Reconciliation.FundPrincipalOutstanding.ShouldBe(120_000_000);
    }

    [Fact]
    public async Task an_old_loan_with_an_opening_balance_gets_its_balances_instead_of_tranches_and_repayments()
    {
        var file = MixedLoanBook.Build(1, LoanBookImports.NewSha256(), cooperatives: 1);
        var old = file.Loans[0] with
        {
            Tranches = [], Repayments = [], OpeningBalance = new ImportedOpeningBalance(40_000_000, 5_000_000, 1_200_000, 80_000, 45),
        };
        var import = await Checked(file with { Loans = [old] });

        (await Confirm(import.Id)).Context.Response.StatusCode.ShouldBe(200);

        var id = LoanBookIds.Loan(FundA, old.ContractNumber);
        await using var session = Store.QuerySession(FundA);
        var events = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).ToList();
        events[1].ShouldBeOfType<LoanMigrated>().ShouldSatisfyAllConditions(
            m => m.ImportId.ShouldBe(import.Id), m => m.Row.ShouldBe(old.Row), m => m.CutOver.ShouldBe(MixedLoanBook.CutOver),
            m => m.FileSha256.ShouldBe(file.Sha256));
        events.Select(e => e.GetType().Name).ShouldBe(["ApplicationDrafted", "LoanMigrated", "ApplicationSubmitted", "ApplicationAppraised",
            "LoanApproved", "LoanContractSigned", "LoanOpeningBalanceRecorded"]);
        var opening = events[^1].ShouldBeOfType<LoanOpeningBalanceRecorded>();
        opening.PrincipalOutstanding.ShouldBe(40_000_000);
        opening.OverduePrincipal.ShouldBe(5_000_000);
        opening.OverdueSince.ShouldBe(new LocalDate(2026, 9, 16)); // 45 days before 31/10/2026
        opening.InterestOwed.ShouldBe(1_200_000);
        opening.PenaltyOwed.ShouldBe(80_000);
    }

    [Fact]
    public async Task confirming_again_or_uploading_the_same_file_again_books_nothing_twice()
    {
        var file = MixedLoanBook.Build(16, LoanBookImports.NewSha256(), cooperatives: 2);
        var first = await Checked(file);
        await Booked(first.Id);
        var events = await EventCount();

        var again = await Confirm(first.Id);
        await again.ShouldBeRefusal(409, "loan_book.already_booked");
        var reupload = await Checked(file);
        var second = await Booked(reupload.Id);

        second.LoansBooked.ShouldBe(0);
        second.LoansSkipped.ShouldBe(16);
        second.Reconciliation!.Differences.ShouldBeEmpty();
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task the_person_who_uploaded_the_file_may_not_confirm_it()
    {
        var file = MixedLoanBook.Build(2, LoanBookImports.NewSha256(), cooperatives: 1);
        var import = await Checked(file, uploader: Roles.ChiefAccountant);
        var events = await EventCount();

        var result = await Confirm(import.Id);

        await result.ShouldBeRefusal(403, "loan_book.four_eyes");
        (await result.ReadJson()).GetProperty("detail").GetString()!.ShouldContain("bốn mắt");
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_refused_file_another_funds_import_an_unreadable_file_and_other_roles_are_refused_and_book_nothing()
    {
        var file = MixedLoanBook.Build(2, LoanBookImports.NewSha256(), cooperatives: 1);
        var refused = await LoanBookImports.StoreAsync(Host.Services, FundA, file,
            await LoanBookImports.UserIdAsync(Host.Services, UserName(FundA, Roles.Accountant)), LoanBookImportState.Refused);
        var ofFundB = await Checked(file with { Sha256 = LoanBookImports.NewSha256() }, FundB);
        var readable = await Checked(file with { Sha256 = LoanBookImports.NewSha256() });
        var gone = readable with { Id = Guid.CreateVersion7(), Sha256 = LoanBookImports.NewSha256() }; // a file the reader cannot read again
        await using (var s = Store.LightweightSession(FundA))
        {
            s.Store(gone);
            await s.SaveChangesAsync();
        }
        var events = await EventCount();

        await (await Confirm(refused.Id)).ShouldBeRefusal(409, "loan_book.not_checked");
        await (await Confirm(ofFundB.Id)).ShouldBeRefusal(404, "loan_book.import_not_found");
        await (await Confirm(gone.Id)).ShouldBeRefusal(409, "loan_book.file_unreadable");
        (await Confirm(readable.Id, Roles.Accountant)).Context.Response.StatusCode.ShouldBe(403);
        (await Confirm(readable.Id, Roles.Director)).Context.Response.StatusCode.ShouldBe(403);

        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_loan_the_funds_rules_refuse_books_nothing_of_the_file()
    {
        var file = MixedLoanBook.Build(8, LoanBookImports.NewSha256(), cooperatives: 1);
        var closed = file.Loans.Single(l => l.ContractNumber == "0006/HĐ-CĐ");
        // one more payment after the loan was settled: the domain refuses a repayment on a closed loan
        var broken = closed with { Repayments = [.. closed.Repayments, new ImportedRepayment(99, closed.Repayments[^1].ValueDate.PlusDays(3), 1_000_000, null)] };
        var import = await Checked(file with { Loans = file.Loans.Select(l => l == closed ? broken : l).ToList() });
        var events = await EventCount();

        var result = await Confirm(import.Id);

        await result.ShouldBeRefusal(422, "loan_book.booking_refused");
        var refusal = (await result.ReadJson()).GetProperty("refusals").EnumerateArray().ShouldHaveSingleItem();
        refusal.GetProperty("contractNumber").GetString().ShouldBe("0006/HĐ-CĐ");
        refusal.GetProperty("code").GetString().ShouldBe("loan.closed");
        (await EventCount()).ShouldBe(events);
    }
}
