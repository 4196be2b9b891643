using NodaTime;
using static HtxFund.Lending.Tests.Examples;

namespace HtxFund.Lending.Tests.Servicing;

public class repaying_early_and_restructuring
{
    // 120,000,000 ₫ at 12 %/year, 12 monthly equal-principal instalments of 10,000,000 ₫ from 10/01/2025 (unadjusted).
    private static readonly LoanTerms Terms = LoanTerms.Create(M(120_000_000), 12m, D(2025, 1, 10), 12);
    private static readonly RepaymentSchedule Schedule = ScheduleGenerator.Generate(Terms, Unadjusted);
    private static readonly Disbursement Disbursed = new(D(2025, 1, 10), M(120_000_000));

    /// <summary>The revised schedule of 20/04/2025: 10 m on 10/05, 20 m on 10/06, then 10 m monthly to 10/01/2026.</summary>
    private static readonly PlannedPrincipal[] AdjustedPlan =
    [
        new(D(2025, 5, 10), M(10_000_000)),
        new(D(2025, 6, 10), M(20_000_000)),
        .. Enumerable.Range(0, 7).Select(i => new PlannedPrincipal(D(2025, 7, 10).PlusMonths(i), M(10_000_000))),
    ];

    /// <summary>#1 and #2 paid, #3 missed, and the schedule adjusted on 20/04/2025 to <see cref="AdjustedPlan"/>.</summary>
    private static LoanLedger AdjustedAfterMissingTheThirdInstalment() =>
        PayWhatIsDue(LoanLedger.Open(Schedule, Unadjusted).Apply(Disbursed), [D(2025, 2, 10), D(2025, 3, 10)])
            .Apply(new ScheduleAdjustment(D(2025, 4, 20), AdjustedPlan));

    /// <summary>Pays what the loan says is due on each date, as a diligent borrower would.</summary>
    private static LoanLedger PayWhatIsDue(LoanLedger ledger, IEnumerable<LocalDate> dates)
    {
        foreach (var date in dates)
        {
            var due = ledger.ValueAt(date).AmountDue;
            if (due.IsPositive)
                ledger = ledger.Apply(new Repayment(date, due));
        }
        return ledger;
    }

    /// <summary>#1 and #2 paid; #3 paid on 10/04/2025 together with a 30,000,000 ₫ prepayment.</summary>
    private static LoanLedger PrepaidWithTheThirdInstalment(PrepaymentMode mode)
    {
        var ledger = PayWhatIsDue(LoanLedger.Open(Schedule, Unadjusted).Apply(Disbursed), Schedule.Instalments.Take(2).Select(i => i.DueDate));
        var third = Schedule.Instalments[2];
        return ledger.Apply(new Repayment(third.DueDate, third.Total + M(30_000_000), mode));
    }

    [Fact]
    public void a_prepayment_that_shortens_the_term_removes_the_last_instalments()
    {
        // #1–#3 paid on time; on 10/04/2025 the borrower also prepays 30,000,000 ₫ (no interest has accrued on the
        // new period yet under option (a), so all of it is principal). Shortening the term takes it off #12, #11, #10,
        // so #4–#9 stay at 10,000,000 ₫ and the loan ends on 10/10/2025 instead of 10/01/2026.
        // #4 (10/04→10/05, 30 days) is on 60,000,000 ₫: 60,000,000 × 30 × 12 / 36,500 = 591,780.8 → 591,781 ₫.
        var ledger = PrepaidWithTheThirdInstalment(PrepaymentMode.ShortenTerm);

        var may = ledger.ValueAt(D(2025, 5, 10));
        may.PrincipalDue.ShouldBe(M(10_000_000));
        may.InterestDue.ShouldBe(M(591_781));
        may.PrincipalOutstanding.ShouldBe(M(60_000_000));

        ledger = PayWhatIsDue(ledger, Schedule.Instalments.Skip(3).Take(6).Select(i => i.DueDate));
        var october = ledger.ValueAt(D(2025, 10, 10));
        october.PrincipalOutstanding.ShouldBe(Money.Zero);
        october.Payoff.ShouldBe(Money.Zero);
        october.PaidPrincipal.ShouldBe(M(120_000_000));
    }

    [Fact]
    public void a_prepayment_can_lower_the_following_instalments_instead()
    {
        // The same 30,000,000 ₫ spread over the nine remaining instalments: 90,000,000 → 60,000,000, so each becomes
        // ⌊10,000,000 × 60/90⌋ = 6,666,666 ₫ and the last 60,000,000 − 8 × 6,666,666 = 6,666,672 ₫.
        var ledger = PrepaidWithTheThirdInstalment(PrepaymentMode.ReduceInstalments);

        ledger.ValueAt(D(2025, 5, 10)).PrincipalDue.ShouldBe(M(6_666_666));
        ledger = PayWhatIsDue(ledger, Schedule.Instalments.Skip(3).Take(8).Select(i => i.DueDate));
        var last = ledger.ValueAt(D(2026, 1, 10));
        last.PrincipalDue.ShouldBe(M(6_666_672));
        last.FinalDueDate.ShouldBe(D(2026, 1, 10));
    }

    [Fact]
    public void a_schedule_adjustment_reschedules_the_late_principal_within_the_term()
    {
        // #1, #2 paid; #3 (10/04/2025) missed: 10,000,000 principal and 100,000,000 × 31 × 12 / 36,500 = 1,019,178 ₫
        // interest. On 20/04/2025, 10 days late, the fund adjusts the schedule (Decree 45/2021 Art 27, term unchanged):
        // the 100,000,000 ₫ outstanding falls due 10,000,000 on 10/05, 20,000,000 on 10/06, then 10,000,000 monthly
        // to 10/01/2026. Penalties already charged stay payable:
        //   overdue principal 10,000,000 × 10 × 18 / 36,500 = 49,315.1 → 49,315 ₫;
        //   late interest 1,019,178 × 10 × 10 / 36,500 = 2,792.3 → 2,792 ₫.
        // The missed interest is deferred to 10/05. As of 21/04 nothing is late, and the loan is group 2 (first
        // restructuring, on time). Accrued: (90,000,000 × 10 + 100,000,000 × 1) × 12 / 36,500 = 328,767 ₫.
        // At 10/05 the period's interest is (90,000,000 × 10 + 100,000,000 × 20) × 12 / 36,500 = 953,425 ₫.
        var ledger = AdjustedAfterMissingTheThirdInstalment();

        var after = ledger.ValueAt(D(2025, 4, 21));
        after.DaysPastDue.ShouldBe(0);
        after.PrincipalOverdue.ShouldBe(Money.Zero);
        after.PrincipalNotDue.ShouldBe(M(100_000_000));
        after.InterestDue.ShouldBe(M(1_019_178));
        after.InterestOnOverduePrincipal.ShouldBe(M(49_315));
        after.InterestOnLateInterest.ShouldBe(M(2_792));
        after.InterestAccrued.ShouldBe(M(328_767));
        after.RestructuringCount.ShouldBe(1);
        after.FinalDueDate.ShouldBe(D(2026, 1, 10));
        DebtClassifier.Classify(after, Unadjusted).Group.ShouldBe(DebtGroup.Group2);

        var may = ledger.ValueAt(D(2025, 5, 10));
        may.PrincipalDue.ShouldBe(M(10_000_000));
        may.InterestDue.ShouldBe(M(1_019_178 + 953_425));
        // Late on the restructured schedule, the first restructuring makes it group 3 from the first day.
        DebtClassifier.Classify(ledger.ValueAt(D(2025, 5, 11)), Unadjusted).Group.ShouldBe(DebtGroup.Group3);
    }

    [Fact]
    public void an_extension_moves_the_maturity_and_a_second_restructuring_is_group_4()
    {
        // The adjusted loan above is paid as agreed to 10/12/2025, leaving 10,000,000 ₫ due 10/01/2026. On 05/01/2026
        // the fund extends it (gia hạn nợ, Decree 45/2021 Art 27): 5,000,000 on 10/02 and 5,000,000 on 10/04/2026.
        // Second restructuring → at least group 4 even when paid on time (Circular 14/2024/TT-NHNN).
        var ledger = AdjustedAfterMissingTheThirdInstalment();
        ledger = PayWhatIsDue(ledger, AdjustedPlan.Take(8).Select(a => a.DueDate));
        ledger.ValueAt(D(2026, 1, 4)).PrincipalOutstanding.ShouldBe(M(10_000_000));

        ledger = ledger.Apply(new Extension(D(2026, 1, 5), [new(D(2026, 2, 10), M(5_000_000)), new(D(2026, 4, 10), M(5_000_000))]));

        var extended = ledger.ValueAt(D(2026, 1, 12));
        extended.FinalDueDate.ShouldBe(D(2026, 4, 10));
        extended.DaysPastDue.ShouldBe(0);
        extended.RestructuringCount.ShouldBe(2);
        DebtClassifier.Classify(extended, Unadjusted).Group.ShouldBe(DebtGroup.Group4);

        ledger = PayWhatIsDue(ledger, [D(2026, 2, 10), D(2026, 4, 10)]);
        var end = ledger.ValueAt(D(2026, 4, 10));
        end.PrincipalOutstanding.ShouldBe(Money.Zero);
        end.Payoff.ShouldBe(Money.Zero);
    }

    [Fact]
    public void a_schedule_adjustment_cannot_move_principal_past_maturity()
    {
        var ledger = LoanLedger.Open(Schedule, Unadjusted).Apply(Disbursed);

        Should.Throw<ArgumentException>(() => ledger.Apply(new ScheduleAdjustment(D(2025, 4, 20), [new(D(2026, 2, 10), M(120_000_000))])))
            .Message.ShouldContain("use an Extension");
        Should.Throw<ArgumentException>(() => ledger.Apply(new Extension(D(2025, 4, 20), [new(D(2025, 12, 10), M(120_000_000))])))
            .Message.ShouldContain("use a ScheduleAdjustment");
    }

    [Fact]
    public void a_payment_larger_than_the_balance_settles_the_loan_and_reports_the_excess()
    {
        // After #1–#3, on 25/04/2025 the borrower pays 100,000,000 ₫. Owed: 90,000,000 principal plus 15 days' interest
        // (10/04 excluded, 25/04 included) 90,000,000 × 15 × 12 / 36,500 = 443,835.6 → 443,836 ₫; payoff 90,443,836 ₫.
        // The remaining 9,556,164 ₫ is refundable, and nothing more ever falls due.
        var ledger = PayWhatIsDue(LoanLedger.Open(Schedule, Unadjusted).Apply(Disbursed), Schedule.Instalments.Take(3).Select(i => i.DueDate));
        ledger.ValueAt(D(2025, 4, 25)).Payoff.ShouldBe(M(90_443_836));

        var allocation = ledger.PreviewRepayment(D(2025, 4, 25), M(100_000_000));
        ledger = ledger.Apply(new Repayment(D(2025, 4, 25), M(100_000_000)));

        allocation.AccruedInterest.ShouldBe(M(443_836));
        allocation.Prepayment.ShouldBe(M(90_000_000));
        allocation.RefundableExcess.ShouldBe(M(9_556_164));
        var settled = ledger.ValueAt(D(2026, 6, 1));
        settled.PrincipalOutstanding.ShouldBe(Money.Zero);
        settled.Payoff.ShouldBe(Money.Zero);
        settled.RefundableExcess.ShouldBe(M(9_556_164));
        settled.DaysPastDue.ShouldBe(0);
    }
}
