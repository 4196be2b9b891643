using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// Values a loan as of any date from its terms (or booked schedule) and its full transaction list. Transactions dated
/// after <c>asOf</c> are ignored; the order they are supplied in does not matter. Nothing is stored between calls: a
/// backdated transaction simply changes the list.
/// </summary>
public static class LoanValuator
{
    /// <summary>Values a booked loan on its stored schedule.</summary>
    public static LoanValuation Value(
        RepaymentSchedule schedule, IEnumerable<LoanTransaction> transactions, LocalDate asOf, LendingPolicy policy)
    {
        var engine = Replay(schedule, transactions, asOf, policy, statement: null);
        return engine.Snapshot();
    }

    /// <summary>
    /// The loan's statement as of <paramref name="asOf"/>: every transaction in the order applied, each repayment with
    /// how it was split, and the valuation at the end.
    /// </summary>
    public static LoanStatement Statement(
        RepaymentSchedule schedule, IEnumerable<LoanTransaction> transactions, LocalDate asOf, LendingPolicy policy)
    {
        var lines = new List<StatementLine>();
        var engine = Replay(schedule, transactions, asOf, policy, lines);
        return new LoanStatement(lines, engine.Snapshot(), engine.Instalments); // the engine is not touched again: projected on demand
    }

    /// <summary>
    /// What is owed, for a payment, on <paramref name="at"/>'s date just before <paramref name="at"/> is applied: every
    /// transaction that comes before it in <see cref="LoanTransaction.CanonicalOrder"/> (those of earlier dates and those
    /// of its date ranked before it). The interest of it is what an <see cref="InterestWaiver"/> there can forgive.
    /// </summary>
    public static OutstandingAmounts OwedBefore(
        RepaymentSchedule schedule, IEnumerable<LoanTransaction> transactions, LoanTransaction at, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(at);
        var before = transactions.Where(t => LoanTransaction.CanonicalOrder.Compare(t ?? throw NullTransaction(), at) < 0).ToArray();
        var engine = Replay(schedule, before, at.Date, policy, statement: null);
        return engine.Outstanding();
    }

    private static LoanEngine Replay(
        RepaymentSchedule schedule, IEnumerable<LoanTransaction> transactions, LocalDate asOf, LendingPolicy policy,
        List<StatementLine>? statement)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(policy);
        if (asOf < schedule.Terms.StartDate)
            throw new ArgumentException($"A loan starting {schedule.Terms.StartDate:yyyy-MM-dd} cannot be valued as of {asOf:yyyy-MM-dd}.", nameof(asOf));
        var engine = new LoanEngine(schedule, policy);

        if (transactions is IReadOnlyList<LoanTransaction> list && IsCanonical(list))
        {
            for (var i = 0; i < list.Count && list[i].Date <= asOf; i++)
                Record(engine, list[i], statement);
        }
        else
        {
            var sorted = transactions.Where(t => (t ?? throw NullTransaction()).Date <= asOf).ToArray();
            Array.Sort(sorted, LoanTransaction.CanonicalOrder);
            foreach (var transaction in sorted)
                Record(engine, transaction, statement);
        }
        engine.AdvanceTo(asOf);
        return engine;
    }

    private static void Record(LoanEngine engine, LoanTransaction transaction, List<StatementLine>? statement)
    {
        var allocation = engine.Apply(transaction);
        statement?.Add(new StatementLine(transaction, allocation));
    }

    /// <summary>The statement of a loan from its terms, generating the schedule with <see cref="ScheduleGenerator.Generate"/>.</summary>
    public static LoanStatement Statement(
        LoanTerms terms, IEnumerable<LoanTransaction> transactions, LocalDate asOf, LendingPolicy policy) =>
        Statement(ScheduleGenerator.Generate(terms, policy), transactions, asOf, policy);

    /// <summary>Values a loan from its terms, generating the schedule with <see cref="ScheduleGenerator.Generate"/>.</summary>
    public static LoanValuation Value(
        LoanTerms terms, IEnumerable<LoanTransaction> transactions, LocalDate asOf, LendingPolicy policy) =>
        Value(ScheduleGenerator.Generate(terms, policy), transactions, asOf, policy);

    private static ArgumentException NullTransaction() =>
        new("A transaction list cannot contain null.", "transactions");

    private static bool IsCanonical(IReadOnlyList<LoanTransaction> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
                throw NullTransaction();
        }
        for (var i = 1; i < list.Count; i++)
        {
            if (LoanTransaction.CanonicalOrder.Compare(list[i - 1], list[i]) > 0)
                return false;
        }
        return true;
    }
}
