namespace HtxFund.Lending;

/// <summary>One applied transaction; <see cref="Allocation"/> says how a repayment was split (null for other kinds).</summary>
public sealed record StatementLine(LoanTransaction Transaction, PaymentAllocation? Allocation);

/// <summary>A loan's applied transactions in canonical order with the valuation after the last of them.</summary>
public sealed record LoanStatement(IReadOnlyList<StatementLine> Lines, LoanValuation Valuation);
