namespace HtxFund.Lending;

/// <summary>
/// Debt groups for microfinance institutions (Circular 14/2024/TT-NHNN, applied to the funds by Decree 45/2021 Art 28.1).
/// Groups 3–5 are bad debt (Decree 45/2021 Art 2.4).
/// </summary>
public enum DebtGroup
{
    /// <summary>Standard (nợ đủ tiêu chuẩn).</summary>
    Group1 = 1,

    /// <summary>Special mention (nợ cần chú ý).</summary>
    Group2 = 2,

    /// <summary>Substandard (nợ dưới tiêu chuẩn).</summary>
    Group3 = 3,

    /// <summary>Doubtful (nợ nghi ngờ).</summary>
    Group4 = 4,

    /// <summary>Loss (nợ có khả năng mất vốn).</summary>
    Group5 = 5,
}
