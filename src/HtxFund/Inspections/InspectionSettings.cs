namespace HtxFund.Inspections;

/// <summary>
/// The post-disbursement inspection of the use of the money (kiểm tra sử dụng vốn vay; Decree 45/2021 Art 31.2 leaves the
/// inspection procedure to the fund's internal regulation): each disbursed tranche is inspected within <see cref="DueDays"/>
/// calendar days of its value date (default 30, fund practice modelled on VBSP's, not a legal figure); its officer is told
/// <see cref="NoticeDaysBefore"/> days before it falls due (default 3). Versions adopted before read as <see cref="Default"/>.
/// </summary>
public sealed record InspectionSettings(int DueDays, int NoticeDaysBefore)
{
    public static InspectionSettings Default { get; } = new(30, 3);

    public const int MaxDueDays = 180;
    public const int MaxNoticeDaysBefore = 30;
}
