using HtxFund.Development;
using HtxFund.Reminders.Sending;
using HtxFund.Tests.Infrastructure.Reliability.Fixtures;
using MailKit.Security;

namespace HtxFund.Tests.Development;

/// <summary>ops/run's mail sink (ops/lib/mail.sh): it starts the one sink script on loopback, exports the app's mail
/// settings to it, keeps what the app's <see cref="SmtpMailSender"/> sends as a file that <see cref="MailSink"/> reads,
/// and stops only the process it started.</summary>
public sealed class running_the_mail_sink_from_ops : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"htxfund-mail-sink-{Guid.NewGuid():N}");
    private string? _pid;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_pid is not null) await Shell.RunAsync($"kill -TERM {_pid} 2>/dev/null || true"); // only if the test failed before stopping it
        try { Directory.Delete(_folder, true); } catch (DirectoryNotFoundException) { }
    }

    [Fact]
    public async Task the_sink_takes_the_apps_mail_into_its_folder_and_stops_when_asked()
    {
        var started = await Shell.RunAsync($"""
            source ops/lib/mail.sh
            mail_sink_start {Shell.Quote(Path.Combine(_folder, "mail"))} "$(free_port)"
            echo "$HTXFUND_MAIL_SINK_PID"
            echo "$HtxFund__Smtp__Host $HtxFund__Smtp__Port $HtxFund__Smtp__Security"
            echo "$HtxFund__MailSink__Folder"
            """);
        var lines = started.Split('\n');
        _pid = lines[0];
        var settings = lines[1].Split(' ');
        (settings[0], settings[2]).ShouldBe(("127.0.0.1", "None"));
        lines[2].ShouldBe(Path.Combine(_folder, "mail"));

        var sender = new SmtpMailSender(new SmtpOptions
        {
            Host = settings[0], Port = int.Parse(settings[1]), Security = Enum.Parse<SecureSocketOptions>(settings[2]),
            FromAddress = "nhac-no@quy-htx.test", TimeoutSeconds = 10,
        });
        await sender.SendAsync(new MailMessageSpec("hop-thu@quy-htx.test", null, "Thư thử", "Nội dung thử", "<p>Nội dung thử</p>",
            "thu-thu@test.htxfund"), CancellationToken.None);
        await Should.ThrowAsync<MailPermanentlyRefused>(() => sender.SendAsync(new MailMessageSpec("khong-ton-tai@quy-htx.test", null,
            "Thư thử", "x", "<p>x</p>", "thu-thu-2@test.htxfund"), CancellationToken.None));

        var sink = new MailSink(new MailSinkOptions { Folder = lines[2] });
        var received = sink.List(new HashSet<string>(["HOP-THU@quy-htx.test"], StringComparer.OrdinalIgnoreCase), 10).ShouldHaveSingleItem();
        received.Subject.ShouldBe("Thư thử");
        sink.Get(received.Id, new HashSet<string>(["hop-thu@quy-htx.test"]))!.Text!.Trim().ShouldBe("Nội dung thử");

        var stopped = await Shell.RunAsync($"""
            source ops/lib/mail.sh
            HTXFUND_MAIL_SINK_PID={_pid}
            mail_sink_stop
            if mail_sink_running {_pid}; then echo running; else echo stopped; fi
            if port_is_free {settings[1]}; then echo free; else echo busy; fi
            """);
        stopped.Split('\n').ShouldBe(["stopped", "free"]);
        _pid = null;
    }
}
