using JasperFx.CodeGeneration.Frames;
using JasperFx.CodeGeneration.Model;
using NodaTime;

namespace HtxFund.Infrastructure.Time;

/// <summary>
/// The business time as values of a Wolverine handler or endpoint: a parameter <c>Instant now</c> is the current
/// instant and <c>LocalDate today</c> the fund's business day (<see cref="BusinessTime"/>), read once by the generated
/// code and passed in, so decisions never read a clock themselves.
/// </summary>
public static class BusinessTimeVariables
{
    public static Instant Now(BusinessTime time) => time.Now;
    public static LocalDate Today(BusinessTime time) => time.Today;
}

internal sealed class BusinessTimeVariableSource : IVariableSource
{
    public bool Matches(Type type) => type == typeof(Instant) || type == typeof(LocalDate);

    public Variable Create(Type type) =>
        new MethodCall(typeof(BusinessTimeVariables), type == typeof(Instant) ? nameof(BusinessTimeVariables.Now) : nameof(BusinessTimeVariables.Today))
            .ReturnVariable!;
}
