using HtxFund.Documents.Letters;
using HtxFund.Lending;
using NodaTime;

namespace HtxFund.Tests.Documents;

internal static class DecisionLetterSamples
{
    public static readonly LocalDate DecisionDate = new(2026, 11, 22);
    public static readonly Instant CreatedAt = Instant.FromUtc(2026, 11, 22, 3, 0);

    public static RepaymentSchedule Schedule(int months = 60) => ScheduleGenerator.Generate(
        LoanTerms.Create(Money.Of(1_500_000_000), 6.5m, new LocalDate(2026, 12, 1), months, principalGraceMonths: 0),
        LendingPolicy.Default);

    public static DecisionLetterData Approval(RepaymentSchedule? schedule = null)
    {
        var s = schedule ?? Schedule();
        return new DecisionLetterData
        {
            Fund = new FundLetterhead("UBND TỈNH ĐẮK LẮK", "Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk",
                ["Địa chỉ: 17 Lê Duẩn, phường Buôn Ma Thuột, tỉnh Đắk Lắk", "Điện thoại: 0262 3 852 000"]),
            DocumentNumber = "15/QĐ-QHTX",
            Place = "Đắk Lắk",
            Date = DecisionDate,
            Kind = DecisionKind.Approval,
            Borrower = new DecisionBorrower("Hợp tác xã Nông nghiệp Ê-đê Buôn Đôn", "Hợp tác xã", "6001234567",
                "Thôn 3, xã Ea Wer, tỉnh Đắk Lắk", "Nguyễn Thị Ngọc Ánh", "Giám đốc"),
            ApplicationReference = "HS-2026-00042",
            ApplicationDate = new LocalDate(2026, 10, 5),
            Approval = new ApprovedLoan(Money.Of(1_500_000_000), 6.5m, 9.75m, 150m, 10m, 60, RepaymentMethod.EqualPrincipal,
                RepaymentFrequency.Monthly, 0, "Đầu tư dây chuyền sơ chế và bảo quản cà phê", "Quyền sử dụng đất và nhà xưởng, giá trị thẩm định 2.100.000.000 ₫",
                DecisionScheduleRow.From(s),
                ["Sử dụng vốn vay đúng mục đích, chịu sự kiểm tra của Quỹ.", "Mua bảo hiểm tài sản bảo đảm trong suốt thời hạn vay."]),
            Recipients = ["Ban điều hành Quỹ;", "Lưu: VT, NVTD."],
            Signer = new DecisionSigner("GIÁM ĐỐC", "Trần Văn Hùng", "Giám đốc Quỹ hỗ trợ phát triển hợp tác xã tỉnh Đắk Lắk"),
            CreatedAt = CreatedAt,
        };
    }

    public static DecisionLetterData Rejection() => Approval() with
    {
        Kind = DecisionKind.Rejection,
        DocumentNumber = "16/TB-QHTX",
        Approval = null,
        RejectionReasons =
        [
            "Vốn chủ sở hữu tham gia dự án thấp hơn 20 % tổng mức đầu tư.",
            "Tổng dư nợ của khách hàng vượt 15 % vốn điều lệ thực có của Quỹ.",
        ],
    };
}
