using System.Collections.Immutable;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// Builds the instalment table of a loan. One function serves the preview shown to the borrower and the booked loan.
/// <list type="bullet">
/// <item>Due dates: start + k × period months (NodaTime month arithmetic: 31/01 + 1 month = 28/02), each moved off
///   non-working days by the policy's calendar and rule. Custom schedules use the agreed dates as given.</item>
/// <item>Principal: none during the grace months or in moratorium months (judged by the contractual month before
///   working-day adjustment); the final instalment always carries principal.
///   Equal principal: the principal divided evenly over the principal-bearing instalments, rounded down to the đồng.
///   Annuity: an equal instalment from the nominal periodic rate (annual rate × months per period / 12), principal =
///   instalment − actual-day interest. Bullet: everything at maturity.
///   In every method the final instalment absorbs all rounding, so principal sums exactly to the loan.</item>
/// <item>Interest: balance × actual days of the period × annual rate / 365, rounded half away from zero
///   (Circular 14/2017/TT-NHNN).</item>
/// </list>
/// </summary>
public static class ScheduleGenerator
{
    public static RepaymentSchedule Generate(LoanTerms terms, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.MaxTermMonths is { } max && terms.TermMonths > max)
            throw new ArgumentException($"A term of {terms.TermMonths} months exceeds the policy maximum of {max} months.", nameof(terms));

        var (dates, bearing, custom) = PlanDates(terms, policy);
        var count = dates.Length;
        var principal = new long[count];
        var rate = terms.AnnualRatePercent;
        var total = terms.Principal.Dong;

        switch (terms.Method)
        {
            case RepaymentMethod.Custom:
                for (var i = 0; i < count; i++)
                    principal[i] = custom[i];
                break;
            case RepaymentMethod.Bullet:
                principal[^1] = total;
                break;
            case RepaymentMethod.EqualPrincipal:
            {
                var bearingCount = bearing.Count(b => b);
                var share = total / bearingCount;
                for (var i = 0; i < count; i++)
                    principal[i] = bearing[i] ? share : 0;
                principal[^1] += total - share * bearingCount;
                break;
            }
            case RepaymentMethod.Annuity:
                AnnuityPrincipal(terms, dates, bearing, principal);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(terms), terms.Method, "Unknown repayment method.");
        }

        var rows = ImmutableArray.CreateBuilder<Instalment>(count);
        var balance = total;
        var previous = terms.StartDate;
        for (var i = 0; i < count; i++)
        {
            var days = DayCount.DaysBetween(previous, dates[i]);
            var interest = DayCount.Interest(Money.Of(balance), days, rate);
            balance -= principal[i];
            rows.Add(new Instalment(i + 1, dates[i], days, Money.Of(principal[i]), interest, Money.Of(balance)));
            previous = dates[i];
        }
        return new RepaymentSchedule(terms, policy.Version, policy.Calendar.Version, rows.MoveToImmutable());
    }

    private static (LocalDate[] Dates, bool[] Bearing, long[] Custom) PlanDates(LoanTerms terms, LendingPolicy policy)
    {
        if (terms.Method == RepaymentMethod.Custom)
        {
            var plan = terms.CustomSchedule;
            return ([.. plan.Select(p => p.DueDate)], [.. plan.Select(p => p.Principal.IsPositive)], [.. plan.Select(p => p.Principal.Dong)]);
        }

        var step = terms.Frequency.MonthsPerPeriod(terms.TermMonths);
        var count = terms.TermMonths / step;
        var dates = new LocalDate[count];
        var bearing = new bool[count];
        var previous = terms.StartDate;
        for (var k = 1; k <= count; k++)
        {
            var nominal = terms.StartDate.PlusMonths(k * step);
            var due = policy.Calendar.Adjust(nominal, policy.DueDateRule);
            if (due <= previous)
                throw new ArgumentException(
                    $"Instalment {k} due {nominal:yyyy-MM-dd} moves to {due:yyyy-MM-dd}, not after the previous due date {previous:yyyy-MM-dd}; use another business-day rule.",
                    nameof(policy));
            dates[k - 1] = due;
            bearing[k - 1] = k == count || (k * step > terms.PrincipalGraceMonths && !terms.MoratoriumMonths.Contains(nominal.Month));
            previous = due;
        }
        return (dates, bearing, []);
    }

    private static void AnnuityPrincipal(LoanTerms terms, LocalDate[] dates, bool[] bearing, long[] principal)
    {
        var step = terms.Frequency.MonthsPerPeriod(terms.TermMonths);
        var periods = bearing.Count(b => b);
        var total = terms.Principal.Dong;
        var periodicRate = terms.AnnualRatePercent / 100m * step / 12m;
        decimal payment;
        if (periodicRate == 0m)
        {
            payment = (decimal)total / periods;
        }
        else
        {
            var growth = 1m;
            for (var i = 0; i < periods; i++)
                growth *= 1m + periodicRate;
            payment = total * periodicRate * growth / (growth - 1m);
        }
        var instalment = Money.Round(payment).Dong;

        var balance = total;
        var previous = terms.StartDate;
        for (var i = 0; i < dates.Length; i++)
        {
            var interest = DayCount.Interest(Money.Of(balance), DayCount.DaysBetween(previous, dates[i]), terms.AnnualRatePercent).Dong;
            previous = dates[i];
            if (i == dates.Length - 1)
                principal[i] = balance;
            else if (bearing[i])
                principal[i] = Math.Clamp(instalment - interest, 0, balance);
            balance -= principal[i];
        }
    }
}
