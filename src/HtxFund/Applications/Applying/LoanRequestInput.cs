using FluentValidation;
using HtxFund.Cooperatives;
using HtxFund.Infrastructure.Http;
using HtxFund.Lending;
using HtxFund.Reference;

namespace HtxFund.Applications.Applying;

public sealed record CollateralInput(string? Type, string? Description, long? AppraisedValue);

public static class LoanRequestRules
{
    /// <summary>A command's loan request: required, then each field's rules (errors keyed by the field's path,
    /// <c>request.purpose</c>, <c>request.collateral[0].appraisedValue</c>).</summary>
    public static void LoanRequest<T>(this IRuleBuilderInitial<T, LoanRequestInput?> rule) =>
        rule.NotNull().Refuse("request.required", "Vui lòng nhập nội dung đề nghị vay.")
            .SetValidator(new LoanRequestInput.Validator()!);
}

/// <summary>The loan request as a cooperative types it (draft and edit share it). Enumerations arrive as text so that an
/// unknown value is a field error, not an unreadable body.</summary>
public sealed record LoanRequestInput(
    string? Purpose,
    string? Sector,
    long? TotalInvestment,
    long? OwnEquity,
    long? Amount,
    int? TermMonths,
    string? Method,
    string? Frequency,
    int? GraceMonths,
    IReadOnlyList<CollateralInput>? Collateral,
    bool? UnsecuredRequested,
    PriorityFlags? Priority)
{
    public const long MaxMoney = Capital.FundCapital.MaxAmount; // 10^15 đồng: far above any fund's capital

    public static RepaymentMethod? ParseMethod(string? s) =>
        EnumText.Parse<RepaymentMethod>(s) is { } m && m != RepaymentMethod.Custom ? m : null;

    public static RepaymentFrequency? ParseFrequency(string? s) =>
        EnumText.Parse<RepaymentFrequency>(s);

    private static CollateralType? ParseCollateral(string? s) =>
        EnumText.Parse<CollateralType>(s);

    public LoanRequest ToRequest() => new(
        VietnameseText.Normalize(Purpose), VietnameseText.Normalize(Sector), TotalInvestment!.Value, OwnEquity!.Value, Amount!.Value,
        TermMonths!.Value, ParseMethod(Method)!.Value, ParseFrequency(Frequency)!.Value, GraceMonths ?? 0,
        (Collateral ?? []).Select(c => new Collateral(ParseCollateral(c.Type)!.Value, VietnameseText.Normalize(c.Description), c.AppraisedValue!.Value)).ToArray(),
        UnsecuredRequested ?? false, Priority ?? PriorityFlags.None);

    public sealed class Validator : AbstractValidator<LoanRequestInput>
    {
        public Validator()
        {
            RuleFor(x => x.Purpose).RequiredText("purpose", "mục đích vay vốn", TextLimits.Description);
            RuleFor(x => x.Sector).RequiredText("sector", "ngành, lĩnh vực", TextLimits.Name);
            RuleFor(x => x.TotalInvestment).NotNull().Refuse("total_investment.required", "Vui lòng nhập tổng mức đầu tư của dự án/phương án.");
            RuleFor(x => x.TotalInvestment).PositiveDong("total_investment", "Tổng mức đầu tư phải lớn hơn 0 và không quá 10^15 đồng.");
            RuleFor(x => x.OwnEquity).NotNull().Refuse("own_equity.required", "Vui lòng nhập vốn tự có tham gia dự án/phương án.");
            // Decree 45/2021 Art 22.5: own equity at least the policy's share of the project (checked at submission against
            // the policy in force); 0 can never be.
            RuleFor(x => x.OwnEquity).PositiveDong("own_equity",
                "Vốn tự có tham gia dự án/phương án phải lớn hơn 0 đồng (tối thiểu theo tỷ lệ trên tổng mức đầu tư do chính sách cho vay của quỹ quy định, Nghị định 45/2021 Điều 22.5).");
            RuleFor(x => x.OwnEquity).Must((x, equity) => equity <= x.TotalInvestment)
                .When(x => x.OwnEquity is not null && x.TotalInvestment is not null)
                .Refuse("own_equity.above_investment", "Vốn tự có không được lớn hơn tổng mức đầu tư.");
            RuleFor(x => x.Amount).NotNull().Refuse("amount.required", "Vui lòng nhập số tiền đề nghị vay.");
            RuleFor(x => x.Amount).PositiveDong("amount", "Số tiền vay phải lớn hơn 0 và không quá 10^15 đồng.");
            RuleFor(x => x.Amount).Must((x, amount) => amount <= x.TotalInvestment - x.OwnEquity)
                .When(x => x.Amount is not null && x.OwnEquity is not null && x.TotalInvestment is not null && x.OwnEquity <= x.TotalInvestment)
                .Refuse("amount.above_financing_need", "Số tiền vay không được vượt quá phần vốn còn thiếu (tổng mức đầu tư trừ vốn tự có).");
            RuleFor(x => x.TermMonths).NotNull().Refuse("term_months.required", "Vui lòng nhập thời hạn vay (tháng).");
            RuleFor(x => x.TermMonths).InclusiveBetween(1, 360).When(x => x.TermMonths is not null)
                .Refuse("term_months.out_of_range", "Thời hạn vay phải từ 1 đến 360 tháng.");
            RuleFor(x => x.Method).Must(m => ParseMethod(m) is not null)
                .Refuse("method.unknown", "Phương thức trả nợ phải là EqualPrincipal (gốc đều), Annuity (niên kim) hoặc Bullet (gốc cuối kỳ).");
            RuleFor(x => x.Frequency).Must(f => ParseFrequency(f) is not null)
                .Refuse("frequency.unknown", "Kỳ hạn trả nợ phải là Monthly, Quarterly, SemiAnnual hoặc AtMaturity.");
            RuleFor(x => x.GraceMonths).Must((x, grace) => grace is null || (grace >= 0 && (x.TermMonths is null || grace < x.TermMonths)))
                .Refuse("grace_months.out_of_range", "Thời gian ân hạn gốc phải từ 0 và ngắn hơn thời hạn vay.");
            RuleFor(x => x.Collateral).Must((x, c) => (c is { Count: > 0 }) != (x.UnsecuredRequested == true))
                .Refuse("collateral.required", "Vui lòng khai báo tài sản bảo đảm, hoặc đề nghị vay không có tài sản bảo đảm (không chọn cả hai).");
            RuleFor(x => x.Collateral).Must(c => c is null || c.Count <= 20)
                .Refuse("collateral.too_many", "Tối đa 20 tài sản bảo đảm.");
            RuleForEach(x => x.Collateral).ChildRules(c =>
            {
                c.RuleFor(x => x.Type).Must(t => ParseCollateral(t) is not null)
                    .Refuse("collateral.type_unknown", "Loại tài sản bảo đảm không hợp lệ.");
                c.RuleFor(x => x.Description).RequiredText("collateral.description", "mô tả tài sản bảo đảm", TextLimits.Description);
                c.RuleFor(x => x.AppraisedValue).NotNull().Refuse("collateral.value_required", "Vui lòng nhập giá trị tài sản bảo đảm.");
                c.RuleFor(x => x.AppraisedValue).Must(v => v is null || (v >= 1 && v <= MaxMoney))
                    .Refuse("collateral.value_out_of_range", "Giá trị tài sản bảo đảm đã khai báo phải lớn hơn 0 và không quá 10^15 đồng.");
            });
        }
    }
}
