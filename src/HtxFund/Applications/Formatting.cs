using HtxFund.Lending;

namespace HtxFund.Applications;

/// <summary>How people read amounts in messages and history: <c>1.500.000.000 ₫</c>.</summary>
internal static class Formatting
{
    public static string Money(long dong) => Lending.Money.Of(dong).ToDisplayString();
}
