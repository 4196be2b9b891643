using System.Diagnostics;
using Alba;
using HtxFund.Identity;
using HtxFund.Lending;
using HtxFund.Reminders;
using HtxFund.Reminders.Daily;
using HtxFund.Tests.Loans.Fixtures;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Wolverine.Tracking;

namespace HtxFund.Tests.Reminders.Fixtures;

/// <summary>Given-states for reminders on top of <see cref="LoanContext"/>: the fixture's real SMTP server (running,
/// emptied), fund A's staff with email addresses (<c>{userName}@quy-htx.test</c>), and ways to run the daily job.</summary>
public abstract class ReminderContext(AppFixture fixture) : LoanContext(fixture)
{
    protected SmtpTestServer Smtp => Fixture.Smtp;

    public override async Task InitializeAsync()
    {
        await Smtp.StartAsync(); // a test that simulated an outage may have left it stopped
        await base.InitializeAsync();
        Smtp.Clear();
        await GiveStaffEmails();
    }

    /// <summary>A fresh token of the fixture's cooperative user (sign-ins expire after hours of fake time).</summary>
    protected Task<string> CoopNow() => TokenForUser($"{FundA}.coop.{CooperativeId:N}"[..40]);

    /// <summary>Another user bound to the fixture's cooperative (a colleague); returns a token.</summary>
    protected async Task<string> ColleagueOfCoop()
    {
        var hasher = Host.Services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<UserAccount>>();
        var user = new UserAccount
        {
            Id = Guid.CreateVersion7(), UserName = $"{FundA}.coop2.{Guid.NewGuid():N}"[..40], DisplayName = "Kế toán hợp tác xã", FundId = FundA,
            Roles = [Roles.Cooperative], CooperativeId = CooperativeId, PasswordHash = "", CreatedAt = Clock.GetCurrentInstant(),
        };
        await using (var session = Store.LightweightSession())
        {
            session.Store(user with { PasswordHash = hasher.HashPassword(user, Password) });
            await session.SaveChangesAsync();
        }
        return await TokenForUser(user.UserName);
    }

    public static string StaffEmail(string userName) => $"{userName}@quy-htx.test";

    private async Task GiveStaffEmails()
    {
        await using var session = Store.LightweightSession();
        var staff = await session.Query<UserAccount>().Where(u => u.FundId == FundA && u.CooperativeId == null).ToListAsync();
        foreach (var user in staff) session.Store(user with { Email = StaffEmail(user.UserName) });
        await session.SaveChangesAsync();
    }

    /// <summary>Sets the email of a user (e.g. a cooperative user) directly in its account.</summary>
    protected async Task SetEmail(string userName, string email)
    {
        await using var session = Store.LightweightSession();
        var user = await session.Query<UserAccount>().SingleAsync(u => u.UserName == userName);
        session.Store(user with { Email = email });
        await session.SaveChangesAsync();
    }

    /// <summary>Runs the Hangfire job's body (<see cref="DailyRemindersJob.Run"/>) on <paramref name="host"/> (default the
    /// fixture's) and waits until every message it caused (fund runs, emails) is handled.</summary>
    protected async Task RunDailyJob(IAlbaHost? host = null)
    {
        host ??= Host;
        using var scope = host.Services.CreateScope();
        var job = ActivatorUtilities.CreateInstance<DailyRemindersJob>(scope.ServiceProvider);
        await host.TrackActivity().Timeout(TimeSpan.FromSeconds(90)).ExecuteAndWaitAsync((Func<Wolverine.IMessageContext, Task>)(_ => job.Run(CancellationToken.None)));
    }

    protected async Task<IReadOnlyList<Reminder>> Reminders(string fund = FundA)
    {
        await using var session = Store.QuerySession(fund);
        return await session.Query<Reminder>().ToListAsync();
    }

    /// <summary>Waits (polling, never a fixed sleep) until <paramref name="condition"/> holds, or fails after the timeout.</summary>
    protected static Task Eventually(Func<Task<bool>> condition, string what, int seconds = 90) =>
        Waiting.Eventually(condition, what, TimeSpan.FromSeconds(seconds));

    protected IReadOnlyList<MimeMessage> Mail() => Smtp.Messages();

    protected static string Money(long dong) => HtxFund.Lending.Money.Of(dong).ToDisplayString();
    protected static string Amount(long dong) => HtxFund.Documents.Formatting.VietnameseFormat.Amount(HtxFund.Lending.Money.Of(dong));
    protected static string Date(LocalDate d) => HtxFund.Documents.Formatting.VietnameseFormat.Date(d);
    protected static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", null);

    /// <summary>A loan of <paramref name="amount"/> signed and disbursed in full today; returns its id and first due date.</summary>
    protected async Task<(Guid Id, LocalDate FirstDue)> DisbursedLoan(long amount = 400_000_000, string? coopToken = null, string? number = null)
    {
        var id = await SignedLoan(amount, number, coopToken: coopToken);
        await Disbursed(id, amount);
        return (id, (await Position(id)).Schedule[0].DueDate);
    }

    /// <summary>Text of a PDF, with pdftotext (poppler-utils).</summary>
    protected static async Task<string> PdfText(byte[] pdf)
    {
        pdf.Length.ShouldBeGreaterThan(1000);
        var file = Path.Combine(Path.GetTempPath(), $"notice-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        if (Environment.GetEnvironmentVariable("HTXFUND_KEEP_PDF") is { Length: > 0 } keep) File.Copy(file, keep, true); // to look at it
        try
        {
            var info = new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }

    protected static byte[] Attachment(MimeMessage message)
    {
        var part = message.Attachments.OfType<MimePart>().Single();
        part.ContentType.MimeType.ShouldBe("application/pdf");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
