using HtxFund.Development;
using HtxFund.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace HtxFund.Web.Pages.Admin;

/// <summary>The local mail sink (Development only; 404 elsewhere): the messages ops/run's SMTP server received for the
/// admin's fund, newest first, and one message whole (?id=, else the newest): text and HTML bodies (the HTML in a
/// sandboxed frame: no script, no form, no outside image) and its attachments, downloaded from the API
/// (<see cref="ReceivedMailEndpoints"/>, whose reads and roles the page uses).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class MailModel(MailSink sink, IHostEnvironment environment) : PortalPage
{
    public const string Path = "/quan-tri/hop-thu";

    public bool Configured => sink.Configured;
    public IReadOnlyList<ReceivedMailSummary> Messages { get; private set; } = [];
    public ReceivedMail? Shown { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (!ReceivedMailEndpoints.Available(environment)) return NotFoundPage();
        var addresses = await MailSink.FundAddressesAsync(Query, User.FundId(), ct);
        Messages = sink.List(addresses, ReceivedMailEndpoints.DefaultLimit);
        if (id is not null)
        {
            Shown = sink.Get(id, addresses);
            if (Shown is null) return NotFoundPage();
        }
        else if (Messages.Count > 0)
        {
            Shown = sink.Get(Messages[0].Id, addresses);
        }
        return Page();
    }
}
