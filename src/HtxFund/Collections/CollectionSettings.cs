namespace HtxFund.Collections;

/// <summary>
/// The collections worklist's fund practice (fund policy <c>collections</c>): a loan is on its officer's worklist when
/// something is overdue or an instalment falls due within <see cref="LookAheadDays"/> days (default 7, issue 20); a
/// promise to pay may be given for a date at most <see cref="MaxPromiseDays"/> days ahead (default 30). Both are fund
/// practice, <b>unconfirmed</b>: no regulation sets them. Versions adopted before collections existed read as
/// <see cref="Default"/>.
/// </summary>
public sealed record CollectionSettings(int LookAheadDays, int MaxPromiseDays)
{
    public static CollectionSettings Default { get; } = new(7, 30);

    public const int MaxLookAheadDays = 60;
    public const int MaxPromiseDaysLimit = 180;
}
