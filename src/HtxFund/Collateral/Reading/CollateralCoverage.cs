using HtxFund.Infrastructure.Http;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace HtxFund.Collateral.Reading;

/// <summary>An application's coverage at its appraisal: the deductible value of the collateral pledged to it today over
/// the proposed amount, the minimum the policy sets for that amount, and whether the Director exempted it.</summary>
public sealed record CoverageCheck(long Amount, long Deductible, decimal CoveragePercent, decimal? RequiredPercent, bool Exempted)
{
    /// <summary>The refusal of a recommendation to approve below the policy's minimum without an exemption; null otherwise.</summary>
    public ProblemDetails? Refusal() => RequiredPercent is { } required && CoveragePercent < required && !Exempted
        ? Problems.Unprocessable("appraisal.coverage_below_minimum",
            $"Mức độ bảo đảm {CoveragePercent:0.##} % (giá trị khấu trừ {Lending.Money.Of(Deductible).ToDisplayString()}) thấp hơn mức tối thiểu {required:0.##} % " +
            $"của chính sách cho khoản vay {Lending.Money.Of(Amount).ToDisplayString()}: cần thêm tài sản bảo đảm hoặc quyết định miễn tài sản bảo đảm " +
            "của Giám đốc (Nghị định 45/2021 Điều 31.2).",
            new Dictionary<string, object?> { ["coveragePercent"] = CoveragePercent, ["requiredPercent"] = required })
        : null;

    public static async Task<CoverageCheck> OfAsync(IQuerySession session, Guid applicationId, long amount, bool exempted, LocalDate today,
        CollateralSettings settings, CancellationToken ct)
    {
        var items = await DeductibleCollateral.PledgedToAsync(session, [applicationId], ct);
        var deductible = DeductibleCollateral.Of(items, applicationId, today, settings).Deductible;
        var coverage = amount > 0 ? decimal.Round(deductible * 100m / amount, 2, MidpointRounding.ToZero) : 0m;
        return new CoverageCheck(amount, deductible, coverage, settings.RequiredCoveragePercent(amount), exempted);
    }
}
