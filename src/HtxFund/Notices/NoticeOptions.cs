namespace HtxFund.Notices;

/// <summary>Notices to staff and cooperatives (<c>HtxFund:Notices:*</c>).</summary>
public sealed class NoticeOptions
{
    public const string Section = "HtxFund:Notices";

    /// <summary>On by default. Off: the events make no notice and a <see cref="Reminders.Notifications.SendNotice"/>
    /// delivers nothing (the integration tests of other features run with notices off, so their inboxes and mail
    /// boxes hold only what they test; the notices' own tests turn them on).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The address people open the site at (e.g. <c>https://tindung.quyhtx.vn</c>): emails link to
    /// <c>SiteUrl + page</c>. Unset: the email names the page's path.</summary>
    public string? SiteUrl { get; set; }

    public string LinkTo(string path) =>
        string.IsNullOrWhiteSpace(SiteUrl) ? path : SiteUrl.TrimEnd('/') + path;
}
