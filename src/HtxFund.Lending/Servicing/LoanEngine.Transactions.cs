using System.Runtime.InteropServices;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>How <see cref="LoanEngine"/> books each kind of transaction: a disbursement, a repayment's allocation and its
/// prepayment (shortening the term or reducing the instalments), a restructuring, an interest waiver.</summary>
internal sealed partial class LoanEngine
{
    /// <summary>
    /// Takes the loan over at the cut-over with its balances (<see cref="OpeningBalance"/>): the due dates up to the
    /// cut-over have billed nothing (nothing was disbursed in this ledger); the principal not overdue is disbursed and
    /// not yet due, and bears interest from the start of the period running at the cut-over (its last due date on or
    /// before it, or the loan's start), so the next instalment bills the whole period; the overdue principal is an
    /// unpaid instalment of its due date; the interest owed is due on the cut-over; the penalty owed is unpaid penalty
    /// interest on overdue principal.
    /// </summary>
    private void Open(OpeningBalance opening)
    {
        if (opened || disbursed != 0 || paidPrincipal != 0 || paidInterest != 0 || refundable != 0 || restructurings != 0 || interestWaived != 0)
            throw new ArgumentException(
                $"The opening balance on {opening.Date:yyyy-MM-dd} must be the loan's first transaction and its only opening balance.");
        var principal = opening.PrincipalOutstanding.Dong;
        if (principal > terms.Principal.Dong)
            throw new ArgumentException(
                $"The opening principal outstanding {opening.PrincipalOutstanding} is above the loan principal {terms.Principal}.");
        var notOverdue = opening.PrincipalNotOverdue.Dong;
        if (notOverdue > 0 && next >= dueDates.Length)
            throw new ArgumentException(
                $"The cut-over {opening.Date:yyyy-MM-dd} is on or after the final due date {dueDates[^1]:yyyy-MM-dd}: all principal outstanding is overdue.");
        opened = true;
        disbursed = principal;
        notDue = notOverdue;
        var periodStart = next > 0 ? dueDates[next - 1] : terms.StartDate;
        periodDongDays = checked(notOverdue * (clockDay - DayCount.DayNumber(periodStart)));
        if (opening.OverdueSince is { } since)
            items.Add(new DueItem { Due = since, Remaining = opening.OverduePrincipal.Dong, IsInterest = false });
        if (opening.InterestOwed.IsPositive)
            items.Add(new DueItem { Due = opening.Date, Remaining = opening.InterestOwed.Dong, IsInterest = true });
        openingPenalty = opening.PenaltyOwed.Dong;
    }

    private void Disburse(Disbursement disbursement)
    {
        if (next >= dueDates.Length)
            throw new ArgumentException(
                $"The disbursement on {disbursement.Date:yyyy-MM-dd} is on or after the final due date {dueDates[^1]:yyyy-MM-dd}.");
        var total = checked(disbursed + disbursement.Amount.Dong);
        if (total > terms.Principal.Dong)
            throw new ArgumentException(
                $"The disbursement of {disbursement.Amount} on {disbursement.Date:yyyy-MM-dd} brings the tranches to {Money.Of(total)}, above the loan principal {terms.Principal}.");
        disbursed = total;
        notDue += disbursement.Amount.Dong;
    }

    private void ApplyAllocation(PaymentAllocation allocation, PrepaymentMode mode)
    {
        paidOnLateInterest += allocation.InterestOnLateInterest.Dong;
        paidOnOverduePrincipal += allocation.InterestOnOverduePrincipal.Dong;
        PayItems(interest: true, late: true, allocation.OverdueInterest.Dong);
        PayItems(interest: false, late: true, allocation.OverduePrincipal.Dong);
        PayItems(interest: true, late: false, allocation.InterestDue.Dong);
        PayItems(interest: false, late: false, allocation.PrincipalDue.Dong);
        items.RemoveAll(static item => item.Remaining == 0);
        accruedPaid += allocation.AccruedInterest.Dong;
        if (allocation.Prepayment.IsPositive)
        {
            notDue -= allocation.Prepayment.Dong;
            Reshape(allocation.Prepayment.Dong, mode);
        }
        paidPrincipal += allocation.Principal.Dong;
        paidInterest += allocation.ContractualInterest.Dong;
        refundable += allocation.RefundableExcess.Dong;
    }

    /// <summary>Pays items of one bucket oldest first.</summary>
    private void PayItems(bool interest, bool late, long amount)
    {
        var span = CollectionsMarshal.AsSpan(items);
        for (var i = 0; i < span.Length && amount > 0; i++)
        {
            ref var item = ref span[i];
            if (item.IsInterest != interest || (item.Due < clock) != late || item.Remaining == 0)
                continue;
            var paid = Math.Min(amount, item.Remaining);
            item.Remaining -= paid;
            amount -= paid;
        }
    }

    /// <summary>Takes a prepayment off the instalments still to come.</summary>
    private void Reshape(long prepayment, PrepaymentMode mode)
    {
        if (next >= planned.Length)
            return;
        if (mode == PrepaymentMode.ShortenTerm)
        {
            for (var i = planned.Length - 1; i >= next && prepayment > 0; i--)
            {
                var cut = Math.Min(planned[i], prepayment);
                planned[i] -= cut;
                prepayment -= cut;
            }
            return;
        }

        long before = 0;
        for (var i = next; i < planned.Length; i++)
            before += planned[i];
        if (before == 0)
            return;
        var after = Math.Max(0, before - prepayment);
        long assigned = 0;
        for (var i = next; i < planned.Length - 1; i++)
        {
            planned[i] = (long)decimal.Floor((decimal)planned[i] * after / before);
            assigned += planned[i];
        }
        planned[^1] = after - assigned;
    }

    private void Restructure(Restructuring restructuring)
    {
        var plan = restructuring.Instalments;
        var currentFinal = dueDates[^1];
        var newFinal = plan[^1].DueDate;
        if (restructuring is ScheduleAdjustment && newFinal > currentFinal)
            throw new ArgumentException(
                $"The schedule adjustment on {restructuring.Date:yyyy-MM-dd} ends {newFinal:yyyy-MM-dd}, after the final due date {currentFinal:yyyy-MM-dd}; an adjustment keeps the term (Decree 45/2021 Art 27), use an Extension.");
        if (restructuring is Extension && newFinal <= currentFinal)
            throw new ArgumentException(
                $"The extension on {restructuring.Date:yyyy-MM-dd} ends {newFinal:yyyy-MM-dd}, not after the final due date {currentFinal:yyyy-MM-dd}; use a ScheduleAdjustment.");

        var firstDue = plan[0].DueDate;
        var span = CollectionsMarshal.AsSpan(items);
        for (var i = 0; i < span.Length; i++)
        {
            ref var item = ref span[i];
            if (item.IsInterest)
            {
                item.Due = firstDue;
            }
            else
            {
                notDue += item.Remaining;
                item.Remaining = 0;
            }
        }
        items.RemoveAll(static item => item.Remaining == 0);

        dueDates = new LocalDate[plan.Length];
        dueDays = new int[plan.Length];
        planned = new long[plan.Length];
        billedPrincipal = new long[plan.Length];
        billedInterest = new long[plan.Length];
        for (var i = 0; i < plan.Length; i++)
        {
            dueDates[i] = plan[i].DueDate;
            dueDays[i] = DayCount.DayNumber(plan[i].DueDate);
            planned[i] = plan[i].Principal.Dong;
        }
        next = 0;
        restructurings++;
        lastRestructuredOn = restructuring.Date;
    }

    /// <summary>
    /// Forgives unpaid interest at the waiver's date, as owed for a payment made that day (<see cref="Outstanding"/>), in
    /// this order: penalty interest first (interest on late interest, then interest on overdue principal), then overdue
    /// contractual interest (oldest due date first), then contractual interest due, then interest accrued on the current
    /// period. Principal is never touched, so the schedule and the days past due of principal stay as they were; what is
    /// forgiven is neither paid nor income (<see cref="LoanValuation.InterestWaived"/>). Never more than the interest owed
    /// that day: a waiver granted for more (which the commands refuse) forgives all of it and no more, so a repayment
    /// backdated before an approved waiver can never make the loan unvaluable.
    /// </summary>
    private void Waive(InterestWaiver waiver)
    {
        var owed = Outstanding();
        var left = Math.Min(waiver.Amount.Dong, owed.Interest.Dong);
        var forgiven = left;
        var late = Math.Min(left, owed.InterestOnLateInterest.Dong);
        waivedOnLateInterest += late;
        left -= late;
        var onOverduePrincipal = Math.Min(left, owed.InterestOnOverduePrincipal.Dong);
        waivedOnOverduePrincipal += onOverduePrincipal;
        left -= onOverduePrincipal;
        var overdue = Math.Min(left, owed.OverdueInterest.Dong);
        PayItems(interest: true, late: true, overdue);
        left -= overdue;
        var due = Math.Min(left, owed.InterestDue.Dong);
        PayItems(interest: true, late: false, due);
        left -= due;
        items.RemoveAll(static item => item.Remaining == 0);
        accruedPaid += left; // settled, not paid: the period's interest is billed net of it
        interestWaived += forgiven;
        if (waiver.BorrowerCannotPay)
            waiversForInabilityToPay++;
    }
}
