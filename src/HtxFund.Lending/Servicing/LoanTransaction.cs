using System.Collections.Immutable;
using NodaTime;

namespace HtxFund.Lending;

/// <summary>
/// Something that happened to a loan on a business date. A valuation is a fold over the loan's transactions; a backdated
/// transaction simply changes the input list and the valuation is recomputed, never patched.
/// Transactions on the same date are applied in a canonical order (an opening balance, disbursements, then repayments in the order received,
/// then interest waivers, then restructurings; ties by content), so the order they are supplied in never changes a result.
/// </summary>
public abstract record LoanTransaction
{
    private protected LoanTransaction(LocalDate date) => Date = date;

    public LocalDate Date { get; }

    /// <summary>Position within a day: disbursements first, then repayments, then interest waivers, then restructurings.</summary>
    internal abstract int Rank { get; }

    /// <summary>Orders two transactions of the same type and date by content.</summary>
    internal abstract int CompareContent(LoanTransaction other);

    /// <summary>The canonical order: date, then <see cref="Rank"/>, then content.</summary>
    public static IComparer<LoanTransaction> CanonicalOrder { get; } = Comparer<LoanTransaction>.Create(static (a, b) =>
    {
        var byDate = a.Date.CompareTo(b.Date);
        if (byDate != 0)
            return byDate;
        var byRank = a.Rank.CompareTo(b.Rank);
        if (byRank != 0)
            return byRank;
        return a.GetType() == b.GetType()
            ? a.CompareContent(b)
            : string.CompareOrdinal(a.GetType().Name, b.GetType().Name);
    });
}

/// <summary>
/// A tranche paid out to the borrower, before the final due date. Tranches together may not exceed the loan principal.
/// Interest runs on what has been disbursed. Each instalment calls at most the principal disbursed and not yet due, and
/// the final one calls all of it, so an amount never disbursed comes off the last instalments.
/// </summary>
public sealed record Disbursement : LoanTransaction
{
    public Disbursement(LocalDate date, Money amount) : base(date)
    {
        if (!amount.IsPositive)
            throw new ArgumentException($"A disbursement must be above 0 ₫, not {amount}.", nameof(amount));
        Amount = amount;
    }

    public Money Amount { get; }

    internal override int Rank => 0;

    internal override int CompareContent(LoanTransaction other) => Amount.CompareTo(((Disbursement)other).Amount);
}

/// <summary>
/// Money received from the borrower, split by the policy's waterfall. <paramref name="prepaymentMode"/> says what a
/// prepayment part does to later instalments; null uses <see cref="LendingPolicy.DefaultPrepaymentMode"/>.
/// </summary>
public sealed record Repayment : LoanTransaction
{
    public Repayment(LocalDate date, Money amount, PrepaymentMode? prepaymentMode = null) : base(date)
    {
        if (!amount.IsPositive)
            throw new ArgumentException($"A repayment must be above 0 ₫, not {amount}.", nameof(amount));
        if (prepaymentMode is { } mode && !Enum.IsDefined(mode))
            throw new ArgumentException($"Unknown prepayment mode {mode}.", nameof(prepaymentMode));
        Amount = amount;
        PrepaymentMode = prepaymentMode;
    }

    public Money Amount { get; }
    public PrepaymentMode? PrepaymentMode { get; }

    /// <summary>The order the lender received it in (e.g. its recording order): payments of the same value date are
    /// applied in this order, so a payment recorded after another one of that day is split after it. Ties (the default
    /// 0 everywhere) fall back to amount and mode.</summary>
    public long Sequence { get; init; }

    internal override int Rank => 1;

    internal override int CompareContent(LoanTransaction other)
    {
        var o = (Repayment)other;
        var bySequence = Sequence.CompareTo(o.Sequence);
        if (bySequence != 0)
            return bySequence;
        var byAmount = Amount.CompareTo(o.Amount);
        return byAmount != 0 ? byAmount : Nullable.Compare(PrepaymentMode, o.PrepaymentMode);
    }
}

/// <summary>
/// Miễn, giảm lãi (Decree 45/2021 Art 25.2, the fund's charter says who decides): forgives <see cref="Amount"/> of the
/// interest unpaid at <see cref="LoanTransaction.Date"/> (penalty interest first, then overdue contractual interest oldest
/// first, then interest due, then interest accrued on the current period), never principal and never more than the
/// interest owed that day (the engine refuses more). Applied after that day's repayments, so a payment and a waiver of
/// the same day forgive what the payment left; before that day's restructuring, so a waiver granted with a
/// restructuring forgives the late interest before the rest is deferred. <see cref="BorrowerCannotPay"/> marks a waiver
/// granted because the borrower cannot pay, which puts the loan in group 3 or worse (Circular 14/2024/TT-NHNN).
/// </summary>
public sealed record InterestWaiver : LoanTransaction
{
    public InterestWaiver(LocalDate date, Money amount, bool borrowerCannotPay = false) : base(date)
    {
        if (!amount.IsPositive)
            throw new ArgumentException($"An interest waiver must be above 0 ₫, not {amount}.", nameof(amount));
        Amount = amount;
        BorrowerCannotPay = borrowerCannotPay;
    }

    public Money Amount { get; }
    public bool BorrowerCannotPay { get; }

    internal override int Rank => 2;

    internal override int CompareContent(LoanTransaction other)
    {
        var o = (InterestWaiver)other;
        var byAmount = Amount.CompareTo(o.Amount);
        return byAmount != 0 ? byAmount : BorrowerCannotPay.CompareTo(o.BorrowerCannotPay);
    }
}

/// <summary>
/// A debt restructuring under Decree 45/2021 Art 27: all principal not yet repaid (overdue or not) is rescheduled onto
/// <see cref="Instalments"/>, whose last date takes whatever the earlier ones do not (so principal always sums exactly).
/// Unpaid contractual interest is deferred to the first new due date; penalty interest already charged stays payable.
/// Each restructuring counts for debt classification (Circular 14/2024/TT-NHNN).
/// </summary>
public abstract record Restructuring : LoanTransaction
{
    private protected Restructuring(LocalDate date, IEnumerable<PlannedPrincipal> instalments, string parameter) : base(date)
    {
        ArgumentNullException.ThrowIfNull(instalments, parameter);
        var plan = instalments.ToImmutableArray();
        LoanTerms.ValidatePlan(plan, date, parameter);
        Instalments = plan;
    }

    /// <summary>The new due dates and principal amounts, all after the restructuring date.</summary>
    public ImmutableArray<PlannedPrincipal> Instalments { get; }

    internal override int Rank => 3;

    internal override int CompareContent(LoanTransaction other)
    {
        var o = (Restructuring)other;
        var n = Math.Min(Instalments.Length, o.Instalments.Length);
        for (var i = 0; i < n; i++)
        {
            var byDate = Instalments[i].DueDate.CompareTo(o.Instalments[i].DueDate);
            if (byDate != 0)
                return byDate;
            var byAmount = Instalments[i].Principal.CompareTo(o.Instalments[i].Principal);
            if (byAmount != 0)
                return byAmount;
        }
        return Instalments.Length.CompareTo(o.Instalments.Length);
    }

    public virtual bool Equals(Restructuring? other) =>
        other is not null && GetType() == other.GetType() && Date == other.Date && Instalments.SequenceEqual(other.Instalments);

    public override int GetHashCode() => HashCode.Combine(GetType(), Date, Instalments.Length);
}

/// <summary>
/// Điều chỉnh kỳ hạn trả nợ (Decree 45/2021 Art 27): the borrower cannot pay an instalment on time but can on a revised
/// schedule. The loan term is unchanged: the last new due date may not be after the current final due date.
/// </summary>
public sealed record ScheduleAdjustment : Restructuring
{
    public ScheduleAdjustment(LocalDate date, IEnumerable<PlannedPrincipal> instalments) : base(date, instalments, nameof(instalments))
    {
    }

    public bool Equals(ScheduleAdjustment? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>
/// Gia hạn nợ (Decree 45/2021 Art 27): the borrower cannot repay by final maturity but can within a further period.
/// The last new due date must be after the current final due date; it becomes the new maturity.
/// </summary>
public sealed record Extension : Restructuring
{
    public Extension(LocalDate date, IEnumerable<PlannedPrincipal> instalments) : base(date, instalments, nameof(instalments))
    {
    }

    public LocalDate NewMaturity => Instalments[^1].DueDate;

    public bool Equals(Extension? other) => base.Equals(other);

    public override int GetHashCode() => base.GetHashCode();
}

/// <summary>
/// The balances of a loan taken over from the fund's earlier books on a cut-over date (<see cref="LoanTransaction.Date"/>),
/// standing in for every tranche and repayment before it: <see cref="PrincipalOutstanding"/> disbursed and not repaid,
/// <see cref="OverduePrincipal"/> of it past its due date <see cref="OverdueSince"/> (days past due and the overdue rate
/// count from there), <see cref="InterestOwed"/> of contractual interest due and unpaid (due on the cut-over, late from
/// the next day like any instalment left unpaid) and <see cref="PenaltyOwed"/> of penalty interest already charged. The
/// loan's schedule runs from there: the instalments due after the cut-over bill the principal not yet due, and the
/// instalment running at the cut-over bills the whole period's interest on it. It must be the loan's first transaction
/// and its only opening balance; it comes before anything else of its date.
/// </summary>
public sealed record OpeningBalance : LoanTransaction
{
    public OpeningBalance(LocalDate cutOver, Money principalOutstanding, Money overduePrincipal, LocalDate? overdueSince,
        Money interestOwed, Money penaltyOwed) : base(cutOver)
    {
        if (principalOutstanding.IsNegative || interestOwed.IsNegative || penaltyOwed.IsNegative || overduePrincipal.IsNegative)
            throw new ArgumentException("An opening balance's amounts cannot be negative.");
        if (!(principalOutstanding + interestOwed + penaltyOwed).IsPositive)
            throw new ArgumentException("An opening balance must owe something.", nameof(principalOutstanding));
        if (overduePrincipal > principalOutstanding)
            throw new ArgumentException(
                $"The overdue principal {overduePrincipal} is above the principal outstanding {principalOutstanding}.", nameof(overduePrincipal));
        if (overduePrincipal.IsPositive != overdueSince.HasValue)
            throw new ArgumentException("Overdue principal needs the date it fell due, and only overdue principal has one.", nameof(overdueSince));
        if (overdueSince >= cutOver)
            throw new ArgumentException($"Principal overdue at the cut-over {cutOver:yyyy-MM-dd} fell due before it, not {overdueSince:yyyy-MM-dd}.",
                nameof(overdueSince));
        PrincipalOutstanding = principalOutstanding;
        OverduePrincipal = overduePrincipal;
        OverdueSince = overdueSince;
        InterestOwed = interestOwed;
        PenaltyOwed = penaltyOwed;
    }

    public Money PrincipalOutstanding { get; }
    public Money OverduePrincipal { get; }
    public LocalDate? OverdueSince { get; }
    public Money InterestOwed { get; }
    public Money PenaltyOwed { get; }

    /// <summary>Principal outstanding and not overdue at the cut-over: what the instalments after it bill.</summary>
    public Money PrincipalNotOverdue => PrincipalOutstanding - OverduePrincipal;

    internal override int Rank => -1;

    internal override int CompareContent(LoanTransaction other)
    {
        var o = (OpeningBalance)other;
        var byPrincipal = PrincipalOutstanding.CompareTo(o.PrincipalOutstanding);
        return byPrincipal != 0 ? byPrincipal : InterestOwed.CompareTo(o.InterestOwed);
    }
}
