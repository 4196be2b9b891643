using System.Text.RegularExpressions;
using Alba;
using HtxFund.Applications;
using HtxFund.Applications.Deciding;
using HtxFund.Documents.Letters;
using HtxFund.Identity;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Documents;
using HtxFund.Tests.Support;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;
using Wolverine.Tracking;

namespace HtxFund.Tests.Applications.Deciding;

/// <summary>
/// The letters a decision issues, read back from the PDF: the recipients refer to the article that orders the
/// decision's execution (a refusal notice has no articles, so it refers to its addressee), the signer is the chair of
/// the board or the Director configured for the fund with the position, every rate the loan carries is stated, and the
/// file is named by its number in the fund's register. The letter is issued by its own message once the decision has
/// committed: a letter that cannot be rendered never undoes the decision, and is retried until it is issued, once.
/// </summary>
public sealed class issuing_decision_letters(AppFixture fixture) : ApplicationContext(fixture)
{
    private string Configured(string office) =>
        Host.Services.GetRequiredService<IConfiguration>()[$"HtxFund:Letterheads:{FundA}:{office}"]
        ?? throw new InvalidOperationException($"The test environment configures the {office} of {FundA} (appsettings.Development.json).");

    private async Task<string> LetterText(Guid id)
    {
        var letter = await Get($"/api/applications/{id}/decision-letter", await TokenFor(Roles.CreditOfficer));
        letter.Context.Response.StatusCode.ShouldBe(200, await letter.ReadAsTextAsync());
        var bytes = new MemoryStream();
        await letter.Context.Response.Body.CopyToAsync(bytes);
        return PdfTools.Text(bytes.ToArray());
    }

    /// <summary>The text with every run of white space as one space (a value that wraps in its column reads on).</summary>
    private static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    /// <summary>The text's lines, trimmed, without the empty ones (pdftotext lays the two columns side by side).</summary>
    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => Regex.Replace(l.Trim(), @"\s{2,}", "  ")).Where(l => l.Length > 0).ToArray();

    [Fact]
    public async Task a_board_decision_is_signed_for_the_board_by_its_configured_chair_and_refers_recipients_to_the_executing_article()
    {
        var id = await Appraised(requested: 2_000_000_000, proposed: 2_000_000_000);
        var board = await BoardMembers(3);
        foreach (var member in board) await Ok(Transition(id, "votes", new { vote = "Approve", comment = "" }, member));

        var text = await LetterText(id);

        var execution = Regex.Match(text, @"Điều (\d+)\. Hiệu lực và trách nhiệm thi hành");
        execution.Success.ShouldBeTrue(text);
        execution.Groups[1].Value.ShouldBe("5");
        text.ShouldContain($"- Như Điều {execution.Groups[1].Value};");
        Regex.Matches(text, @"Như Điều \d+").Count.ShouldBe(1);
        var lines = Lines(text);
        var title = Array.FindIndex(lines, l => l.EndsWith("TM. HỘI ĐỒNG QUẢN LÝ", StringComparison.Ordinal));
        title.ShouldBeGreaterThan(0, text);
        lines[title + 1].ShouldEndWith("CHỦ TỊCH");
        lines.Skip(title).ShouldContain(l => l.EndsWith(Configured("Chairman"), StringComparison.Ordinal));
        text.ShouldNotContain("Người dùng daklak", customMessage: "no board member who voted signs in place of the chair");
    }

    [Fact]
    public async Task a_director_decision_is_signed_by_the_configured_director_and_states_every_rate()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 450_000_000);
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));

        var text = Flat(await LetterText(id));

        text.ShouldContain("GIÁM ĐỐC");
        text.ShouldContain(Configured("Director"));
        text.ShouldNotContain("TM. HỘI ĐỒNG QUẢN LÝ");
        text.ShouldContain("Lãi suất cho vay:");
        text.ShouldContain("6 %/năm");
        text.ShouldContain("Lãi suất nợ gốc quá hạn:");
        text.ShouldContain("9 %/năm (bằng 150 % lãi suất cho vay trong hạn)");
        text.ShouldContain("Lãi chậm trả tiền lãi:");
        text.ShouldContain("10 %/năm trên số tiền lãi chậm trả, tính theo số ngày chậm trả");
        text.ShouldContain("- Như Điều 5;");
    }

    [Fact]
    public async Task a_refusal_notice_has_its_own_recipients_and_no_article_references()
    {
        var id = await Appraised(requested: 300_000_000, proposed: 300_000_000, recommendation: "Reject");
        await Ok(Transition(id, "decision", new { approve = false, reasons = new[] { "Phương án chưa chứng minh được nguồn trả nợ." } },
            await TokenFor(Roles.Director)));

        var text = await LetterText(id);

        text.ShouldContain("THÔNG BÁO");
        text.ShouldContain("Nơi nhận:");
        text.ShouldContain("- Như trên;");
        text.ShouldContain("- Lưu: VT, Phòng Tín dụng.");
        Regex.IsMatch(text, @"Điều \d").ShouldBeFalse(text);
        text.ShouldContain(Configured("Director"));
    }

    [Fact]
    public async Task the_letter_names_the_file_by_its_number_in_the_register_even_for_files_started_in_the_same_minute()
    {
        var first = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        var second = await Appraised(requested: 300_000_000, proposed: 300_000_000, coopToken: await AnotherCooperative());
        var director = await TokenFor(Roles.Director);
        await Ok(Transition(first, "decision", new { approve = true }, director));
        await Ok(Transition(second, "decision", new { approve = false, reasons = new[] { "Không đủ điều kiện." } }, director));

        var firstNumber = (await View(first)).Application.ApplicationNumber!;
        var secondNumber = (await View(second)).Application.ApplicationNumber!;
        firstNumber.ShouldBe("HS-2026-00001");
        secondNumber.ShouldBe("HS-2026-00002");
        Flat(await LetterText(first)).ShouldContain($"hồ sơ đề nghị vay vốn số {firstNumber} ngày 22/11/2026");
        Flat(await LetterText(second)).ShouldContain($"hồ sơ đề nghị vay vốn số {secondNumber} ngày 22/11/2026");
    }

    private async Task<IReadOnlyList<JasperFx.Events.IEvent>> EventsOf(Guid id)
    {
        await using var session = Store.QuerySession(FundA);
        return await session.Events.FetchStreamAsync(id);
    }

    /// <summary>Letters of <paramref name="id"/> waiting in Wolverine's durable inbox for a retry after a failure.</summary>
    private async Task<long> RetriesScheduled(Guid id)
    {
        await using var conn = new NpgsqlConnection(Fixture.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT count(*) FROM wolverine.wolverine_incoming_envelopes WHERE message_type LIKE '%IssueDecisionLetter' AND status = 'Scheduled'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static Task WaitUntil(Func<Task<bool>> condition, string what) => Waiting.Eventually(condition, what);

    [Fact]
    public async Task the_letter_is_issued_by_its_own_message_after_the_decision_has_committed()
    {
        var id = await Appraised(requested: 450_000_000, proposed: 450_000_000);
        var director = await TokenFor(Roles.Director);
        var version = await VersionOf(id);

        var tracked = await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ =>
            (await Post($"/api/applications/{id}/decision", new { version, approve = true }, director)).Context.Response.StatusCode.ShouldBe(204)));

        var handled = tracked.Executed.Envelopes().ShouldHaveSingleItem();
        handled.Message.ShouldBe(new IssueDecisionLetter(id));
        handled.TenantId.ShouldBe(FundA);
        var events = await EventsOf(id);
        var approved = events.Single(e => e.Data is LoanApproved);
        var letter = events.Single(e => e.Data is DecisionLetterIssued);
        letter.Version.ShouldBe(approved.Version + 1);
        letter.Timestamp.ShouldBeGreaterThan(approved.Timestamp, "the letter is appended by a later transaction than the decision's");
        (await View(id)).Application.Decision!.LetterFileId.ShouldBe(((DecisionLetterIssued)letter.Data).FileId);
    }

    [Fact]
    public async Task a_letter_that_cannot_be_rendered_leaves_the_decision_standing_and_is_retried_until_it_is_issued_once()
    {
        var id = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        var configuration = Host.Services.GetRequiredService<IConfiguration>();
        var configured = configuration[HtxFund.Documents.PdfDocumentOptions.FontFolderKey];
        var fonts = Directory.CreateTempSubdirectory("htxfund-fonts-");
        configuration[HtxFund.Documents.PdfDocumentOptions.FontFolderKey] = fonts.FullName; // the fonts are not installed there (yet)
        try
        {
            var decided = await Post($"/api/applications/{id}/decision", new { version = await VersionOf(id), approve = true },
                await TokenFor(Roles.Director));

            decided.Context.Response.StatusCode.ShouldBe(204, await decided.ReadAsTextAsync());
            var view = (await View(id)).Application;
            view.Status.ShouldBe(ApplicationStatus.Approved);
            view.Decision!.DecisionNumber.ShouldBe("1/QĐ-QHTX");
            await WaitUntil(async () => await RetriesScheduled(id) > 0, "the letter that failed is scheduled for another attempt");
            await (await Get($"/api/applications/{id}/decision-letter", Coop)).ShouldBeRefusal(404, "decision_letter.pending");

            foreach (var font in Directory.GetFiles(HtxFund.Documents.PdfDocumentOptions.DefaultFontFolder, "*.ttf"))
                File.Copy(font, Path.Combine(fonts.FullName, Path.GetFileName(font)));
            await WaitUntil(async () => (await Get($"/api/applications/{id}/decision-letter", Coop)).Context.Response.StatusCode == 200,
                "a later attempt issues the letter");
        }
        finally
        {
            configuration[HtxFund.Documents.PdfDocumentOptions.FontFolderKey] = configured;
            fonts.Delete(recursive: true);
        }

        (await EventsOf(id)).Count(e => e.Data is DecisionLetterIssued).ShouldBe(1);
        Flat(await LetterText(id)).ShouldContain("1/QĐ-QHTX");
    }

    [Fact]
    public async Task a_letter_already_issued_is_not_issued_again_when_its_message_comes_again()
    {
        var id = await Appraised(requested: 300_000_000, proposed: 300_000_000);
        await Ok(Transition(id, "decision", new { approve = true }, await TokenFor(Roles.Director)));
        var first = (await View(id)).Application.Decision!.LetterFileId;
        first.ShouldNotBeNull();

        await Host.TrackActivity().Timeout(TimeSpan.FromSeconds(60))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(bus => bus.InvokeForTenantAsync(FundA, new IssueDecisionLetter(id))));

        (await EventsOf(id)).Count(e => e.Data is DecisionLetterIssued).ShouldBe(1);
        (await View(id)).Application.Decision!.LetterFileId.ShouldBe(first);
    }
}
