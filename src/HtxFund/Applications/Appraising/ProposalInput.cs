using FluentValidation;
using HtxFund.Applications.Applying;
using HtxFund.Infrastructure.Http;
using NodaTime;

namespace HtxFund.Applications.Appraising;

/// <summary>Terms proposed by the credit officer (or set by the decider).</summary>
public sealed record ProposalInput(long? Amount, decimal? AnnualRatePercent, int? TermMonths, string? Method, string? Frequency,
    int? GraceMonths, LocalDate? StartDate)
{
    public LoanProposal ToProposal(LocalDate today) => new(Amount!.Value, AnnualRatePercent!.Value, TermMonths!.Value,
        LoanRequestInput.ParseMethod(Method)!.Value, LoanRequestInput.ParseFrequency(Frequency)!.Value, GraceMonths ?? 0, StartDate ?? today);

    /// <summary>The terms' rules; <paramref name="today"/> bounds the start date (<see cref="Validation.LoanStartDate{T}"/>).</summary>
    public sealed class Validator : AbstractValidator<ProposalInput>
    {
        public Validator(LocalDate today)
        {
            RuleFor(x => x.Amount).NotNull().Refuse("proposal.amount_required", "Vui lòng nhập số tiền đề xuất cho vay.");
            RuleFor(x => x.Amount).InclusiveBetween(1, LoanRequestInput.MaxMoney).When(x => x.Amount is not null)
                .Refuse("proposal.amount_out_of_range", "Số tiền cho vay phải lớn hơn 0 và không quá 10^15 đồng.");
            RuleFor(x => x.AnnualRatePercent).NotNull().Refuse("proposal.rate_required", "Vui lòng nhập lãi suất (%/năm).");
            RuleFor(x => x.AnnualRatePercent).InclusiveBetween(0m, 100m).When(x => x.AnnualRatePercent is not null)
                .Refuse("proposal.rate_out_of_range", "Lãi suất phải từ 0 đến 100 %/năm.");
            RuleFor(x => x.TermMonths).NotNull().Refuse("proposal.term_required", "Vui lòng nhập thời hạn cho vay (tháng).");
            RuleFor(x => x.TermMonths).InclusiveBetween(1, 360).When(x => x.TermMonths is not null)
                .Refuse("proposal.term_out_of_range", "Thời hạn cho vay phải từ 1 đến 360 tháng.");
            RuleFor(x => x.Method).Must(m => LoanRequestInput.ParseMethod(m) is not null)
                .Refuse("proposal.method_unknown", "Phương thức trả nợ phải là EqualPrincipal, Annuity hoặc Bullet.");
            RuleFor(x => x.Frequency).Must(f => LoanRequestInput.ParseFrequency(f) is not null)
                .Refuse("proposal.frequency_unknown", "Kỳ hạn trả nợ phải là Monthly, Quarterly, SemiAnnual hoặc AtMaturity.");
            RuleFor(x => x.GraceMonths).InclusiveBetween(0, 359).When(x => x.GraceMonths is not null)
                .Refuse("proposal.grace_out_of_range", "Thời gian ân hạn gốc không hợp lệ.");
            RuleFor(x => x.StartDate).LoanStartDate("proposal.start_date", "ngày bắt đầu cho vay", today);
        }
    }
}
