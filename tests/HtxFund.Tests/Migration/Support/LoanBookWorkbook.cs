using DocumentFormat.OpenXml.Packaging;
using HtxFund.Migration;
using HtxFund.Migration.Template;
using NodaTime;
using T = HtxFund.Migration.Template.LoanBookTemplate;

namespace HtxFund.Tests.Migration.Support;

/// <summary>A sheet's data rows as cells by header (any value the template writer takes: string, long, int, decimal,
/// LocalDate, or a raw text/number to make a broken cell).</summary>
public sealed class LoanBookRows : Dictionary<string, List<Dictionary<string, object?>>>
{
    public LoanBookRows()
    {
        foreach (var sheet in T.Sheets) this[sheet.Name] = [];
    }

    /// <summary>Adds a row and answers its workbook row number (row 1 is the header, row 2 the example).</summary>
    public int Add(string sheet, Dictionary<string, object?> row)
    {
        this[sheet].Add(row);
        return this[sheet].Count + LoanBookWorkbook.FirstDataRow - 1;
    }
}

/// <summary>
/// Test support (for the reader's, the booking's and the integrator's tests): writes a filled loan book template from a
/// <see cref="LoanBookFile"/> model with the app's own template writer, so tests upload real workbooks; and lets a test
/// break a workbook (a formula, merged cells, a hidden sheet or row) after writing it.
/// </summary>
public static class LoanBookWorkbook
{
    /// <summary>The workbook row of the first data row: after the header (1) and the example row (2).</summary>
    public const int FirstDataRow = 3;

    public static byte[] Write(LoanBookFile model) => Write(RowsOf(model), model.CutOver);

    public static byte[] Write(LoanBookRows rows, LocalDate? cutOver, int version = T.Version, Action<SpreadsheetDocument>? tamper = null)
    {
        var values = T.Sheets.ToDictionary(s => s.Name, s => (IReadOnlyList<object?[]>)rows[s.Name]
            .Select(r => s.Columns.Select(c => r.GetValueOrDefault(c.Header)).ToArray()).ToList());
        var bytes = LoanBookTemplateWriter.Write(cutOver, values, version);
        return tamper is null ? bytes : Tamper(bytes, tamper);
    }

    /// <summary>Opens the written workbook for editing and answers the edited bytes.</summary>
    public static byte[] Tamper(byte[] workbook, Action<SpreadsheetDocument> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true)) edit(document);
        return stream.ToArray();
    }

    public static LoanBookRows RowsOf(LoanBookFile model)
    {
        var rows = new LoanBookRows();
        foreach (var c in model.Cooperatives) rows.Add(T.Coop.Sheet, Cooperative(c));
        foreach (var m in model.Members) rows.Add(T.Member.Sheet, Member(m));
        foreach (var l in model.Loans)
        {
            rows.Add(T.Loan.Sheet, Loan(l));
            foreach (var s in l.Schedule) rows.Add(T.Schedule.Sheet, Schedule(l.ContractNumber, s));
            foreach (var t in l.Tranches) rows.Add(T.Tranche.Sheet, Tranche(l.ContractNumber, t.ValueDate, t.Amount));
            foreach (var r in l.Repayments) rows.Add(T.Repayment.Sheet, Repayment(l.ContractNumber, r.ValueDate, r.Amount, r.BankReference));
            foreach (var c in l.Collateral) rows.Add(T.Pledge.Sheet, Collateral(l.ContractNumber, c));
        }
        return rows;
    }

    private static string YesNo(bool value) => value ? T.Yes : T.No;

    public static Dictionary<string, object?> Cooperative(ImportedCooperative c) => new()
    {
        [T.Coop.TaxCode] = c.TaxCode, [T.Coop.Name] = c.Name, [T.Coop.Type] = T.WordOf(T.CooperativeTypes, c.Type),
        [T.Coop.Province] = c.Province, [T.Coop.District] = c.District, [T.Coop.Address] = c.Address,
        [T.Coop.RegistrationDate] = c.RegistrationDate, [T.Coop.Representative] = c.LegalRepresentative, [T.Coop.MemberCount] = c.MemberCount,
        [T.Coop.Sector] = c.MainSector, [T.Coop.WomenManaged] = YesNo(c.Priority.WomenManaged),
        [T.Coop.EthnicMinorityArea] = YesNo(c.Priority.EthnicMinorityArea), [T.Coop.Ocop] = YesNo(c.Priority.OcopProduct),
        [T.Coop.ValueChain] = YesNo(c.Priority.AgriculturalValueChain), [T.Coop.HighTech] = YesNo(c.Priority.HighTech),
        [T.Coop.Email] = c.ContactEmail, [T.Coop.Phone] = c.Phone,
    };

    public static Dictionary<string, object?> Member(ImportedMember m) => new()
    {
        [T.Member.CooperativeTaxCode] = m.CooperativeTaxCode, [T.Member.FullName] = m.FullName, [T.Member.NationalId] = m.NationalId,
        [T.Member.Kind] = T.WordOf(T.MembershipKinds, m.Membership), [T.Member.IsEnterprise] = YesNo(m.IsEnterprise),
        [T.Member.TaxCode] = m.OrganisationTaxCode, [T.Member.JoinedOn] = m.JoinedOn,
    };

    public static Dictionary<string, object?> Loan(ImportedLoan l) => new()
    {
        [T.Loan.Contract] = l.ContractNumber, [T.Loan.ContractDate] = l.ContractDate, [T.Loan.BorrowerTaxCode] = l.BorrowerTaxCode,
        [T.Loan.MemberNationalId] = l.MemberNationalId, [T.Loan.MemberTaxCode] = l.MemberTaxCode, [T.Loan.Purpose] = l.Purpose,
        [T.Loan.Amount] = l.Amount, [T.Loan.Rate] = l.AnnualRatePercent, [T.Loan.OverdueRate] = l.OverdueRatePercent,
        [T.Loan.Method] = T.WordOf(T.Methods, l.Method), [T.Loan.Frequency] = T.WordOf(T.Frequencies, l.Frequency),
        [T.Loan.Term] = l.TermMonths, [T.Loan.Grace] = l.GraceMonths, [T.Loan.StartDate] = l.StartDate,
        [T.Loan.OpeningPrincipal] = l.OpeningBalance?.PrincipalOutstanding, [T.Loan.OpeningOverdue] = l.OpeningBalance?.OverduePrincipal,
        [T.Loan.OpeningInterest] = l.OpeningBalance?.InterestOwed, [T.Loan.OpeningPenalty] = l.OpeningBalance?.PenaltyOwed,
        [T.Loan.OpeningDaysPastDue] = l.OpeningBalance?.DaysPastDue,
        [T.Loan.ExpectedPrincipal] = l.ExpectedPrincipalOutstanding, [T.Loan.ExpectedInterest] = l.ExpectedInterestOwed,
        [T.Loan.ExpectedGroup] = (int)l.ExpectedDebtGroup,
    };

    public static Dictionary<string, object?> Schedule(string contract, ImportedScheduleRow s) => new()
    {
        [T.Schedule.Contract] = contract, [T.Schedule.Number] = s.Number, [T.Schedule.DueDate] = s.DueDate,
        [T.Schedule.Principal] = s.Principal, [T.Schedule.Interest] = s.Interest,
    };

    public static Dictionary<string, object?> Tranche(string contract, object? valueDate, object? amount) => new()
    {
        [T.Tranche.Contract] = contract, [T.Tranche.ValueDate] = valueDate, [T.Tranche.Amount] = amount,
    };

    public static Dictionary<string, object?> Repayment(string contract, object? valueDate, object? amount, string? reference = null) => new()
    {
        [T.Repayment.Contract] = contract, [T.Repayment.ValueDate] = valueDate, [T.Repayment.Amount] = amount,
        [T.Repayment.BankReference] = reference,
    };

    public static Dictionary<string, object?> Collateral(string contract, ImportedCollateral c) => new()
    {
        [T.Pledge.Contract] = contract, [T.Pledge.Type] = T.WordOf(T.CollateralTypes, c.Type), [T.Pledge.Description] = c.Description,
        [T.Pledge.Certificate] = c.OwnershipCertificate, [T.Pledge.Value] = c.MarketValue, [T.Pledge.ValuedOn] = c.ValuedOn,
    };
}
