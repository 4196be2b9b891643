using Alba;
using HtxFund.Development;
using HtxFund.Identity;
using HtxFund.Reminders.Sending;
using HtxFund.Tests.Reminders.Fixtures;
using HtxFund.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HtxFund.Tests.Development;

/// <summary>The local mail sink of ops/run: the app sends through its own <see cref="IMailSender"/> (SMTP) to the one sink
/// script, ops/lib/smtp_sink.py (the fixture's <see cref="SmtpTestServer"/> runs it), and an Admin of the fund reads what
/// arrived on /quan-tri/hop-thu and from GET /api/dev/mail, read from the folder with MimeKit. Development only.</summary>
public sealed class reading_the_local_mail_sink(AppFixture fixture) : ReminderContext(fixture)
{
    private const string Page = "/quan-tri/hop-thu";
    private static readonly byte[] Pdf = "%PDF-1.4 thông báo nợ quá hạn"u8.ToArray();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // the fixture's app reads the sink folder of the fixture's SMTP server (ops/run sets HtxFund:MailSink:Folder to .data/mail)
        Host.Services.GetRequiredService<MailSinkOptions>().Folder = Smtp.Folder;
    }

    private static string OfficerEmail => StaffEmail(UserName(FundA, Roles.CreditOfficer));

    private async Task Send(string subject, string html, byte[]? attachment = null)
    {
        var mail = Host.Services.GetRequiredService<IMailSender>();
        var before = Smtp.Count;
        await mail.SendAsync(new MailMessageSpec(OfficerEmail, "Cán bộ tín dụng", subject, $"Nội dung: {subject}", html,
            $"{Guid.NewGuid():N}@test.htxfund", attachment is null ? null : "thong-bao-no.pdf", attachment), CancellationToken.None);
        Smtp.Count.ShouldBe(before + 1); // the sink wrote the message before it answered 250
    }

    private async Task<IScenarioResult> Read(string url, string token, int status) => await Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.WithBearerToken(token);
        s.StatusCodeShouldBe(status);
    });

    private async Task<string> OpenPage(string url, string userName, int status = 200) =>
        await (await Open(url, userName, status)).ReadAsTextAsync();

    private async Task<IScenarioResult> Open(string url, string userName, int status)
    {
        var session = await PageSession.SignInAsync(Host, userName, Password, NextClientAddress());
        return await Host.Scenario(s =>
        {
            s.WithRequestHeader("Cookie", session.AuthCookie);
            s.Get.Url(url);
            s.StatusCodeShouldBe(status);
        });
    }

    private async Task<ReceivedMailSummary[]> List(string token) =>
        await (await Read("/api/dev/mail", token, 200)).Read<ReceivedMailSummary[]>();

    [Fact]
    public async Task an_admin_reads_what_the_app_sent_newest_first_with_its_bodies_and_attachment()
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1 <b>quá hạn</b></p>", Pdf);
        await Send("Nhắc hạn trả nợ <kỳ 2>", "<p onclick=\"alert(1)\">Sắp đến hạn</p><script>alert('x')</script>");
        var admin = await TokenFor(Roles.Admin);

        var list = await List(admin);

        list.Select(m => m.Subject).ShouldBe(["Nhắc hạn trả nợ <kỳ 2>", "Thông báo nợ quá hạn"]);
        list.ShouldAllBe(m => m.To.Single() == OfficerEmail && m.From!.Contains("nhac-no@quy-htx.test"));
        list.Select(m => m.Attachments).ShouldBe([0, 1]);

        var overdue = await (await Read($"/api/dev/mail/{list[1].Id}", admin, 200)).Read<ReceivedMail>();
        overdue.Text!.Trim().ShouldBe("Nội dung: Thông báo nợ quá hạn");
        overdue.Html!.ShouldContain("<p>Kỳ 1 <b>quá hạn</b></p>");
        overdue.Attachments.ShouldBe([new ReceivedAttachment(0, "thong-bao-no.pdf", "application/pdf", Pdf.Length)]);
        var download = await Read($"/api/dev/mail/{list[1].Id}/attachments/0", admin, 200);
        download.Context.Response.ContentType.ShouldBe("application/pdf");
        var bytes = new MemoryStream();
        await download.Context.Response.Body.CopyToAsync(bytes);
        bytes.ToArray().ShouldBe(Pdf);
        await Read($"/api/dev/mail/{list[1].Id}/attachments/1", admin, 404);
    }

    [Fact]
    public async Task the_page_lists_the_messages_and_shows_one_with_its_html_only_in_a_sandboxed_frame()
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1</p>", Pdf);
        await Send("Nhắc hạn trả nợ", "<p onclick=\"alert(1)\">Sắp đến hạn</p><script>alert('x')</script>");
        var ids = (await List(await TokenFor(Roles.Admin))).Select(m => m.Id).ToArray();

        var newest = await OpenPage(Page, UserName(FundA, Roles.Admin));
        newest.IndexOf("Nhắc hạn trả nợ", StringComparison.Ordinal).ShouldBeLessThan(newest.IndexOf("Thông báo nợ quá hạn", StringComparison.Ordinal));
        newest.ShouldContain($"href=\"{Page}?id={ids[1]}\"");
        // the newest is shown: its HTML only inside srcdoc (encoded), in a frame with no permission; no script of the mail runs in the page
        newest.ShouldContain("<iframe class=\"mail-html\" sandbox=\"\" srcdoc=\"&lt;p onclick=&quot;alert(1)&quot;&gt;");
        newest.ShouldNotContain("<script>alert");
        newest.ShouldNotContain("<p onclick");
        newest.ShouldContain("Nội dung: Nhắc hạn trả nợ");

        var older = await OpenPage($"{Page}?id={ids[1]}", UserName(FundA, Roles.Admin));
        older.ShouldContain($"href=\"/api/dev/mail/{ids[1]}/attachments/0\" download=\"thong-bao-no.pdf\"");
        older.ShouldContain("Nội dung: Thông báo nợ quá hạn");
    }

    [Fact]
    public async Task another_funds_admin_sees_none_of_them_and_cannot_open_one()
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1</p>", Pdf);
        var id = (await List(await TokenFor(Roles.Admin))).Single().Id;
        var other = await TokenFor(Roles.Admin, FundB);

        (await List(other)).ShouldBeEmpty();
        await Read($"/api/dev/mail/{id}", other, 404);
        await Read($"/api/dev/mail/{id}/attachments/0", other, 404);
        (await OpenPage(Page, UserName(FundB, Roles.Admin))).ShouldContain("Chưa có thư nào.");
        await OpenPage($"{Page}?id={id}", UserName(FundB, Roles.Admin), 404);
    }

    [Fact]
    public async Task a_message_to_a_cooperative_still_signing_up_is_listed_to_the_admin_of_the_fund_it_signs_up_with_only()
    {
        const string applicant = "dang-ky@htx-tan-lap.test";
        await using (var session = Store.LightweightSession(FundA))
        {
            var id = Guid.CreateVersion7();
            var now = Clock.GetCurrentInstant();
            session.Events.StartStream<HtxFund.SignUps.SignUp>(id, new HtxFund.SignUps.SignUpSubmitted(id,
                new HtxFund.Cooperatives.Registering.RegisterCooperative("HTX Tân Lập", "HopTacXa", "0101245486", "Đắk Lắk", null,
                    "Thôn 1", null, "Nguyễn Văn An", 10, "Nông nghiệp", null, applicant, "0905123456"),
                "0101245486", new HtxFund.Files.StoredFileRef(Guid.CreateVersion7(), "giay-chung-nhan.pdf", "application/pdf", 10, new string('0', 64)),
                "Đồng ý", now + NodaTime.Duration.FromHours(48), now, new NodaTime.LocalDate(2026, 11, 22)));
            await session.SaveChangesAsync();
        }
        var mail = Host.Services.GetRequiredService<IMailSender>();
        await mail.SendAsync(new MailMessageSpec(applicant, "HTX Tân Lập", "Xác nhận địa chỉ thư điện tử", "Nhấn vào liên kết",
            "<p>Nhấn vào liên kết</p>", $"{Guid.NewGuid():N}@test.htxfund", null, null), CancellationToken.None);

        (await List(await TokenFor(Roles.Admin))).ShouldContain(m => m.Subject == "Xác nhận địa chỉ thư điện tử");
        (await List(await TokenFor(Roles.Admin, FundB))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Roles.Director)]
    [InlineData(Roles.CreditOfficer)]
    [InlineData(Roles.ChiefAccountant)]
    public async Task a_role_other_than_admin_is_refused(string role)
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1</p>");
        var token = await TokenFor(role);

        await Read("/api/dev/mail", token, 403);
        // a signed-in person without the role is sent to the Vietnamese 403 page
        (await Open(Page, UserName(FundA, role), 302)).Context.Response.Headers.Location.ToString().ShouldContain("/loi/403?ReturnUrl=%2Fquan-tri%2Fhop-thu");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task an_id_that_names_no_received_message_is_not_found(string id)
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1</p>", Pdf);

        var answer = await Read($"/api/dev/mail/{id}", await TokenFor(Roles.Admin), 404);

        (await answer.ProblemCode()).ShouldBe("dev_mail.not_found");
    }

    [Fact]
    public async Task outside_development_the_page_and_the_api_do_not_exist()
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1</p>", Pdf);
        var admin = await TokenFor(Roles.Admin);
        var id = (await List(admin)).Single().Id;
        var environment = Host.Services.GetRequiredService<IHostEnvironment>();
        environment.EnvironmentName = Environments.Production;
        try
        {
            await Read("/api/dev/mail", admin, 404);
            await Read($"/api/dev/mail/{id}", admin, 404);
            await Read($"/api/dev/mail/{id}/attachments/0", admin, 404);
            await OpenPage(Page, UserName(FundA, Roles.Admin), 404);
        }
        finally
        {
            environment.EnvironmentName = Environments.Development;
        }
    }

    [Fact]
    public async Task without_a_sink_folder_the_page_says_so_and_the_api_lists_nothing()
    {
        await Send("Thông báo nợ quá hạn", "<p>Kỳ 1</p>");
        Host.Services.GetRequiredService<MailSinkOptions>().Folder = null;

        (await List(await TokenFor(Roles.Admin))).ShouldBeEmpty();
        (await OpenPage(Page, UserName(FundA, Roles.Admin))).ShouldContain("data-testid=\"mail-sink-off\"");
    }
}
