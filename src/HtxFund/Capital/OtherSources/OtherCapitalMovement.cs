using FluentValidation;
using HtxFund.Infrastructure.Http;
using HtxFund.Reference;
using NodaTime;

namespace HtxFund.Capital.OtherSources;

/// <summary>The fields of capital from a source other than the charter capital, received or paid back: it moves the
/// fund's cash (and so what it can lend) but never the charter capital on which the lending limits are computed.</summary>
public interface IOtherCapitalMovement : ICapitalMovement
{
    string? Kind { get; }
}

public static class OtherCapitalMovement
{
    public static OtherCapitalSourceKind? ParsedKind(this IOtherCapitalMovement movement) =>
        EnumText.Parse<OtherCapitalSourceKind>(movement.Kind);
}

/// <summary>The rules a receipt and a repayment of other capital share.</summary>
public abstract class OtherCapitalMovementValidator<T> : CapitalMovementValidator<T> where T : IOtherCapitalMovement
{
    protected OtherCapitalMovementValidator(LocalDate today, string? requiredReason = null) : base(today, requiredReason) =>
        RuleFor(x => x.Kind).Must((x, _) => x.ParsedKind() is not null)
            .Refuse("kind.unknown", "Loại nguồn vốn phải là Grant, EntrustedCapital, Borrowing, DevelopmentInvestmentFund hoặc Other.");
}
