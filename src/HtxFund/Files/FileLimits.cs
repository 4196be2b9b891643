using System.Globalization;

namespace HtxFund.Files;

/// <summary>How large an attached file may be (configuration <c>HtxFund:Files:MaxBytes</c>, default 10 MiB).
/// The multipart limit of the HTTP layer (20 MiB, <c>HttpSetup</c>) must stay above it for the refusal to be ours.</summary>
public sealed record FileLimits(long MaxBytes)
{
    public const string MaxBytesKey = "HtxFund:Files:MaxBytes";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public static readonly FileLimits Default = new(DefaultMaxBytes);

    public static FileLimits From(IConfiguration configuration)
    {
        var max = configuration.GetValue<long?>(MaxBytesKey) ?? DefaultMaxBytes;
        if (max <= 0 || max > Array.MaxLength)
        {
            throw new InvalidOperationException($"{MaxBytesKey} must be between 1 and {Array.MaxLength} bytes, not {max}.");
        }
        return new FileLimits(max);
    }

    /// <summary>The limit as people read it: "10 MB", "512 KB" or "1.500 byte".</summary>
    public string MaxBytesWording => Wording(MaxBytes);

    public static string Wording(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{Group(bytes / (1024 * 1024))} MB",
        >= 1024 when bytes % 1024 == 0 => $"{Group(bytes / 1024)} KB",
        _ => $"{Group(bytes)} byte",
    };

    // Vietnamese digit grouping with '.', independent of the machine's culture data.
    private static string Group(long n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');
}
