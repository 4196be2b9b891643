using FsCheck;
using FsCheck.Xunit;
using HtxFund.Lending.Accounting;

namespace HtxFund.Lending.Tests.Accounting;

/// <summary>The reconciliation's rule (issue 19, part C): which accounts a figure reads under the mapping in force, and a
/// row's difference split into what adjusting entries explain and what remains to resolve.</summary>
public class reconciling_the_books
{
    private static readonly IReadOnlyList<ReconciledAccounts> Defaults = BooksReconciliation.Accounts(AccountingDefaults.Mapping, withInterest: true);

    private static ReconciledAccounts Figure(ReconciledFigure figure) => Defaults.Single(f => f.Figure == figure);

    [Fact]
    public void under_the_default_mapping_the_figures_read_the_cash_loan_provision_and_off_balance_accounts()
    {
        Defaults.Select(f => (f.Figure, string.Join("+", f.Accounts), f.CreditBalance)).ShouldBe(
        [
            (ReconciledFigure.Cash, "1121", false),
            (ReconciledFigure.OutstandingPrincipal, "1283", false),
            (ReconciledFigure.ProvisionsHeld, "2293", true),
            (ReconciledFigure.PrincipalOffBalance, "0041", false),
            (ReconciledFigure.InterestOnBalance, "13881+13882", false),
            (ReconciledFigure.InterestOffBalance, "0042", false),
        ]);
        BooksReconciliation.Accounts(AccountingDefaults.Mapping, withInterest: false).Select(f => f.Figure)
            .ShouldNotContain(ReconciledFigure.InterestOnBalance);
    }

    [Fact]
    public void a_mapping_that_keeps_cash_in_another_account_is_reconciled_on_that_account()
    {
        var rules = AccountingDefaults.Mapping.Rules
            .Select(r => r with { Debit = r.Debit == "1121" ? "1122" : r.Debit, Credit = r.Credit == "1121" ? "1122" : r.Credit }).ToList();
        var cash = BooksReconciliation.Accounts(new AccountingMapping(rules), withInterest: false).Single(f => f.Figure == ReconciledFigure.Cash);

        cash.Accounts.ShouldBe(["1122"]);
    }

    [Fact]
    public void a_backdated_repayment_posted_after_the_date_is_an_explained_difference()
    {
        // At 30/11: the journal has 1121 at 10,000,000,000 − 400,000,000 = 9,600,000,000 (disbursed); a repayment of 50,000,000
        // with value date 28/11 arrived after November was closed: posted 01/12 (Dr 1121 50,000,000). The capital position at
        // 30/11 counts it by value date: 9,650,000,000.
        var balances = new Dictionary<string, long> { ["1121"] = 9_600_000_000, ["1283"] = 400_000_000 };
        var adjustments = new Dictionary<string, long> { ["1121"] = 50_000_000, ["1283"] = -50_000_000 };

        var cash = BooksReconciliation.Row(Figure(ReconciledFigure.Cash), balances, adjustments, 9_650_000_000);
        var loans = BooksReconciliation.Row(Figure(ReconciledFigure.OutstandingPrincipal), balances, adjustments, 350_000_000);

        (cash.Journal, cash.Capital, cash.Difference, cash.Explained, cash.Unexplained, cash.Reconciled)
            .ShouldBe((9_600_000_000, 9_650_000_000, 50_000_000, 50_000_000, 0, true));
        (loans.Journal, loans.Capital, loans.Difference, loans.Explained, loans.Unexplained, loans.Reconciled)
            .ShouldBe((400_000_000L, 350_000_000L, -50_000_000L, -50_000_000L, 0L, true));
    }

    [Fact]
    public void provisions_are_read_on_the_credit_side_and_a_difference_nothing_explains_is_left_to_resolve()
    {
        // 2293 has a credit balance of 12,000,000 (debit − credit = −12,000,000); the capital position holds 15,000,000.
        var row = BooksReconciliation.Row(Figure(ReconciledFigure.ProvisionsHeld), new Dictionary<string, long> { ["2293"] = -12_000_000 },
            new Dictionary<string, long>(), 15_000_000);

        (row.Journal, row.Capital, row.Difference, row.Explained, row.Unexplained, row.Reconciled)
            .ShouldBe((12_000_000L, 15_000_000L, 3_000_000L, 0L, 3_000_000L, false));
    }

    [Fact]
    public void the_interest_on_balance_adds_the_interest_and_penalty_receivables()
    {
        var row = BooksReconciliation.Row(Figure(ReconciledFigure.InterestOnBalance),
            new Dictionary<string, long> { ["13881"] = 2_000_000, ["13882"] = 150_000 }, new Dictionary<string, long>(), 2_150_000);

        (row.Journal, row.Reconciled).ShouldBe((2_150_000L, true));
    }

    /// <summary>Whatever the balances: the journal plus what the adjustments explain plus the unexplained part is the capital
    /// figure, and a row reconciles exactly when the capital figure is the journal's balance once the adjustments are added.</summary>
    [Property(MaxTest = 300)]
    public bool the_difference_is_what_adjustments_explain_plus_what_is_unexplained(long journal, long adjustment, long capital, bool credit)
    {
        var (j, a, c) = (journal % 1_000_000_000_000, adjustment % 1_000_000_000_000, capital % 1_000_000_000_000);
        var figure = new ReconciledAccounts(ReconciledFigure.Cash, "x", ["1"], credit);
        var row = BooksReconciliation.Row(figure, new Dictionary<string, long> { ["1"] = j }, new Dictionary<string, long> { ["1"] = a }, c);
        var sign = credit ? -1 : 1;
        return row.Journal + row.Explained + row.Unexplained == c
            && row.Journal == sign * j
            && row.Reconciled == (c == sign * (j + a));
    }
}
