using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using HtxFund.Migration;
using HtxFund.Migration.Reading;
using NodaTime;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Tests.Migration.Support;

/// <summary>One kind of broken row: the refusal code it must get and where (sheet and workbook row).</summary>
public sealed record BrokenRow(string Kind, string Code, string Sheet, int Row);

/// <summary>
/// A workbook holding a valid small loan book (<see cref="LoanBookSamples.Small"/>) plus one broken row per kind (dates,
/// amounts, rates, unknown values and borrowers, duplicates, schedules that do not add up, formulas, merged cells, hidden
/// rows, opening balances that contradict themselves ...): each broken row must get exactly its one refusal, and the file
/// as a whole is refused, so nothing is booked. <see cref="Facts"/> are the fund's facts the workbook is read against
/// (a contract number the fund already uses); an integration test makes them true in the fund instead.
/// </summary>
public sealed class BrokenLoanBook
{
    public const string TakenContract = "HĐ-DA-CO/2020";
    public static readonly LocalDate CutOver = LoanBookSamples.CutOver;

    public List<BrokenRow> Kinds { get; } = [];
    public LoanBookRows Rows { get; }
    public byte[] Workbook { get; }
    public LoanBookFundFacts Facts { get; } = LoanBookFundFacts.None with { ContractNumbers = new HashSet<string> { TakenContract } };

    private readonly string borrower;
    private readonly List<(string Sheet, int Row, Action<Worksheet, int> Edit)> edits = [];

    public BrokenLoanBook(int seed = 5000)
    {
        var model = LoanBookSamples.Small(seed);
        borrower = model.Cooperatives[0].TaxCode;
        Rows = LoanBookWorkbook.RowsOf(model);

        // Dates
        BrokenLoan("date_text", LoanBookCodes.DateInvalid, l => l[T.Loan.ContractDate] = "2025-01-10");
        BrokenLoan("date_impossible", LoanBookCodes.DateImpossible, l => l[T.Loan.ContractDate] = "31/02/2025");
        BrokenTranche("date_before_1990", LoanBookCodes.DateTooEarly, t => t[T.Tranche.ValueDate] = new LocalDate(1985, 3, 1));
        BrokenTranche("tranche_after_cut_over", LoanBookCodes.DateAfterCutOver, t => t[T.Tranche.ValueDate] = CutOver.PlusDays(1));
        // Amounts and rates
        BrokenLoan("amount_negative", LoanBookCodes.AmountNegative, l => l[T.Loan.Amount] = -5_000_000L);
        BrokenLoan("amount_zero", LoanBookCodes.AmountZero, l => l[T.Loan.Amount] = 0L);
        BrokenLoan("amount_decimal", LoanBookCodes.AmountDecimal, l => l[T.Loan.Amount] = 120_000_000.5m);
        BrokenLoan("amount_text", LoanBookCodes.AmountInvalid, l => l[T.Loan.Amount] = "một trăm triệu");
        BrokenLoan("amount_too_large", LoanBookCodes.AmountTooLarge, l => l[T.Loan.Amount] = "2.000.000.000.000.000");
        BrokenLoan("rate_out_of_range", LoanBookCodes.RateOutOfRange, l => l[T.Loan.Rate] = 150m);
        BrokenLoan("unknown_method", LoanBookCodes.UnknownValue, l => l[T.Loan.Method] = "Trả dần");
        BrokenLoan("debt_group_6", LoanBookCodes.DebtGroup, l => l[T.Loan.ExpectedGroup] = 6);
        BrokenLoan("term_zero", LoanBookCodes.NumberOutOfRange, l => l[T.Loan.Term] = 0);
        BrokenLoan("grace_not_below_term", LoanBookCodes.GraceNotBelowTerm, l => l[T.Loan.Grace] = 24);
        // Texts
        BrokenLoan("purpose_missing", LoanBookCodes.Required, l => l[T.Loan.Purpose] = null);
        BrokenLoan("text_too_long", LoanBookCodes.TextTooLong, l => l[T.Loan.Purpose] = new string('x', 501));
        BrokenLoan("control_character", LoanBookCodes.ControlCharacter, l => l[T.Loan.Purpose] = "Mua\u0085 máy" /* NEL, a C1 control (XML cannot carry most C0 controls raw) */);
        BrokenLoan("formula_injection", LoanBookCodes.FormulaText, l => l[T.Loan.Purpose] = "=HYPERLINK(\"http://x.example\")");
        // Borrowers and contract numbers
        BrokenLoan("unknown_borrower", LoanBookCodes.UnknownBorrower, l => l[T.Loan.BorrowerTaxCode] = LoanBookSamples.TaxCodeFrom(seed + 900));
        BrokenLoan("member_not_of_cooperative", LoanBookCodes.MemberNotOfCooperative, l => l[T.Loan.MemberNationalId] = "066190009999");
        BrokenLoan("duplicate_contract", LoanBookCodes.DuplicateContract, l => l[T.Loan.Contract] = model.Loans[0].ContractNumber, tranche: false);
        BrokenLoan("contract_taken", LoanBookCodes.ContractNumberTaken, l => l[T.Loan.Contract] = TakenContract);
        BrokenRowOf("bad_tax_code", LoanBookCodes.TaxCode, T.Coop.Sheet,
            LoanBookWorkbook.Cooperative(LoanBookSamples.Cooperative(0, borrower[..9] + (char)('0' + (borrower[9] - '0' + 1) % 10))));
        BrokenRowOf("duplicate_tax_code", LoanBookCodes.DuplicateTaxCode, T.Coop.Sheet, LoanBookWorkbook.Cooperative(LoanBookSamples.Cooperative(0, borrower)));
        BrokenRowOf("member_of_unknown_cooperative", LoanBookCodes.UnknownCooperative, T.Member.Sheet,
            LoanBookWorkbook.Member(LoanBookSamples.Member(0, LoanBookSamples.TaxCodeFrom(seed + 950), "066190000555")));
        BrokenRowOf("tranche_of_unknown_contract", LoanBookCodes.UnknownContract, T.Tranche.Sheet,
            LoanBookWorkbook.Tranche("HĐ-KHONG-CO", new LocalDate(2025, 1, 10), 1_000_000L));
        // A loan against its rows
        BrokenLoan("tranches_above_amount", LoanBookCodes.TranchesAboveAmount, _ => { }, tranche: false,
            extra: c => Rows.Add(T.Tranche.Sheet, LoanBookWorkbook.Tranche(c, new LocalDate(2025, 1, 10), 130_000_000L)), brokenIsExtra: T.Tranche.Sheet);
        BrokenLoan("repayment_before_first_tranche", LoanBookCodes.RepaymentBeforeFirstTranche, _ => { },
            extra: c => Rows.Add(T.Repayment.Sheet, LoanBookWorkbook.Repayment(c, new LocalDate(2025, 1, 5), 1_000_000L)), brokenIsExtra: T.Repayment.Sheet);
        BrokenLoan("history_and_opening_balance", LoanBookCodes.HistoryAndOpeningBalance, l => l[T.Loan.OpeningPrincipal] = 50_000_000L);
        BrokenLoan("no_history", LoanBookCodes.NoHistory, _ => { }, tranche: false);
        BrokenLoan("overdue_above_outstanding", LoanBookCodes.OpeningOverdueAboveOutstanding, l => Opening(l, 10_000_000, 20_000_000, 30), tranche: false);
        BrokenLoan("days_past_due_without_overdue", LoanBookCodes.OpeningDaysPastDue, l => Opening(l, 10_000_000, 0, 30), tranche: false);
        BrokenLoan("custom_without_schedule", LoanBookCodes.ScheduleRequired, l => l[T.Loan.Method] = T.WordOf(T.Methods, Lending.RepaymentMethod.Custom));
        BrokenLoan("schedule_not_adding_up", LoanBookCodes.ScheduleTotal, _ => { }, extra: c =>
        {
            Rows.Add(T.Schedule.Sheet, LoanBookWorkbook.Schedule(c, new ImportedScheduleRow(0, 1, new LocalDate(2025, 7, 10), 60_000_000, 0)));
            return Rows.Add(T.Schedule.Sheet, LoanBookWorkbook.Schedule(c, new ImportedScheduleRow(0, 2, new LocalDate(2026, 1, 10), 50_000_000, 0)));
        }, brokenIsExtra: T.Schedule.Sheet);
        BrokenLoan("schedule_dates_not_increasing", LoanBookCodes.ScheduleDates, _ => { }, extra: c =>
        {
            Rows.Add(T.Schedule.Sheet, LoanBookWorkbook.Schedule(c, new ImportedScheduleRow(0, 1, new LocalDate(2026, 1, 10), 60_000_000, 0)));
            return Rows.Add(T.Schedule.Sheet, LoanBookWorkbook.Schedule(c, new ImportedScheduleRow(0, 2, new LocalDate(2025, 7, 10), 60_000_000, 0)));
        }, brokenIsExtra: T.Schedule.Sheet);
        BrokenRowOf("collateral_value_zero", LoanBookCodes.CollateralValue, T.Pledge.Sheet, LoanBookWorkbook.Collateral(model.Loans[0].ContractNumber,
            new ImportedCollateral(0, global::HtxFund.Collateral.CollateralType.Vehicle, "Xe tải 47C-123.45", null, 0, new LocalDate(2025, 1, 5))));
        BrokenRowOf("national_id_letters", LoanBookCodes.NationalId, T.Member.Sheet,
            LoanBookWorkbook.Member(LoanBookSamples.Member(0, borrower, "06619AB00123")));
        // The workbook's structure, on loan rows (without tranches: a skipped loan row leaves its contract unknown)
        BrokenLoan("formula", LoanBookCodes.Formula, _ => { }, tranche: false, edit: (sheet, row) =>
            CellOf(sheet, row, "G").CellFormula = new CellFormula("100000000+20000000"));
        BrokenLoan("merged_cells", LoanBookCodes.MergedCells, _ => { }, tranche: false, edit: (sheet, row) =>
            (sheet.Elements<MergeCells>().FirstOrDefault() ?? sheet.InsertAfter(new MergeCells(), sheet.GetFirstChild<SheetData>()))
                .Append(new MergeCell { Reference = $"F{row}:G{row}" }));
        BrokenLoan("hidden_row", LoanBookCodes.HiddenRow, _ => { }, tranche: false, edit: (sheet, row) =>
            sheet.GetFirstChild<SheetData>()!.Elements<Row>().Single(r => r.RowIndex!.Value == row).Hidden = true);

        Workbook = LoanBookWorkbook.Write(Rows, CutOver, tamper: document =>
        {
            foreach (var (sheetName, row, edit) in edits) edit(WorksheetOf(document, sheetName), row);
        });
    }

    private int counter;

    private void BrokenLoan(string kind, string code, Action<Dictionary<string, object?>> breakIt, bool tranche = true,
        Func<string, int>? extra = null, string? brokenIsExtra = null, Action<Worksheet, int>? edit = null)
    {
        var contract = $"HĐ-HONG-{++counter:D2}/2025";
        var loan = LoanBookWorkbook.Loan(LoanBookSamples.LoanWithHistory(0, contract, borrower) with { Repayments = [] });
        breakIt(loan);
        var row = Rows.Add(T.Loan.Sheet, loan);
        var contractNow = loan[T.Loan.Contract] as string ?? contract;
        if (tranche) Rows.Add(T.Tranche.Sheet, LoanBookWorkbook.Tranche(contractNow, new LocalDate(2025, 1, 10), 120_000_000L));
        var extraRow = extra?.Invoke(contractNow);
        if (edit is not null) edits.Add((T.Loan.Sheet, row, edit));
        Kinds.Add(brokenIsExtra is null ? new BrokenRow(kind, code, T.Loan.Sheet, row) : new BrokenRow(kind, code, brokenIsExtra, extraRow!.Value));
    }

    private void BrokenTranche(string kind, string code, Action<Dictionary<string, object?>> breakIt)
    {
        var contract = $"HĐ-HONG-{++counter:D2}/2025";
        Rows.Add(T.Loan.Sheet, LoanBookWorkbook.Loan(LoanBookSamples.LoanWithHistory(0, contract, borrower) with { Repayments = [] }));
        var tranche = LoanBookWorkbook.Tranche(contract, new LocalDate(2025, 1, 10), 120_000_000L);
        breakIt(tranche);
        Kinds.Add(new BrokenRow(kind, code, T.Tranche.Sheet, Rows.Add(T.Tranche.Sheet, tranche)));
    }

    private void BrokenRowOf(string kind, string code, string sheet, Dictionary<string, object?> row) =>
        Kinds.Add(new BrokenRow(kind, code, sheet, Rows.Add(sheet, row)));

    private static void Opening(Dictionary<string, object?> loan, long outstanding, long overdue, int days)
    {
        loan[T.Loan.OpeningPrincipal] = outstanding;
        loan[T.Loan.OpeningOverdue] = overdue;
        loan[T.Loan.OpeningDaysPastDue] = days;
    }

    public static Worksheet WorksheetOf(SpreadsheetDocument document, string sheetName)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    public static Cell CellOf(Worksheet sheet, int row, string column) =>
        sheet.GetFirstChild<SheetData>()!.Elements<Row>().Single(r => r.RowIndex!.Value == row).Elements<Cell>()
            .Single(c => c.CellReference == $"{column}{row}");
}
