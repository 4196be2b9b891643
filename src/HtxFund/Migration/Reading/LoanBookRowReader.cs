using HtxFund.Cooperatives;
using HtxFund.Lending;
using HtxFund.Migration.Template;
using NodaTime;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Migration.Reading;

/// <summary>
/// The rows of a workbook read one by one (in sheet order: cooperatives, members, loans, then the loans' schedule rows,
/// tranches, repayments and collateral), each checked against the rows before it and the fund's facts; then
/// <see cref="Complete"/> checks each loan with its rows (<see cref="LoanBookChecks"/>) and assembles the file.
/// </summary>
public sealed class LoanBookRowReader(LocalDate cutOver, LoanBookFundFacts facts, string sha256, List<RowRefusal> refusals)
{
    private readonly List<ImportedCooperative> cooperatives = [];
    private readonly List<ImportedMember> members = [];
    private readonly List<ImportedLoan> loans = [];
    private readonly HashSet<string> cooperativeTaxCodes = [];
    private readonly HashSet<string> contracts = [];
    private readonly HashSet<string> incomplete = [];
    private readonly Dictionary<string, List<ImportedScheduleRow>> schedules = [];
    private readonly Dictionary<string, List<ImportedTranche>> tranches = [];
    private readonly Dictionary<string, List<ImportedRepayment>> repayments = [];
    private readonly Dictionary<string, List<ImportedCollateral>> collateral = [];

    public void Add(LoanBookSheet sheet, LoanBookCells cells)
    {
        switch (sheet.Name)
        {
            case T.Coop.Sheet: Cooperative(cells); break;
            case T.Member.Sheet: Member(cells); break;
            case T.Loan.Sheet: Loan(cells); break;
            default: LoanRow(sheet, cells); break;
        }
    }

    private void Cooperative(LoanBookCells c)
    {
        var taxCode = c.TaxCode(T.Coop.TaxCode);
        if (taxCode is not null && !cooperativeTaxCodes.Add(taxCode))
        {
            c.Refuse(T.Coop.TaxCode, LoanBookCodes.DuplicateTaxCode, $"Mã số thuế {taxCode} đã có ở một dòng trước của trang tính.");
            return;
        }
        var row = new ImportedCooperative(c.Row, taxCode!, c.Text(T.Coop.Name)!, c.Choice(T.Coop.Type, T.CooperativeTypes) ?? default,
            c.Text(T.Coop.Province)!, c.Text(T.Coop.District), c.Text(T.Coop.Address)!,
            c.Date(T.Coop.RegistrationDate, LoanBookCells.EarliestRegistration, cutOver) ?? default, c.Text(T.Coop.Representative)!,
            c.Number(T.Coop.MemberCount, 1, 1_000_000) ?? 0, c.Text(T.Coop.Sector)!,
            new PriorityFlags(c.Flag(T.Coop.WomenManaged), c.Flag(T.Coop.EthnicMinorityArea), c.Flag(T.Coop.Ocop), c.Flag(T.Coop.ValueChain),
                c.Flag(T.Coop.HighTech)),
            c.Text(T.Coop.Email), c.Text(T.Coop.Phone));
        if (!c.Failed) cooperatives.Add(row);
    }

    private void Member(LoanBookCells c)
    {
        var taxCode = c.TaxCode(T.Member.CooperativeTaxCode);
        if (taxCode is not null && !cooperativeTaxCodes.Contains(taxCode) && !facts.Cooperatives.ContainsKey(taxCode))
            c.Refuse(T.Member.CooperativeTaxCode, LoanBookCodes.UnknownCooperative,
                $"Không có hợp tác xã mã số thuế {taxCode} trong tệp (trang \"{T.Coop.Sheet}\") hay trong quỹ.");
        var row = new ImportedMember(c.Row, taxCode!, c.Text(T.Member.FullName)!, c.NationalId(T.Member.NationalId),
            c.Choice(T.Member.Kind, T.MembershipKinds) ?? default, c.Flag(T.Member.IsEnterprise), c.TaxCode(T.Member.TaxCode),
            c.Date(T.Member.JoinedOn, LoanBookCells.EarliestRegistration, cutOver) ?? default);
        if (!c.Failed && row.NationalId is null && row.OrganisationTaxCode is null)
            c.Refuse(T.Member.NationalId, LoanBookCodes.Required, "Thành viên cần số CCCD, hoặc mã số thuế nếu là doanh nghiệp.");
        if (!c.Failed) members.Add(row);
    }

    private void Loan(LoanBookCells c)
    {
        var contract = c.Text(T.Loan.Contract);
        if (contract is not null && !contracts.Add(contract))
        {
            c.Refuse(T.Loan.Contract, LoanBookCodes.DuplicateContract, $"Số hợp đồng {contract} đã có ở một dòng trước của trang tính.");
            return;
        }
        if (contract is not null && facts.ContractNumbers.Contains(contract) && !facts.BookedFiles.Contains(sha256))
        {
            c.Refuse(T.Loan.Contract, LoanBookCodes.ContractNumberTaken,
                $"Quỹ đã có khoản vay số hợp đồng {contract} không được nhập từ tệp này.");
            return;
        }
        var borrower = c.TaxCode(T.Loan.BorrowerTaxCode);
        if (borrower is not null && !cooperativeTaxCodes.Contains(borrower) && !facts.Cooperatives.ContainsKey(borrower))
            c.Refuse(T.Loan.BorrowerTaxCode, LoanBookCodes.UnknownBorrower,
                $"Không có hợp tác xã mã số thuế {borrower} trong tệp (trang \"{T.Coop.Sheet}\") hay trong quỹ.");
        var memberId = c.NationalId(T.Loan.MemberNationalId);
        var memberTax = c.TaxCode(T.Loan.MemberTaxCode);
        if (!c.Failed && (memberId ?? memberTax) is { } member && !IsMemberOf(borrower!, memberId, memberTax))
            c.Refuse(memberId is not null ? T.Loan.MemberNationalId : T.Loan.MemberTaxCode, LoanBookCodes.MemberNotOfCooperative,
                $"{member} không phải thành viên của hợp tác xã {borrower} (trang \"{T.Member.Sheet}\" hay trong quỹ).");
        var contractDate = c.Date(T.Loan.ContractDate, LoanBookCells.EarliestRecord, cutOver);
        var amount = c.Amount(T.Loan.Amount);
        var rate = c.Rate(T.Loan.Rate);
        var overdueRate = c.Rate(T.Loan.OverdueRate);
        var method = c.Choice(T.Loan.Method, T.Methods);
        var frequency = c.Choice(T.Loan.Frequency, T.Frequencies);
        var term = c.Number(T.Loan.Term, 1, 360);
        var grace = c.Number(T.Loan.Grace, 0, 359);
        if (term is not null && grace is not null && grace >= term)
            c.Refuse(T.Loan.Grace, LoanBookCodes.GraceNotBelowTerm, $"Ân hạn ({grace} tháng) phải ngắn hơn thời hạn vay ({term} tháng).");
        var start = c.Date(T.Loan.StartDate, LoanBookCells.EarliestRecord, null);
        var opening = c.IsEmpty(T.Loan.OpeningPrincipal) ? null : OpeningBalance(c);
        var purpose = c.Text(T.Loan.Purpose);
        var expectedPrincipal = c.Amount(T.Loan.ExpectedPrincipal, zeroAllowed: true);
        var expectedInterest = c.Amount(T.Loan.ExpectedInterest, zeroAllowed: true);
        var group = DebtGroupOf(c);
        if (c.Failed) return;
        loans.Add(new ImportedLoan(c.Row, contract!, contractDate!.Value, borrower!, memberId, memberTax, purpose!, amount!.Value,
            rate!.Value, overdueRate!.Value, method!.Value, frequency!.Value, term!.Value, grace!.Value, start!.Value, [], [], [], opening, [],
            expectedPrincipal!.Value, expectedInterest!.Value, (DebtGroup)group!.Value));
    }

    private static int? DebtGroupOf(LoanBookCells c)
    {
        var group = c.Number(T.Loan.ExpectedGroup, int.MinValue, int.MaxValue);
        if (group is null or (>= 1 and <= 5)) return group;
        c.Refuse(T.Loan.ExpectedGroup, LoanBookCodes.DebtGroup, $"Nhóm nợ phải từ 1 đến 5, không phải {group}.");
        return null;
    }

    private static ImportedOpeningBalance? OpeningBalance(LoanBookCells c)
    {
        var principal = c.Amount(T.Loan.OpeningPrincipal, zeroAllowed: true);
        var overdue = c.IsEmpty(T.Loan.OpeningOverdue) ? 0 : c.Amount(T.Loan.OpeningOverdue, zeroAllowed: true);
        var interest = c.IsEmpty(T.Loan.OpeningInterest) ? 0 : c.Amount(T.Loan.OpeningInterest, zeroAllowed: true);
        var penalty = c.IsEmpty(T.Loan.OpeningPenalty) ? 0 : c.Amount(T.Loan.OpeningPenalty, zeroAllowed: true);
        var days = c.IsEmpty(T.Loan.OpeningDaysPastDue) ? 0 : c.Number(T.Loan.OpeningDaysPastDue, 0, 36_500);
        if (principal is null || overdue is null || interest is null || penalty is null || days is null) return null;
        if (overdue > principal)
        {
            c.Refuse(T.Loan.OpeningOverdue, LoanBookCodes.OpeningOverdueAboveOutstanding,
                "Gốc quá hạn đầu kỳ không được lớn hơn dư nợ gốc đầu kỳ.");
            return null;
        }
        if (days > 0 != overdue > 0)
        {
            c.Refuse(T.Loan.OpeningDaysPastDue, LoanBookCodes.OpeningDaysPastDue, days > 0
                ? "Có số ngày quá hạn nhưng không có gốc quá hạn đầu kỳ."
                : "Có gốc quá hạn đầu kỳ nhưng số ngày quá hạn là 0.");
            return null;
        }
        return new ImportedOpeningBalance(principal.Value, overdue.Value, interest.Value, penalty.Value, days.Value);
    }

    private bool IsMemberOf(string cooperativeTaxCode, string? nationalId, string? taxCode) =>
        members.Any(m => m.CooperativeTaxCode == cooperativeTaxCode &&
                         (nationalId is not null && m.NationalId == nationalId || taxCode is not null && m.OrganisationTaxCode == taxCode)) ||
        facts.Cooperatives.TryGetValue(cooperativeTaxCode, out var fund) &&
        (nationalId is not null && fund.MemberNationalIds.Contains(nationalId) || taxCode is not null && fund.MemberTaxCodes.Contains(taxCode));

    /// <summary>A schedule row, tranche, repayment or collateral item: its contract must be on the loans sheet.</summary>
    private void LoanRow(LoanBookSheet sheet, LoanBookCells c)
    {
        var header = sheet.Columns[0].Header;
        var contract = c.Text(header);
        if (contract is not null && !contracts.Contains(contract))
        {
            c.Refuse(header, LoanBookCodes.UnknownContract, $"Không có khoản vay số hợp đồng {contract} ở trang \"{T.Loan.Sheet}\".");
            return;
        }
        switch (sheet.Name)
        {
            case T.Schedule.Sheet:
                var number = c.Number(T.Schedule.Number, 1, 600);
                var due = c.Date(T.Schedule.DueDate, LoanBookCells.EarliestRecord, null);
                var principal = c.Amount(T.Schedule.Principal, zeroAllowed: true);
                var interest = c.Amount(T.Schedule.Interest, zeroAllowed: true);
                if (!c.Failed) Of(schedules, contract!).Add(new(c.Row, number!.Value, due!.Value, principal!.Value, interest!.Value));
                break;
            case T.Tranche.Sheet:
                var paidOn = c.Date(T.Tranche.ValueDate, LoanBookCells.EarliestRecord, cutOver);
                var paid = c.Amount(T.Tranche.Amount);
                if (!c.Failed) Of(tranches, contract!).Add(new(c.Row, paidOn!.Value, paid!.Value));
                break;
            case T.Repayment.Sheet:
                var receivedOn = c.Date(T.Repayment.ValueDate, LoanBookCells.EarliestRecord, cutOver);
                var received = c.Amount(T.Repayment.Amount);
                var reference = c.Text(T.Repayment.BankReference);
                if (!c.Failed) Of(repayments, contract!).Add(new(c.Row, receivedOn!.Value, received!.Value, reference));
                break;
            case T.Pledge.Sheet:
                var type = c.Choice(T.Pledge.Type, T.CollateralTypes);
                var description = c.Text(T.Pledge.Description);
                var certificate = c.Text(T.Pledge.Certificate);
                var value = c.Amount(T.Pledge.Value, zeroAllowed: true);
                if (value is <= 0)
                    c.Refuse(T.Pledge.Value, LoanBookCodes.CollateralValue, "Giá trị tài sản bảo đảm phải lớn hơn 0.");
                var valuedOn = c.Date(T.Pledge.ValuedOn, LoanBookCells.EarliestRecord, cutOver);
                if (!c.Failed) Of(collateral, contract!).Add(new(c.Row, type!.Value, description!, certificate, value!.Value, valuedOn!.Value));
                break;
        }
        if (c.Failed && contract is not null) incomplete.Add(contract);
    }

    private static List<TRow> Of<TRow>(Dictionary<string, List<TRow>> rows, string contract) =>
        rows.TryGetValue(contract, out var list) ? list : rows[contract] = [];

    /// <summary>Each loan with its rows (checked unless one of its rows was refused already) and the file.</summary>
    public LoanBookFile Complete(int version)
    {
        var complete = loans.Select(l => l with
        {
            Schedule = schedules.GetValueOrDefault(l.ContractNumber) ?? [],
            Tranches = tranches.GetValueOrDefault(l.ContractNumber) ?? [],
            Repayments = repayments.GetValueOrDefault(l.ContractNumber) ?? [],
            Collateral = collateral.GetValueOrDefault(l.ContractNumber) ?? [],
        }).ToList();
        foreach (var loan in complete.Where(l => !incomplete.Contains(l.ContractNumber)))
            refusals.AddRange(LoanBookChecks.Check(loan));
        return new LoanBookFile(sha256, version, cutOver, cooperatives, members, complete);
    }

    /// <summary>What the file holds and what booking it would create: cooperatives new by tax code, loans already
    /// imported (booked from this very file) and new.</summary>
    public LoanBookSummary Summary(LoanBookFile file)
    {
        var already = facts.BookedFiles.Contains(sha256) ? file.Loans.Count(l => facts.ContractNumbers.Contains(l.ContractNumber)) : 0;
        return new LoanBookSummary(file.Cooperatives.Count, file.Cooperatives.Count(c => !facts.Cooperatives.ContainsKey(c.TaxCode)),
            file.Members.Count, file.Loans.Count, file.Loans.Count - already, already, file.Loans.Sum(l => l.Amount),
            file.Loans.Sum(l => l.ExpectedPrincipalOutstanding), file.Loans.Sum(l => l.ExpectedInterestOwed));
    }
}
