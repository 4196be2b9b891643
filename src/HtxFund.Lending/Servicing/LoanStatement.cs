using NodaTime;

namespace HtxFund.Lending;

/// <summary>One applied transaction; <see cref="Allocation"/> says how a repayment was split (null for other kinds).</summary>
public sealed record StatementLine(LoanTransaction Transaction, PaymentAllocation? Allocation);

/// <summary>
/// One instalment of the schedule in force, as the engine bills it. <see cref="Billed"/>: its due date has come and
/// <see cref="Principal"/>/<see cref="Interest"/> are what it was billed, with what is still unpaid; otherwise they are
/// what it will be billed if nothing else happens before its due date (unpaid = the whole of it).
/// </summary>
public sealed record ScheduledInstalment(int Number, LocalDate DueDate, Money Principal, Money Interest, Money PrincipalUnpaid,
    Money InterestUnpaid, bool Billed)
{
    public Money Total => Principal + Interest;
}

/// <summary>A loan's applied transactions in canonical order with the valuation after the last of them, and the schedule
/// in force at that date (<see cref="Schedule"/>).</summary>
public sealed record LoanStatement(IReadOnlyList<StatementLine> Lines, LoanValuation Valuation)
{
    private readonly Lazy<IReadOnlyList<ScheduledInstalment>>? schedule;

    internal LoanStatement(IReadOnlyList<StatementLine> lines, LoanValuation valuation, Func<IReadOnlyList<ScheduledInstalment>> schedule)
        : this(lines, valuation) => this.schedule = new(schedule);

    /// <summary>The schedule in force at the statement's date (<see cref="ScheduledInstalment"/>): the remaining
    /// instalments recomputed after prepayments and restructurings, which is what the engine will bill. Projected on first
    /// use only, so callers that need the split or the valuation (booking a repayment) do not pay for it.</summary>
    public IReadOnlyList<ScheduledInstalment> Schedule => schedule?.Value ?? [];
}
