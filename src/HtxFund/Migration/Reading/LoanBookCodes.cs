namespace HtxFund.Migration.Reading;

/// <summary>The stable codes of the loan book reader's refusals (each message is written where its rule is).</summary>
public static class LoanBookCodes
{
    // The file as a whole
    public const string Empty = "loan_book.empty";
    public const string NotXlsx = "loan_book.not_xlsx";
    public const string Corrupt = "loan_book.corrupt";
    public const string TooLarge = "loan_book.too_large";
    public const string TooManyRows = "loan_book.too_many_rows";
    public const string TemplateVersion = "loan_book.template_version";
    public const string MissingSheet = "loan_book.missing_sheet";
    public const string MissingColumn = "loan_book.missing_column";
    public const string HiddenSheet = "loan_book.hidden_sheet";
    public const string CutOver = "loan_book.cut_over";

    // A cell of the workbook's structure
    public const string MergedCells = "loan_book.merged_cells";
    public const string Formula = "loan_book.formula";
    public const string HiddenRow = "loan_book.hidden_row";

    // A cell's value
    public const string Required = "loan_book.required";
    public const string DateInvalid = "loan_book.date_invalid";
    public const string DateImpossible = "loan_book.date_impossible";
    public const string DateTooEarly = "loan_book.date_too_early";
    public const string DateAfterCutOver = "loan_book.date_after_cut_over";
    public const string AmountInvalid = "loan_book.amount_invalid";
    public const string AmountNegative = "loan_book.amount_negative";
    public const string AmountZero = "loan_book.amount_zero";
    public const string AmountDecimal = "loan_book.amount_decimal";
    public const string AmountTooLarge = "loan_book.amount_too_large";
    public const string RateOutOfRange = "loan_book.rate_out_of_range";
    public const string NumberInvalid = "loan_book.number_invalid";
    public const string NumberOutOfRange = "loan_book.number_out_of_range";
    public const string UnknownValue = "loan_book.unknown_value";
    public const string TextTooLong = "loan_book.text_too_long";
    public const string ControlCharacter = "loan_book.control_character";
    public const string FormulaText = "loan_book.formula_text";
    public const string TaxCode = "loan_book.tax_code";
    public const string NationalId = "loan_book.national_id";
    public const string DebtGroup = "loan_book.debt_group";
    public const string CollateralValue = "loan_book.collateral_value";
    public const string GraceNotBelowTerm = "loan_book.grace_not_below_term";

    // Rows against each other and against the fund
    public const string DuplicateTaxCode = "loan_book.duplicate_tax_code";
    public const string DuplicateContract = "loan_book.duplicate_contract";
    public const string ContractNumberTaken = "loan_book.contract_number_taken";
    public const string UnknownCooperative = "loan_book.unknown_cooperative";
    public const string UnknownBorrower = "loan_book.unknown_borrower";
    public const string MemberNotOfCooperative = "loan_book.member_not_of_cooperative";
    public const string UnknownContract = "loan_book.unknown_contract";
    public const string ScheduleTotal = "loan_book.schedule_total";
    public const string ScheduleDates = "loan_book.schedule_dates";
    public const string ScheduleRequired = "loan_book.schedule_required";
    public const string TranchesAboveAmount = "loan_book.tranches_above_amount";
    public const string RepaymentBeforeFirstTranche = "loan_book.repayment_before_first_tranche";
    public const string HistoryAndOpeningBalance = "loan_book.history_and_opening_balance";
    public const string NoHistory = "loan_book.no_history";
    public const string OpeningOverdueAboveOutstanding = "loan_book.opening_overdue_above_outstanding";
    public const string OpeningDaysPastDue = "loan_book.opening_days_past_due";
}
