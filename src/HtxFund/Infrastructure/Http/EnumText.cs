namespace HtxFund.Infrastructure.Http;

/// <summary>Reads an enumeration value a client sent as text, so an unknown value is a field refusal rather than an
/// unreadable body.</summary>
public static class EnumText
{
    /// <summary>The value whose declared name is exactly <paramref name="text"/> (case-insensitive), or null. Numbers
    /// ("3") and comma-joined names ("A,B", which <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> would
    /// combine into another value) are refused.</summary>
    public static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase)) is { } match
            ? Enum.Parse<T>(match)
            : null;
}
