using HtxFund.Lending;
using HtxFund.Migration;
using HtxFund.Migration.Booking;
using HtxFund.Migration.Reconciling;
using NodaTime;

namespace HtxFund.Tests.Migration.Reconciling;

/// <summary>The pure parts of the booking and the reconciliation, without a database.</summary>
public sealed class reconciling_figures_and_naming_streams
{
    private static readonly LocalDate CutOver = new(2026, 10, 31);

    private static ImportedLoan Row(int row, string contract, long principal, long interest, DebtGroup group) =>
        new(row, contract, new LocalDate(2026, 1, 5), "0100109106", null, null, "Vốn lưu động", 100_000_000, 6m, 150m, RepaymentMethod.EqualPrincipal,
            RepaymentFrequency.Monthly, 12, 0, new LocalDate(2026, 1, 5), [], [], [], null, [], principal, interest, group);

    [Fact]
    public void a_loan_is_named_by_its_fund_and_contract_number_whatever_the_case_and_spaces()
    {
        LoanBookIds.Loan("daklak", " 12/2019/HĐTD ").ShouldBe(LoanBookIds.Loan("daklak", "12/2019/hđtd"));
        LoanBookIds.Loan("daklak", "12/2019/HĐTD").ShouldNotBe(LoanBookIds.Loan("lamdong", "12/2019/HĐTD"));
        LoanBookIds.Loan("daklak", "12/2019/HĐTD").ShouldNotBe(LoanBookIds.Loan("daklak", "13/2019/HĐTD"));
        var loan = LoanBookIds.Loan("daklak", "12/2019/HĐTD");
        LoanBookIds.Of(loan, "tranche|4").ShouldBe(LoanBookIds.Of(loan, "tranche|4"));
        LoanBookIds.Of(loan, "tranche|4").ShouldNotBe(LoanBookIds.Of(loan, "repayment|4"));
    }

    [Fact]
    public void totals_are_summed_side_by_side_and_only_the_loans_that_differ_are_listed()
    {
        var a = Row(2, "A", 50_000_000, 246_575, DebtGroup.Group1);
        var b = Row(3, "B", 30_000_000, 1_000_000, DebtGroup.Group3);
        var c = Row(4, "C", 0, 0, DebtGroup.Group1);
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };

        var r = LoanBookReconciler.Reconcile(CutOver, [
            (a, ids[0], new FundFigures(50_000_000, 246_575, DebtGroup.Group1)),
            (b, ids[1], new FundFigures(29_999_000, 1_000_000, DebtGroup.Group2)),
            (c, ids[2], new FundFigures(0, 0, DebtGroup.Group1)),
        ]);

        r.Loans.ShouldBe(3);
        r.FilePrincipalOutstanding.ShouldBe(80_000_000);
        r.FundPrincipalOutstanding.ShouldBe(79_999_000);
        r.FileInterestOwed.ShouldBe(1_246_575);
        r.FundInterestOwed.ShouldBe(1_246_575);
        r.Reconciles.ShouldBeFalse();
        r.Differences.ShouldHaveSingleItem().ShouldBe(new ReconciliationDifference("B", 3, ids[1], 30_000_000, 29_999_000, 1_000_000, 1_000_000,
            DebtGroup.Group3, DebtGroup.Group2));
    }

    [Fact]
    public void a_book_whose_every_figure_matches_reconciles()
    {
        var a = Row(2, "A", 50_000_000, 246_575, DebtGroup.Group1);

        var r = LoanBookReconciler.Reconcile(CutOver, [(a, Guid.NewGuid(), new FundFigures(50_000_000, 246_575, DebtGroup.Group1))]);

        r.Reconciles.ShouldBeTrue();
        r.Differences.ShouldBeEmpty();
    }
}
