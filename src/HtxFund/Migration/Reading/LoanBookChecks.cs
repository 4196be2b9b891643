using System.Globalization;
using HtxFund.Lending;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Migration.Reading;

/// <summary>
/// A loan against its own rows (pure): its history is either tranches (with repayments) or an opening balance, never both
/// nor neither; tranches add up to at most the amount; no repayment before the first tranche; the fund's own schedule
/// (when given) has increasing due dates and principal adding up to the amount; a custom method needs that schedule.
/// </summary>
public static class LoanBookChecks
{
    public static IEnumerable<RowRefusal> Check(ImportedLoan loan)
    {
        RowRefusal At(string sheet, int row, string column, string code, string message) =>
            new(new CellAddress(sheet, row, column, ColumnOf(sheet, column) + row), code, message);
        RowRefusal AtLoan(string column, string code, string message) => At(T.Loan.Sheet, loan.Row, column, code, message);

        var history = loan.Tranches.Count > 0 || loan.Repayments.Count > 0;
        if (history && loan.OpeningBalance is not null)
        {
            yield return AtLoan(T.Loan.OpeningPrincipal, LoanBookCodes.HistoryAndOpeningBalance,
                $"Khoản vay {loan.ContractNumber} có cả lịch sử giải ngân/thu nợ và số dư đầu kỳ; chỉ ghi một trong hai.");
            yield break;
        }
        if (loan.Tranches.Count == 0 && loan.OpeningBalance is null)
        {
            yield return AtLoan(T.Loan.OpeningPrincipal, LoanBookCodes.NoHistory,
                $"Khoản vay {loan.ContractNumber} không có giải ngân (trang \"{T.Tranche.Sheet}\") cũng không có số dư đầu kỳ.");
            yield break;
        }

        long paid = 0;
        foreach (var tranche in loan.Tranches)
        {
            paid += tranche.Amount;
            if (paid <= loan.Amount) continue;
            yield return At(T.Tranche.Sheet, tranche.Row, T.Tranche.Amount, LoanBookCodes.TranchesAboveAmount,
                $"Tổng giải ngân đến dòng này ({Money(paid)}) vượt số tiền vay {Money(loan.Amount)}.");
            break;
        }
        if (loan.Tranches.Count > 0 && loan.Tranches.Min(t => t.ValueDate) is var first)
            foreach (var repayment in loan.Repayments.Where(r => r.ValueDate < first))
                yield return At(T.Repayment.Sheet, repayment.Row, T.Repayment.ValueDate, LoanBookCodes.RepaymentBeforeFirstTranche,
                    $"Ngày thu {Day(repayment.ValueDate)} trước lần giải ngân đầu tiên ({Day(first)}).");

        if (loan.Schedule.Count == 0)
        {
            if (loan.Method == RepaymentMethod.Custom)
                yield return AtLoan(T.Loan.Method, LoanBookCodes.ScheduleRequired,
                    $"Phương thức \"theo lịch riêng\" cần các kỳ trả nợ ở trang \"{T.Schedule.Sheet}\".");
            yield break;
        }
        for (var i = 1; i < loan.Schedule.Count; i++)
        {
            if (loan.Schedule[i].DueDate > loan.Schedule[i - 1].DueDate) continue;
            yield return At(T.Schedule.Sheet, loan.Schedule[i].Row, T.Schedule.DueDate, LoanBookCodes.ScheduleDates,
                $"Ngày đến hạn {Day(loan.Schedule[i].DueDate)} không sau kỳ trước ({Day(loan.Schedule[i - 1].DueDate)}).");
            yield break;
        }
        var principal = loan.Schedule.Sum(s => s.Principal);
        if (principal != loan.Amount)
            yield return At(T.Schedule.Sheet, loan.Schedule[^1].Row, T.Schedule.Principal, LoanBookCodes.ScheduleTotal,
                $"Tổng gốc của lịch trả nợ ({Money(principal)}) khác số tiền vay {Money(loan.Amount)}.");
    }

    private static string ColumnOf(string sheet, string header)
    {
        var columns = T.Sheets.Single(s => s.Name == sheet).Columns;
        for (var i = 0; i < columns.Count; i++) if (columns[i].Header == header) return T.ColumnLetters(i);
        return "";
    }

    private static string Money(long amount) => Lending.Money.Of(amount).ToDisplayString();

    private static string Day(NodaTime.LocalDate date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
