using HtxFund.Migration;
using HtxFund.Migration.Reading;
using HtxFund.Tests.Migration.Support;
using NodaTime;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Tests.Migration.Reading;

/// <summary>The reader on workbooks written by the app's own template writer (pure: no database).</summary>
public sealed class reading_a_loan_book
{
    private static LoanBookReading Read(byte[] workbook, LoanBookFundFacts? facts = null) =>
        LoanBookReader.Read(workbook, facts ?? LoanBookFundFacts.None, LoanBookLimits.Default);

    private static LoanBookFile WithoutRows(LoanBookFile file) => file with
    {
        Sha256 = "",
        Cooperatives = [.. file.Cooperatives.Select(c => c with { Row = 0 })],
        Members = [.. file.Members.Select(m => m with { Row = 0 })],
        Loans = [.. file.Loans.Select(l => l with
        {
            Row = 0,
            Schedule = [.. l.Schedule.Select(s => s with { Row = 0 })], Tranches = [.. l.Tranches.Select(t => t with { Row = 0 })],
            Repayments = [.. l.Repayments.Select(r => r with { Row = 0 })], Collateral = [.. l.Collateral.Select(c => c with { Row = 0 })],
        })],
    };

    [Fact]
    public void a_filled_template_reads_back_as_the_model_it_was_written_from()
    {
        var model = LoanBookSamples.Small();
        var workbook = LoanBookWorkbook.Write(model);

        var reading = Read(workbook);

        reading.Refusals.ShouldBeEmpty();
        reading.IsChecked.ShouldBeTrue();
        reading.Sha256.ShouldBe(HtxFund.Files.FileUpload.Hash(workbook));
        reading.CutOver.ShouldBe(LoanBookSamples.CutOver);
        WithoutRows(reading.File!).ShouldBeEquivalentTo(WithoutRows(model));
    }

    [Fact]
    public void each_row_is_read_with_its_workbook_row_number()
    {
        var file = Read(LoanBookWorkbook.Write(LoanBookSamples.Small())).File!;

        file.Cooperatives.Select(c => c.Row).ShouldBe([3, 4]);
        file.Loans.Select(l => l.Row).ShouldBe([3, 4]);
        file.Loans[0].Repayments.Select(r => r.Row).ShouldBe([3, 4]);
        file.Loans[1].Schedule.Select(s => s.Row).ShouldBe([3, 4, 5, 6]);
    }

    [Fact]
    public void the_summary_counts_what_confirming_would_create()
    {
        var model = LoanBookSamples.Small();
        var known = model.Cooperatives[0].TaxCode;
        var facts = LoanBookFundFacts.None with
        {
            Cooperatives = new Dictionary<string, FundCooperative> { [known] = new(known, new HashSet<string>(), new HashSet<string>()) },
        };

        var summary = Read(LoanBookWorkbook.Write(model), facts).Summary!;

        // 120 + 80 million lent; 100 + 40 million outstanding and 0 + 1,2 million of interest at the cut-over.
        summary.ShouldBe(new LoanBookSummary(2, 1, 1, 2, 2, 0, 200_000_000, 140_000_000, 1_200_000));
    }

    [Fact]
    public void a_file_booked_before_is_summarised_as_already_imported()
    {
        var model = LoanBookSamples.Small();
        var workbook = LoanBookWorkbook.Write(model);
        var facts = LoanBookFundFacts.None with
        {
            ContractNumbers = model.Loans.Select(l => l.ContractNumber).ToHashSet(),
            BookedFiles = new HashSet<string> { HtxFund.Files.FileUpload.Hash(workbook) },
        };

        var reading = Read(workbook, facts);

        reading.Refusals.ShouldBeEmpty();
        reading.Summary!.AlreadyImportedLoans.ShouldBe(2);
        reading.Summary.NewLoans.ShouldBe(0);
    }

    [Fact]
    public void a_contract_number_the_fund_uses_for_a_loan_of_another_file_is_refused()
    {
        var model = LoanBookSamples.Small();
        var facts = LoanBookFundFacts.None with { ContractNumbers = new HashSet<string> { model.Loans[1].ContractNumber } };

        var refusal = Read(LoanBookWorkbook.Write(model), facts).Refusals.ShouldHaveSingleItem();

        refusal.ShouldBe(new RowRefusal(new CellAddress(T.Loan.Sheet, 4, T.Loan.Contract, "A4"), LoanBookCodes.ContractNumberTaken,
            $"Quỹ đã có khoản vay số hợp đồng {model.Loans[1].ContractNumber} không được nhập từ tệp này."));
    }

    [Fact]
    public void amounts_written_as_grouped_text_and_dates_written_as_day_month_year_text_are_read()
    {
        var rows = LoanBookWorkbook.RowsOf(LoanBookSamples.Small());
        rows[T.Tranche.Sheet][0][T.Tranche.Amount] = "120.000.000";
        rows[T.Tranche.Sheet][0][T.Tranche.ValueDate] = "10/01/2025";
        rows[T.Repayment.Sheet][0][T.Repayment.Amount] = "10 000 000 ₫";
        rows[T.Repayment.Sheet][1][T.Repayment.ValueDate] = "05/03/2025";

        var loan = Read(LoanBookWorkbook.Write(rows, LoanBookSamples.CutOver)).File!.Loans[0];

        loan.Tranches.ShouldHaveSingleItem().ShouldBe(new ImportedTranche(3, new LocalDate(2025, 1, 10), 120_000_000));
        loan.Repayments[0].Amount.ShouldBe(10_000_000);
        loan.Repayments[1].ValueDate.ShouldBe(new LocalDate(2025, 3, 5)); // dd/MM: the 5th of March, never the 3rd of May
    }

    [Fact]
    public void every_broken_row_gets_its_one_refusal_at_its_cell_and_the_file_is_refused()
    {
        var broken = new BrokenLoanBook();

        var reading = Read(broken.Workbook, broken.Facts);

        reading.IsChecked.ShouldBeFalse();
        reading.File.ShouldBeNull();
        reading.Summary.ShouldBeNull();
        broken.Kinds.Count.ShouldBeGreaterThanOrEqualTo(30);
        broken.Kinds.Select(k => k.Code).Distinct().Count().ShouldBeGreaterThanOrEqualTo(30);
        foreach (var kind in broken.Kinds)
        {
            var at = reading.Refusals.Where(r => r.At.Sheet == kind.Sheet && r.At.Row == kind.Row).ToList();
            at.Select(r => r.Code).ShouldBe([kind.Code], $"{kind.Kind} at {kind.Sheet}!{kind.Row}: {string.Join(" | ", at)}");
            at[0].Message.ShouldNotBeNullOrWhiteSpace();
        }
        reading.Refusals.Count.ShouldBe(broken.Kinds.Count, string.Join("\n", reading.Refusals));
    }

    [Fact]
    public void a_refusal_names_the_cell_its_header_and_a_vietnamese_message()
    {
        var broken = new BrokenLoanBook();
        var kind = broken.Kinds.Single(k => k.Kind == "amount_negative");

        var refusal = Read(broken.Workbook, broken.Facts).Refusals.Single(r => r.At.Sheet == kind.Sheet && r.At.Row == kind.Row);

        refusal.ShouldBe(new RowRefusal(new CellAddress(T.Loan.Sheet, kind.Row, T.Loan.Amount, $"G{kind.Row}"), LoanBookCodes.AmountNegative,
            "Số tiền không được âm."));
    }
}
