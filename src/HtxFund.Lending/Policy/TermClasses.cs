namespace HtxFund.Lending;

/// <summary>Short-, medium- or long-term loan.</summary>
public enum TermClass
{
    Short,
    Medium,
    Long,
}

/// <summary>
/// Term-class thresholds and processing-time targets.
/// Defaults: short ≤ 12 months, medium ≤ 60 months, long beyond (common Vietnamese classes, DOMAIN.md §1.4; origin
/// unconfirmed); processing targets after a complete file of 5 / 10 / 15 working days (the central fund's published
/// targets, DOMAIN.md §5).
/// </summary>
public sealed record TermClasses
{
    public TermClasses(int shortMaxMonths, int mediumMaxMonths, int shortTargetWorkingDays, int mediumTargetWorkingDays, int longTargetWorkingDays)
    {
        if (shortMaxMonths < 1 || mediumMaxMonths <= shortMaxMonths)
            throw new ArgumentException($"Term classes need 1 ≤ short maximum < medium maximum, got {shortMaxMonths} and {mediumMaxMonths} months.");
        if (shortTargetWorkingDays < 1 || mediumTargetWorkingDays < 1 || longTargetWorkingDays < 1)
            throw new ArgumentException("Processing-time targets must be at least one working day.");
        ShortMaxMonths = shortMaxMonths;
        MediumMaxMonths = mediumMaxMonths;
        ShortTargetWorkingDays = shortTargetWorkingDays;
        MediumTargetWorkingDays = mediumTargetWorkingDays;
        LongTargetWorkingDays = longTargetWorkingDays;
    }

    public static TermClasses Default { get; } = new(12, 60, 5, 10, 15);

    public int ShortMaxMonths { get; }
    public int MediumMaxMonths { get; }
    public int ShortTargetWorkingDays { get; }
    public int MediumTargetWorkingDays { get; }
    public int LongTargetWorkingDays { get; }

    public TermClass Classify(int termMonths)
    {
        if (termMonths < 1)
            throw new ArgumentException($"A loan term must be at least one month, not {termMonths}.", nameof(termMonths));
        return termMonths <= ShortMaxMonths ? TermClass.Short
            : termMonths <= MediumMaxMonths ? TermClass.Medium
            : TermClass.Long;
    }

    /// <summary>Working days allowed between a complete application file and the lending decision.</summary>
    public int ProcessingTargetWorkingDays(TermClass termClass) => termClass switch
    {
        TermClass.Short => ShortTargetWorkingDays,
        TermClass.Medium => MediumTargetWorkingDays,
        TermClass.Long => LongTargetWorkingDays,
        _ => throw new ArgumentOutOfRangeException(nameof(termClass), termClass, "Unknown term class."),
    };
}
