using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Alba;
using HtxFund.SignUps;
using HtxFund.Tests.Files;
using HtxFund.Tests.Support;
using Marten;

namespace HtxFund.Tests.SignUps;

/// <summary>Sign-ups sent as the public page sends them: a challenge taken from the API, solved, and the multipart form.</summary>
public abstract partial class SignUpContext(AppFixture fixture) : IntegrationContext(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.Smtp.Clear();
    }

    protected static Dictionary<string, string> Fields(string taxCode, string email, string fund = FundA, string province = "Đắk Lắk") => new()
    {
        ["fund"] = fund, ["name"] = "Hợp tác xã Nông nghiệp Ea Kao", ["type"] = "HopTacXa", ["taxCode"] = taxCode, ["province"] = province,
        ["district"] = "Phường Ea Kao", ["address"] = "Thôn 3, phường Ea Kao", ["registrationDate"] = "2019-05-14",
        ["legalRepresentative"] = "Y Bhim Niê", ["memberCount"] = "27", ["mainSector"] = "Trồng và sơ chế cà phê",
        ["contactEmail"] = email, ["phone"] = "0905 123 456", ["password"] = "Ca-phe-Ea-Kao-2026", ["consent"] = "true",
    };

    protected async Task<(string Challenge, int Bits)> Challenge()
    {
        var result = await Get("/api/sign-ups/challenge", null);
        result.Context.Response.StatusCode.ShouldBe(200);
        var json = await result.ReadJson();
        return (json.GetProperty("challenge").GetString()!, json.GetProperty("difficulty").GetInt32());
    }

    /// <summary>Posts a sign-up with a solved fresh challenge (unless the fields carry their own) and a PDF certificate.</summary>
    protected async Task<IScenarioResult> SignUp(Dictionary<string, string> fields, IPAddress? from = null, byte[]? certificate = null)
    {
        if (!fields.ContainsKey("challenge"))
        {
            var (challenge, bits) = await Challenge();
            fields["challenge"] = challenge;
            fields["counter"] = ProofOfWork.Solve(challenge, bits);
        }
        return await Host.Scenario(s =>
        {
            s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = from ?? NextClientAddress());
            var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
            var file = new ByteArrayContent(certificate ?? FileSamples.Pdf());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "certificate", "giay-chung-nhan.pdf");
            s.Post.MultipartFormData(form).ToUrl("/api/sign-ups");
            s.IgnoreStatusCode();
        });
    }

    protected async Task<Guid> SignedUp(string taxCode, string email, string fund = FundA, string province = "Đắk Lắk")
    {
        var result = await SignUp(Fields(taxCode, email, fund, province));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.ReadJson()).GetProperty("id").GetGuid();
    }

    [GeneratedRegex(@"/dang-ky/xac-nhan\?token=(\S+)")]
    private static partial Regex LinkPattern();

    /// <summary>The token of the confirmation link emailed to <paramref name="email"/>.</summary>
    protected async Task<string> EmailedToken(string email)
    {
        await Waiting.Eventually(() => Task.FromResult(Fixture.Smtp.Messages().Any(m => m.To.Mailboxes.Any(x => x.Address == email))),
            $"the confirmation email to {email} arrives");
        var message = Fixture.Smtp.Messages().Last(m => m.To.Mailboxes.Any(x => x.Address == email));
        return Uri.UnescapeDataString(LinkPattern().Match(message.TextBody!).Groups[1].Value);
    }

    protected Task<IScenarioResult> Confirm(string token) => Host.Scenario(s =>
    {
        s.ConfigureHttpContext(c => c.Connection.RemoteIpAddress = NextClientAddress());
        s.Post.Json(new { token }).ToUrl("/api/sign-ups/email-confirmations");
        s.IgnoreStatusCode();
    });

    protected async Task<Guid> Confirmed(string taxCode, string email, string fund = FundA, string province = "Đắk Lắk")
    {
        var id = await SignedUp(taxCode, email, fund, province);
        var confirmed = await Confirm(await EmailedToken(email));
        confirmed.Context.Response.StatusCode.ShouldBe(200, await confirmed.ReadAsTextAsync());
        return id;
    }

    protected async Task<HtxFund.SignUps.SignUp> Stored(Guid id, string fund = FundA)
    {
        await using var query = Store.QuerySession(fund);
        return (await query.LoadAsync<HtxFund.SignUps.SignUp>(id))!;
    }
}
