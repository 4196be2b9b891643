using HtxFund.Reminders.Sending;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace HtxFund.Tests.Reminders;

public sealed class configuring_smtp
{
    private static SmtpOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new SmtpOptions();
        configuration.GetSection(SmtpOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void server_tls_credentials_and_backoff_come_from_configuration_and_configured_delays_replace_the_defaults()
    {
        var o = Bind(new()
        {
            ["HtxFund:Smtp:Host"] = "smtp.quy-htx.vn", ["HtxFund:Smtp:Port"] = "465", ["HtxFund:Smtp:Security"] = "SslOnConnect",
            ["HtxFund:Smtp:UserName"] = "nhac-no", ["HtxFund:Smtp:Password"] = "bi-mat",
            ["HtxFund:Smtp:RetryDelaysSeconds:0"] = "1", ["HtxFund:Smtp:RetryDelaysSeconds:1"] = "60",
        });
        o.Enabled.ShouldBeTrue();
        (o.Host, o.Port, o.Security, o.UserName, o.Password).ShouldBe(("smtp.quy-htx.vn", 465, SecureSocketOptions.SslOnConnect, "nhac-no", "bi-mat"));
        o.RetryDelays.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)]);
    }

    [Fact]
    public void without_a_host_email_is_off_and_the_default_backoff_applies()
    {
        var o = Bind(new());
        o.Enabled.ShouldBeFalse();
        o.Security.ShouldBe(SecureSocketOptions.StartTls);
        o.RetryDelays.Select(d => d.TotalSeconds).ShouldBe([5, 30, 120, 600, 1800]);
    }
}
