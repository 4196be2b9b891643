using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// An immutable, resumable fold over a loan's transactions. <see cref="Apply(LoanTransaction)"/> returns a new ledger;
/// the ledger it was called on is unchanged. Applying transactions one by one gives exactly the valuation
/// <see cref="LoanValuator.Value(RepaymentSchedule, IEnumerable{LoanTransaction}, LocalDate, LendingPolicy)"/> gives for
/// the whole list, as long as they are applied in <see cref="LoanTransaction.CanonicalOrder"/>.
/// </summary>
public sealed class LoanLedger
{
    private readonly LoanEngine engine;

    private LoanLedger(LoanEngine engine) => this.engine = engine;

    /// <summary>A new loan on its booked schedule, before any transaction.</summary>
    public static LoanLedger Open(RepaymentSchedule schedule, LendingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(policy);
        return new LoanLedger(new LoanEngine(schedule, policy));
    }

    /// <summary>A new loan, generating its schedule with <see cref="ScheduleGenerator.Generate"/>.</summary>
    public static LoanLedger Open(LoanTerms terms, LendingPolicy policy) =>
        Open(ScheduleGenerator.Generate(terms, policy), policy);

    public LoanTerms Terms => engine.Terms;

    /// <summary>The date the ledger has reached: every due date and transaction up to it is included.</summary>
    public LocalDate Date => engine.Clock;

    /// <summary>The ledger with one more transaction, dated on or after <see cref="Date"/>.</summary>
    public LoanLedger Apply(LoanTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var copy = engine.Clone();
        copy.Apply(transaction);
        return new LoanLedger(copy);
    }

    /// <summary>The ledger with more transactions, all dated on or after <see cref="Date"/>, applied in canonical order.</summary>
    public LoanLedger Apply(IEnumerable<LoanTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var copy = engine.Clone();
        foreach (var transaction in transactions.Order(LoanTransaction.CanonicalOrder))
            copy.Apply(transaction);
        return new LoanLedger(copy);
    }

    /// <summary>The valuation at the end of <paramref name="asOf"/> (on or after <see cref="Date"/>), with no further transactions.</summary>
    public LoanValuation ValueAt(LocalDate asOf)
    {
        var copy = engine.Clone();
        copy.AdvanceTo(asOf);
        return copy.Snapshot();
    }

    /// <summary>What a payment on <paramref name="date"/> (on or after <see cref="Date"/>) would have to settle, bucket by bucket.</summary>
    public OutstandingAmounts OwedAt(LocalDate date)
    {
        var copy = engine.Clone();
        copy.AdvanceTo(date);
        return copy.Outstanding();
    }

    /// <summary>How a payment of <paramref name="amount"/> on <paramref name="date"/> would be split, without recording it.</summary>
    public PaymentAllocation PreviewRepayment(LocalDate date, Money amount)
    {
        var copy = engine.Clone();
        copy.AdvanceTo(date);
        return RepaymentAllocator.Allocate(amount, copy.Outstanding(), copy.Policy);
    }
}
