namespace HtxFund.Lending.Accounting;

/// <summary>
/// Every kind of money movement the journal posts. The accounts each kind debits and credits are data
/// (<see cref="AccountingMapping"/>), never code: a fund may map a kind to other accounts in a new version of its setup.
/// A reversal (of a repayment) posts the reversed movement's kinds with debit and credit exchanged (bút toán đảo).
/// </summary>
public enum PostingKind
{
    CharterCapitalContribution,
    CharterCapitalWithdrawal,
    GrantReceived,
    GrantRepaid,
    EntrustedCapitalReceived,
    EntrustedCapitalRepaid,
    BorrowingReceived,
    BorrowingRepaid,
    DevelopmentInvestmentFundReceived,
    DevelopmentInvestmentFundRepaid,
    OtherCapitalReceived,
    OtherCapitalRepaid,
    /// <summary>A tranche paid out to the borrower.</summary>
    Disbursement,
    /// <summary>Principal due or overdue repaid.</summary>
    PrincipalRepaid,
    /// <summary>Principal not yet due repaid early (trả nợ trước hạn).</summary>
    PrincipalPrepaid,
    /// <summary>Contractual interest received (in term, due, overdue, accrued).</summary>
    InterestReceived,
    /// <summary>Penalty interest received (on overdue principal and on late interest).</summary>
    PenaltyInterestReceived,
    /// <summary>Money received above the loan's payoff, owed back to the borrower.</summary>
    RefundableExcessReceived,
    /// <summary>Contractual interest accrued to income at a month end (loans in the standard group).</summary>
    InterestAccrued,
    /// <summary>Contractual interest accrued before and taken back out of income (thoái thu lãi dự thu).</summary>
    InterestAccrualReversed,
    PenaltyInterestAccrued,
    PenaltyInterestAccrualReversed,
    /// <summary>Interest of loans outside the standard group tracked off the balance sheet: increase / decrease.</summary>
    OffBalanceInterestIncreased,
    OffBalanceInterestDecreased,
    /// <summary>Loan-loss provisions charged to expense (the month's required provisions rose) / released (they fell).</summary>
    ProvisionCharged,
    ProvisionReleased,
    /// <summary>Provisions used against a loan's principal when it leaves the balance sheet.</summary>
    ProvisionUsed,
    /// <summary>The part of that principal not covered by provisions, charged to the period's expense.</summary>
    PrincipalChargedToExpense,
    /// <summary>Principal taken off the balance sheet, tracked off balance (the borrower still owes it) / no longer tracked.</summary>
    PrincipalOffBalanceIn,
    PrincipalOffBalanceOut,
    /// <summary>Money recovered on a loan off the balance sheet: income.</summary>
    RecoveryReceived,
}
