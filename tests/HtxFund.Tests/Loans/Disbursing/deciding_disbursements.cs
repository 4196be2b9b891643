using HtxFund.Applications;
using HtxFund.Cooperatives;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Loans;
using HtxFund.Loans.Contracting;
using HtxFund.Loans.Disbursing;
using NodaTime;

namespace HtxFund.Tests.Loans.Disbursing;

/// <summary>Pure tests of the tranche rules (<see cref="HtxFund.Loans.Disbursing.DisbursementRules"/>), without a database.</summary>
public sealed class deciding_disbursements
{
    private static readonly Instant At = AppFixture.Start;
    private static readonly LocalDate Today = new(2026, 11, 22);
    private static readonly Actor Preparer = new(Guid.NewGuid(), "ketoan", [Roles.Accountant]);
    private static readonly Actor Chief = new(Guid.NewGuid(), "ketoantruong", [Roles.ChiefAccountant]);
    private static readonly LoanProposal ApprovedTerms =
        new(400_000_000, 6m, 36, RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 6, Today);

    private static Loan ApprovedLoan()
    {
        var request = new LoanRequest("Mua máy sấy", "Cà phê", 3_000_000_000, 1_000_000_000, 400_000_000, 36,
            RepaymentMethod.EqualPrincipal, RepaymentFrequency.Monthly, 6, [], true, PriorityFlags.None);
        return new Loan(Guid.NewGuid(), Guid.NewGuid(), null, request, LoanStage.Approved, ApprovedTerms, Today, null, [], [], [], []);
    }

    private static Loan SignedLoan() =>
        ApprovedLoan().Apply(SignContractEndpoint.Decide(new SignContract(1, "1/HĐTD", Today, null, null, null, null, null),
            ApprovedLoan(), LendingPolicy.Default, 1, Chief, At).Signed!);

    private static Loan Checked(Loan loan, CreditCheckResult result = CreditCheckResult.NoBadDebt, LocalDate? on = null) =>
        loan.Apply(new BorrowerCreditChecked(loan.Id, Guid.NewGuid(), result, "CIC 1", on ?? Today, "", Chief, At));

    private static (Loan Loan, Guid Tranche) WithTranche(Loan loan, long amount, LocalDate? valueDate = null)
    {
        var id = Guid.NewGuid();
        return (loan.Apply(new TranchePrepared(loan.Id, id, amount, valueDate ?? Today, "0101", "Agribank", "R", Preparer, At)), id);
    }

    [Fact]
    public void a_confirmation_pays_the_tranche_out_on_its_value_date_when_the_funds_cash_covers_it()
    {
        var (loan, tranche) = WithTranche(Checked(SignedLoan()), 150_000_000);
        var entry = Guid.NewGuid();
        DisbursementRules.CheckConfirmation(loan, tranche, Chief, Today, _ => Money.Of(150_000_000), 30).ShouldBeNull();
        DisbursementRules.CheckConfirmation(loan, tranche, Chief, Today, _ => Money.Of(149_999_999), 30)!.Extensions["code"]
            .ShouldBe("disbursement.exceeds_fund_cash");
        var disbursed = DisbursementRules.Disbursed(loan, tranche, Chief, At, entry);
        disbursed.ShouldBe(new TrancheDisbursed(loan.Id, tranche, 150_000_000, Today, entry, Chief, At));
        loan.Apply(disbursed).Undisbursed.ShouldBe(250_000_000);
    }

    [Fact]
    public void the_preparer_cannot_confirm_and_a_tranche_is_confirmed_once()
    {
        var (loan, tranche) = WithTranche(Checked(SignedLoan()), 100_000_000);
        DisbursementRules.CheckConfirmation(loan, tranche, Preparer, Today, _ => Money.Of(1_000_000_000), 30)!
            .Extensions["code"].ShouldBe("four_eyes.preparer_cannot_confirm");
        var confirmed = DisbursementRules.Disbursed(loan, tranche, Chief, At, Guid.NewGuid());
        DisbursementRules.CheckConfirmation(loan.Apply(confirmed), tranche, Chief, Today, _ => Money.Of(1_000_000_000), 30)!
            .Extensions["code"].ShouldBe("tranche.not_prepared");
        DisbursementRules.CheckConfirmation(loan, Guid.NewGuid(), Chief, Today, _ => Money.Of(1_000_000_000), 30)!
            .Extensions["code"].ShouldBe("tranche.not_found");
    }

    [Fact]
    public void a_tranche_is_refused_beyond_the_undisbursed_amount_or_the_cash_on_any_later_date()
    {
        var loan = Checked(SignedLoan());
        DisbursementRules.Check(loan, 400_000_001, Today, Today, Money.Of(10_000_000_000), 30)!.Extensions["code"].ShouldBe("disbursement.exceeds_undisbursed");
        DisbursementRules.Check(loan, 400_000_000, Today, Today, Money.Of(399_999_999), 30)!.Extensions["code"].ShouldBe("disbursement.exceeds_fund_cash");
        DisbursementRules.Check(loan, 400_000_000, Today, Today, Money.Of(400_000_000), 30).ShouldBeNull();

        // a tranche confirmed later than its value date must leave cash on every date from its value date on: the cash
        // it is decided on is the lowest from the value date (here 399,999,999 ₫ from 22/11), not the cash at the confirmation
        var (backdated, tranche) = WithTranche(loan, 400_000_000, Today);
        Money LowestFrom(LocalDate from) => from <= Today ? Money.Of(399_999_999) : Money.Of(1_000_000_000);
        DisbursementRules.CheckConfirmation(backdated, tranche, Chief, Today.PlusDays(2), LowestFrom, 30)!.Extensions["code"]
            .ShouldBe("disbursement.exceeds_fund_cash");
    }

    [Fact]
    public void the_first_disbursement_needs_a_recent_check_without_bad_debt_and_later_ones_do_not()
    {
        var signed = SignedLoan();
        DisbursementRules.Check(signed, 1, Today, Today, Money.Of(1_000_000), 30)!.Extensions["code"].ShouldBe("disbursement.bad_debt_check_missing");
        DisbursementRules.Check(Checked(signed, CreditCheckResult.HasBadDebt), 1, Today, Today, Money.Of(1_000_000), 30)!
            .Extensions["code"].ShouldBe("disbursement.borrower_has_bad_debt");
        DisbursementRules.Check(Checked(Checked(signed, CreditCheckResult.HasBadDebt), on: Today), 1, Today, Today, Money.Of(1_000_000), 30)
            .ShouldBeNull(); // the latest check decides
        DisbursementRules.Check(Checked(signed, on: Today.PlusDays(-31)), 1, Today, Today, Money.Of(1_000_000), 30)!
            .Extensions["code"].ShouldBe("disbursement.bad_debt_check_stale");
        DisbursementRules.Check(Checked(signed, on: Today.PlusDays(-30)), 1, Today, Today, Money.Of(1_000_000), 30).ShouldBeNull();
        DisbursementRules.Check(Checked(signed, on: Today.PlusDays(-31)), 1, Today, Today, Money.Of(1_000_000), 45).ShouldBeNull();

        var (withTranche, tranche) = WithTranche(Checked(signed), 100);
        var afterFirst = withTranche.Apply(new TrancheDisbursed(signed.Id, tranche, 100, Today, Guid.NewGuid(), Chief, At));
        var later = Today.PlusDays(90);
        DisbursementRules.Check(afterFirst, 1, later, later, Money.Of(1_000_000), 30).ShouldBeNull();
    }

    [Fact]
    public void no_tranche_without_a_contract_nor_outside_its_dates()
    {
        DisbursementRules.Check(ApprovedLoan(), 1, Today, Today, Money.Of(1_000_000), 30)!.Extensions["code"].ShouldBe("disbursement.no_contract");
        var loan = Checked(SignedLoan());
        DisbursementRules.Check(loan, 1, Today.PlusDays(1), Today, Money.Of(1_000_000), 30)!.Status.ShouldBe(400);
        DisbursementRules.Check(loan, 1, Today.PlusDays(-1), Today, Money.Of(1_000_000), 30)!.Status.ShouldBe(400);
    }

    [Fact]
    public void the_lock_key_is_stable_per_fund_and_differs_between_funds()
    {
        HtxFund.Capital.FundCapital.LockKey("daklak").ShouldBe(HtxFund.Capital.FundCapital.LockKey("daklak"));
        HtxFund.Capital.FundCapital.LockKey("daklak").ShouldNotBe(HtxFund.Capital.FundCapital.LockKey("lamdong"));
    }
}
