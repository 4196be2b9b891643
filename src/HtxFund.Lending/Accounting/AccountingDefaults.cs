namespace HtxFund.Lending.Accounting;

/// <summary>
/// The default chart and mapping for a fund organised as a state-owned single-member LLC under the enterprise accounting
/// regime (Circular 99/2025/TT-BTC, in force for financial years from 01/01/2026, replacing Circular 200/2014/TT-BTC).
/// The account numbers follow the Circular's level-1 and level-2 accounts; the level-3 sub-accounts a fund opens for its
/// lending (13881, 13882, 33881, 33882, 5151, 5152) and the off-balance accounts (0041, 0042, 009) are this system's
/// choice and <b>unconfirmed</b> (docs/domain-defaults.md, "Accounting"): the chief accountant edits them in a new
/// version of the setup.
/// </summary>
public static class AccountingDefaults
{
    public const string Cash = "1121";
    public const string Loans = "1283";
    public const string InterestReceivable = "13881";
    public const string PenaltyReceivable = "13882";
    public const string LoanLossProvisions = "2293";
    public const string RefundsPayable = "33881";
    public const string EntrustedCapital = "33882";
    public const string Borrowings = "3411";
    public const string CharterCapital = "4111";
    public const string OtherOwnersCapital = "4118";
    public const string DevelopmentInvestmentFund = "414";
    public const string InterestIncome = "5151";
    public const string PenaltyIncome = "5152";
    public const string ProvisionExpense = "6426";
    public const string OtherIncome = "711";
    public const string OffBalancePrincipal = "0041";
    public const string OffBalanceInterest = "0042";
    /// <summary>The contra account of every off-balance line, so that off-balance items balance in double entry too.</summary>
    public const string OffBalanceContra = "009";

    public static ChartOfAccounts Chart { get; } = new(
    [
        new(Cash, "Tiền gửi ngân hàng", AccountKind.Asset),
        new(Loans, "Cho vay", AccountKind.Asset, TracksObject: true),
        new(InterestReceivable, "Phải thu lãi cho vay", AccountKind.Asset, TracksObject: true),
        new(PenaltyReceivable, "Phải thu lãi phạt chậm trả", AccountKind.Asset, TracksObject: true),
        new(LoanLossProvisions, "Dự phòng rủi ro cho vay", AccountKind.ContraAsset),
        new(RefundsPayable, "Phải trả tiền thu thừa của khách vay", AccountKind.Liability, TracksObject: true),
        new(EntrustedCapital, "Vốn nhận ủy thác cho vay", AccountKind.Liability),
        new(Borrowings, "Các khoản đi vay", AccountKind.Liability),
        new(CharterCapital, "Vốn góp của chủ sở hữu (vốn điều lệ)", AccountKind.Equity),
        new(OtherOwnersCapital, "Vốn khác của chủ sở hữu (tài trợ, viện trợ, nguồn khác)", AccountKind.Equity),
        new(DevelopmentInvestmentFund, "Quỹ đầu tư phát triển", AccountKind.Equity),
        new(InterestIncome, "Doanh thu lãi cho vay", AccountKind.Income),
        new(PenaltyIncome, "Doanh thu lãi phạt chậm trả", AccountKind.Income),
        new(ProvisionExpense, "Chi phí dự phòng rủi ro cho vay", AccountKind.Expense),
        new(OtherIncome, "Thu nhập khác (thu hồi nợ đã xử lý)", AccountKind.Income),
        new(OffBalancePrincipal, "Nợ gốc cho vay đã xử lý bằng dự phòng (ngoại bảng)", AccountKind.OffBalance, TracksObject: true),
        new(OffBalanceInterest, "Lãi cho vay chưa thu theo dõi ngoại bảng", AccountKind.OffBalance, TracksObject: true),
        new(OffBalanceContra, "Tài khoản đối ứng ngoại bảng", AccountKind.OffBalance),
    ]);

    public static AccountingMapping Mapping { get; } = new(
    [
        new(PostingKind.CharterCapitalContribution, Cash, CharterCapital),
        new(PostingKind.CharterCapitalWithdrawal, CharterCapital, Cash),
        new(PostingKind.GrantReceived, Cash, OtherOwnersCapital),
        new(PostingKind.GrantRepaid, OtherOwnersCapital, Cash),
        new(PostingKind.EntrustedCapitalReceived, Cash, EntrustedCapital),
        new(PostingKind.EntrustedCapitalRepaid, EntrustedCapital, Cash),
        new(PostingKind.BorrowingReceived, Cash, Borrowings),
        new(PostingKind.BorrowingRepaid, Borrowings, Cash),
        new(PostingKind.DevelopmentInvestmentFundReceived, Cash, DevelopmentInvestmentFund),
        new(PostingKind.DevelopmentInvestmentFundRepaid, DevelopmentInvestmentFund, Cash),
        new(PostingKind.OtherCapitalReceived, Cash, OtherOwnersCapital),
        new(PostingKind.OtherCapitalRepaid, OtherOwnersCapital, Cash),
        new(PostingKind.Disbursement, Loans, Cash),
        new(PostingKind.PrincipalRepaid, Cash, Loans),
        new(PostingKind.PrincipalPrepaid, Cash, Loans),
        new(PostingKind.InterestReceived, Cash, InterestReceivable),
        new(PostingKind.PenaltyInterestReceived, Cash, PenaltyReceivable),
        new(PostingKind.RefundableExcessReceived, Cash, RefundsPayable),
        new(PostingKind.InterestAccrued, InterestReceivable, InterestIncome),
        new(PostingKind.InterestAccrualReversed, InterestIncome, InterestReceivable),
        new(PostingKind.PenaltyInterestAccrued, PenaltyReceivable, PenaltyIncome),
        new(PostingKind.PenaltyInterestAccrualReversed, PenaltyIncome, PenaltyReceivable),
        new(PostingKind.OffBalanceInterestIncreased, OffBalanceInterest, OffBalanceContra),
        new(PostingKind.OffBalanceInterestDecreased, OffBalanceContra, OffBalanceInterest),
        new(PostingKind.ProvisionCharged, ProvisionExpense, LoanLossProvisions),
        new(PostingKind.ProvisionReleased, LoanLossProvisions, ProvisionExpense),
        new(PostingKind.ProvisionUsed, LoanLossProvisions, Loans),
        new(PostingKind.PrincipalChargedToExpense, ProvisionExpense, Loans),
        new(PostingKind.PrincipalOffBalanceIn, OffBalancePrincipal, OffBalanceContra),
        new(PostingKind.PrincipalOffBalanceOut, OffBalanceContra, OffBalancePrincipal),
        new(PostingKind.RecoveryReceived, Cash, OtherIncome),
    ]);

    /// <summary>Version 1 of every fund's setup.</summary>
    public static AccountingSetup Setup { get; } = new(1, Chart, Mapping);
}
