namespace HtxFund.Notices;

public static class NoticeLinks
{
    /// <summary>The page where a user chooses which notices reach them by email.</summary>
    public const string PreferencesPage = "/thong-bao/cai-dat";
}
