using HtxFund.Cooperatives;
using HtxFund.Lending;

namespace HtxFund.Migration.Template;

public enum LoanBookColumnKind { Text, Date, Amount, Rate, Number, Choice }

/// <summary>A column of a template sheet: its Vietnamese header (what the reader looks for in row 1), its kind, whether a
/// value is required, the longest text it takes and, for a choice, the words the data validation list offers.</summary>
public sealed record LoanBookColumn(string Header, LoanBookColumnKind Kind, bool Required, int MaxLength = 200,
    IReadOnlyList<string>? Choices = null)
{
    public string[] ChoiceList => [.. Choices ?? []];
}

/// <summary>A data sheet of the template: its name and columns (in template order).</summary>
public sealed record LoanBookSheet(string Name, IReadOnlyList<LoanBookColumn> Columns)
{
    public LoanBookColumn this[string header] => Columns.Single(c => c.Header == header);
}

/// <summary>
/// The loan book template, ONE home for the sheet names, the column headers, the choice words and the template version,
/// read by the generator (<see cref="LoanBookTemplateWriter"/>) and the reader alike. A workbook of another
/// <see cref="Version"/> is refused as a whole.
/// </summary>
public static class LoanBookTemplate
{
    public const int Version = 1;

    public const string Instructions = "Hướng dẫn";
    /// <summary>On the instructions sheet: the template version (B3) and the cut-over date (B4).</summary>
    public const string VersionCell = "B3", CutOverCell = "B4";
    public const string VersionLabel = "Phiên bản mẫu", CutOverLabel = "Ngày chuyển đổi (dd/mm/yyyy)";

    /// <summary>The last column of every data sheet: free text the reader ignores, except that a row whose note is
    /// <see cref="ExampleMarker"/> is the template's example row and is skipped.</summary>
    public const string Note = "Ghi chú";
    public const string ExampleMarker = "DÒNG MẪU - không nhập";

    public const string Yes = "Có", No = "Không";

    public static class Coop
    {
        public const string Sheet = "Hợp tác xã";
        public const string TaxCode = "Mã số thuế", Name = "Tên hợp tác xã", Type = "Loại hình", Province = "Tỉnh/thành phố",
            District = "Quận/huyện", Address = "Địa chỉ", RegistrationDate = "Ngày đăng ký", Representative = "Người đại diện theo pháp luật",
            MemberCount = "Số thành viên", Sector = "Ngành nghề chính", WomenManaged = "Phụ nữ quản lý",
            EthnicMinorityArea = "Vùng dân tộc thiểu số", Ocop = "Sản phẩm OCOP", ValueChain = "Chuỗi giá trị nông nghiệp",
            HighTech = "Công nghệ cao", Email = "Email", Phone = "Điện thoại";
    }

    public static class Member
    {
        public const string Sheet = "Thành viên";
        public const string CooperativeTaxCode = "Mã số thuế HTX", FullName = "Họ tên", NationalId = "Số CCCD", Kind = "Loại thành viên",
            IsEnterprise = "Là doanh nghiệp", TaxCode = "Mã số thuế thành viên", JoinedOn = "Ngày tham gia";
    }

    public static class Loan
    {
        public const string Sheet = "Khoản vay";
        public const string Contract = "Số hợp đồng", ContractDate = "Ngày hợp đồng", BorrowerTaxCode = "Mã số thuế bên vay",
            MemberNationalId = "CCCD thành viên vay", MemberTaxCode = "MST thành viên vay", Purpose = "Mục đích vay",
            Amount = "Số tiền vay", Rate = "Lãi suất (%/năm)", OverdueRate = "Lãi suất quá hạn (%/năm)", Method = "Phương thức trả nợ",
            Frequency = "Kỳ trả nợ", Term = "Thời hạn (tháng)", Grace = "Ân hạn (tháng)", StartDate = "Ngày bắt đầu tính lãi",
            OpeningPrincipal = "Dư nợ gốc đầu kỳ", OpeningOverdue = "Gốc quá hạn đầu kỳ", OpeningInterest = "Lãi phải thu đầu kỳ",
            OpeningPenalty = "Lãi phạt đầu kỳ", OpeningDaysPastDue = "Số ngày quá hạn đầu kỳ",
            ExpectedPrincipal = "Dư nợ gốc tại ngày chuyển đổi", ExpectedInterest = "Lãi phải thu tại ngày chuyển đổi",
            ExpectedGroup = "Nhóm nợ tại ngày chuyển đổi";
    }

    public static class Schedule
    {
        public const string Sheet = "Lịch trả nợ";
        public const string Contract = "Số hợp đồng", Number = "Kỳ", DueDate = "Ngày đến hạn", Principal = "Gốc", Interest = "Lãi";
    }

    public static class Tranche
    {
        public const string Sheet = "Giải ngân";
        public const string Contract = "Số hợp đồng", ValueDate = "Ngày giải ngân", Amount = "Số tiền giải ngân";
    }

    public static class Repayment
    {
        public const string Sheet = "Thu nợ";
        public const string Contract = "Số hợp đồng", ValueDate = "Ngày thu", Amount = "Số tiền thu", BankReference = "Số chứng từ";
    }

    public static class Pledge
    {
        public const string Sheet = "Tài sản bảo đảm";
        public const string Contract = "Số hợp đồng", Type = "Loại tài sản", Description = "Mô tả", Certificate = "Số giấy chứng nhận",
            Value = "Giá trị thị trường", ValuedOn = "Ngày định giá";
    }

    // ---- The words of the choice lists (short, without commas: an inline data validation list is comma separated). ----

    public static readonly IReadOnlyDictionary<string, CooperativeType> CooperativeTypes = new Dictionary<string, CooperativeType>
    {
        ["Tổ hợp tác"] = CooperativeType.ToHopTac, ["Hợp tác xã"] = CooperativeType.HopTacXa,
        ["Liên hiệp hợp tác xã"] = CooperativeType.LienHiepHopTacXa,
    };

    public static readonly IReadOnlyDictionary<string, MembershipKind> MembershipKinds = new Dictionary<string, MembershipKind>
    {
        ["Chính thức"] = MembershipKind.Official, ["Liên kết"] = MembershipKind.Associate,
    };

    public static readonly IReadOnlyDictionary<string, RepaymentMethod> Methods = new Dictionary<string, RepaymentMethod>
    {
        ["Gốc đều"] = RepaymentMethod.EqualPrincipal, ["Trả góp đều"] = RepaymentMethod.Annuity,
        ["Gốc cuối kỳ"] = RepaymentMethod.Bullet, ["Theo lịch riêng"] = RepaymentMethod.Custom,
    };

    public static readonly IReadOnlyDictionary<string, RepaymentFrequency> Frequencies = new Dictionary<string, RepaymentFrequency>
    {
        ["Hằng tháng"] = RepaymentFrequency.Monthly, ["Hằng quý"] = RepaymentFrequency.Quarterly,
        ["6 tháng"] = RepaymentFrequency.SemiAnnual, ["Một lần khi đến hạn"] = RepaymentFrequency.AtMaturity,
    };

    public static readonly IReadOnlyDictionary<string, global::HtxFund.Collateral.CollateralType> CollateralTypes =
        new Dictionary<string, global::HtxFund.Collateral.CollateralType>
        {
            ["Quyền sử dụng đất"] = global::HtxFund.Collateral.CollateralType.LandUseRight, ["Nhà ở - công trình"] = global::HtxFund.Collateral.CollateralType.House,
            ["Phương tiện vận tải"] = global::HtxFund.Collateral.CollateralType.Vehicle, ["Máy móc thiết bị"] = global::HtxFund.Collateral.CollateralType.Machinery,
            ["Hàng tồn kho"] = global::HtxFund.Collateral.CollateralType.GoodsInStock, ["Tiền gửi"] = global::HtxFund.Collateral.CollateralType.Deposit,
            ["Bảo lãnh bên thứ ba"] = global::HtxFund.Collateral.CollateralType.ThirdPartyGuarantee,
            ["Bảo lãnh của HTX"] = global::HtxFund.Collateral.CollateralType.CooperativeGuarantee,
        };

    public static readonly IReadOnlyList<string> YesNo = [Yes, No];
    public static readonly IReadOnlyList<string> DebtGroups = ["1", "2", "3", "4", "5"];

    /// <summary>The word of a choice list for a value (what the template writer puts in a cell).</summary>
    public static string WordOf<T>(IReadOnlyDictionary<string, T> words, T value) where T : struct, Enum =>
        words.First(w => EqualityComparer<T>.Default.Equals(w.Value, value)).Key;

    private static LoanBookColumn Text(string h, bool required = true, int max = 200) => new(h, LoanBookColumnKind.Text, required, max);
    private static LoanBookColumn Date(string h, bool required = true) => new(h, LoanBookColumnKind.Date, required);
    private static LoanBookColumn Money(string h, bool required = true) => new(h, LoanBookColumnKind.Amount, required);
    private static LoanBookColumn Number(string h, bool required = true) => new(h, LoanBookColumnKind.Number, required);
    private static LoanBookColumn Choice(string h, IEnumerable<string> words, bool required = true) =>
        new(h, LoanBookColumnKind.Choice, required, Choices: [.. words]);
    private static LoanBookColumn Flag(string h) => Choice(h, YesNo, required: false);
    private static LoanBookColumn NoteColumn => Text(Note, required: false, max: 500);

    public static readonly LoanBookSheet Cooperatives = new(Coop.Sheet,
    [
        Text(Coop.TaxCode, max: 14), Text(Coop.Name), Choice(Coop.Type, CooperativeTypes.Keys), Text(Coop.Province),
        Text(Coop.District, required: false), Text(Coop.Address, max: 500), Date(Coop.RegistrationDate), Text(Coop.Representative),
        Number(Coop.MemberCount), Text(Coop.Sector), Flag(Coop.WomenManaged), Flag(Coop.EthnicMinorityArea), Flag(Coop.Ocop),
        Flag(Coop.ValueChain), Flag(Coop.HighTech), Text(Coop.Email, required: false, max: 254), Text(Coop.Phone, required: false, max: 20),
        NoteColumn,
    ]);

    public static readonly LoanBookSheet Members = new(Member.Sheet,
    [
        Text(Member.CooperativeTaxCode, max: 14), Text(Member.FullName), Text(Member.NationalId, required: false, max: 12),
        Choice(Member.Kind, MembershipKinds.Keys), Flag(Member.IsEnterprise), Text(Member.TaxCode, required: false, max: 14),
        Date(Member.JoinedOn), NoteColumn,
    ]);

    public static readonly LoanBookSheet Loans = new(Loan.Sheet,
    [
        Text(Loan.Contract, max: 100), Date(Loan.ContractDate), Text(Loan.BorrowerTaxCode, max: 14),
        Text(Loan.MemberNationalId, required: false, max: 12), Text(Loan.MemberTaxCode, required: false, max: 14),
        Text(Loan.Purpose, max: 500), Money(Loan.Amount), new(Loan.Rate, LoanBookColumnKind.Rate, true),
        new(Loan.OverdueRate, LoanBookColumnKind.Rate, true), Choice(Loan.Method, Methods.Keys), Choice(Loan.Frequency, Frequencies.Keys),
        Number(Loan.Term), Number(Loan.Grace), Date(Loan.StartDate),
        Money(Loan.OpeningPrincipal, false), Money(Loan.OpeningOverdue, false), Money(Loan.OpeningInterest, false),
        Money(Loan.OpeningPenalty, false), Number(Loan.OpeningDaysPastDue, false),
        Money(Loan.ExpectedPrincipal), Money(Loan.ExpectedInterest), Choice(Loan.ExpectedGroup, DebtGroups), NoteColumn,
    ]);

    public static readonly LoanBookSheet ScheduleRows = new(Schedule.Sheet,
    [
        Text(Schedule.Contract, max: 100), Number(Schedule.Number), Date(Schedule.DueDate), Money(Schedule.Principal),
        Money(Schedule.Interest), NoteColumn,
    ]);

    public static readonly LoanBookSheet Tranches = new(Tranche.Sheet,
        [Text(Tranche.Contract, max: 100), Date(Tranche.ValueDate), Money(Tranche.Amount), NoteColumn]);

    public static readonly LoanBookSheet Repayments = new(Repayment.Sheet,
    [
        Text(Repayment.Contract, max: 100), Date(Repayment.ValueDate), Money(Repayment.Amount),
        Text(Repayment.BankReference, required: false, max: 100), NoteColumn,
    ]);

    public static readonly LoanBookSheet Collateral = new(Pledge.Sheet,
    [
        Text(Pledge.Contract, max: 100), Choice(Pledge.Type, CollateralTypes.Keys), Text(Pledge.Description, max: 500),
        Text(Pledge.Certificate, required: false, max: 100), Money(Pledge.Value), Date(Pledge.ValuedOn), NoteColumn,
    ]);

    /// <summary>The data sheets, in workbook order after the instructions sheet.</summary>
    public static readonly IReadOnlyList<LoanBookSheet> Sheets = [Cooperatives, Members, Loans, ScheduleRows, Tranches, Repayments, Collateral];

    /// <summary>The column letters of a 0-based column index (0 → A, 26 → AA).</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
