using Alba;
using HtxFund.Identity;
using HtxFund.Tests.Cooperatives.Fixtures;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Migration;
using HtxFund.Migration.Reading;
using HtxFund.Migration.Uploading;
using HtxFund.Tests.Migration.Support;
using HtxFund.Tests.Support;
using Marten;

namespace HtxFund.Tests.Migration.Uploading;

public sealed class uploading_a_loan_book(AppFixture fixture) : CooperativeContext(fixture)
{
    private const string Imports = LoanBookUploads.Imports;

    private Task<IScenarioResult> Upload(byte[] content, string token, string? key = null) => Host.UploadLoanBook(content, token, key);

    private async Task<LoanBookImportView> Uploaded(byte[] content, string role = Roles.Accountant)
    {
        var result = await Upload(content, await TokenFor(role));
        result.Context.Response.StatusCode.ShouldBe(201, await result.ReadAsTextAsync());
        return (await result.Read<LoanBookImportView>())!;
    }

    [Fact]
    public async Task a_valid_book_is_checked_and_summarised_and_nothing_is_booked()
    {
        var events = await EventCount();
        var model = LoanBookSamples.Small();
        var workbook = LoanBookWorkbook.Write(model);

        var view = await Uploaded(workbook);

        view.Import.State.ShouldBe(LoanBookImportState.Checked);
        view.Import.Sha256.ShouldBe(HtxFund.Files.FileUpload.Hash(workbook));
        view.Import.CutOver.ShouldBe(LoanBookSamples.CutOver);
        view.Import.UploadedByName.ShouldBe(UserName(FundA, Roles.Accountant));
        view.RefusalCount.ShouldBe(0);
        view.Import.Summary.ShouldBe(new LoanBookSummary(2, 2, 1, 2, 2, 0, 200_000_000, 140_000_000, 1_200_000));
        (await EventCount()).ShouldBe(events);
        await using var session = Store.QuerySession(FundA);
        var stored = await HtxFund.Files.FileStore.LoadAsync(session, view.Import.FileId, CancellationToken.None);
        stored!.Content.ShouldBe(workbook);
        (await session.LoadAsync<LoanBookImport>(view.Import.Id))!.State.ShouldBe(LoanBookImportState.Checked);
    }

    [Fact]
    public async Task a_cooperative_already_in_the_fund_is_not_counted_as_new()
    {
        var model = LoanBookSamples.Small();
        await RegisteredCooperative(await TokenFor(Roles.CreditOfficer), CooperativeScenarios.ValidRegistration(model.Cooperatives[0].TaxCode));

        var view = await Uploaded(LoanBookWorkbook.Write(model));

        view.Import.Summary!.NewCooperatives.ShouldBe(1);
    }

    [Fact]
    public async Task a_broken_book_is_stored_refused_with_every_refusal_and_books_nothing()
    {
        var events = await EventCount();
        var broken = new BrokenLoanBook();

        var view = await Uploaded(broken.Workbook, Roles.ChiefAccountant);

        view.Import.State.ShouldBe(LoanBookImportState.Refused);
        view.Import.Summary.ShouldBeNull();
        // The fund has no loan numbered like the "taken" kind, so every kind but that one is refused.
        view.RefusalCount.ShouldBe(broken.Kinds.Count - 1);
        view.Import.Refusals.Count.ShouldBe(Math.Min(LoanBookImportView.DefaultPageSize, view.RefusalCount));
        (await EventCount()).ShouldBe(events);

        var token = await TokenFor(Roles.Accountant);
        var second = (await (await Get($"{Imports}/{view.Import.Id}?page=2&pageSize=10", token)).Read<LoanBookImportView>())!;
        second.Import.Refusals.Count.ShouldBe(10);
        second.Page.ShouldBe(2);

        var csv = await Get($"{Imports}/{view.Import.Id}/refusals.csv", token);
        csv.Context.Response.ContentType.ShouldBe("text/csv; charset=utf-8");
        var text = await csv.ReadAsTextAsync();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimStart('\uFEFF').ShouldBe("Trang tính;Dòng;Cột;Ô;Mã;Nội dung");
        lines.Length.ShouldBe(view.RefusalCount + 1);
        lines.ShouldContain(l => l.Contains(LoanBookCodes.AmountNegative) && l.Contains("Số tiền không được âm."));
    }

    [Theory]
    [InlineData("pdf", 400, LoanBookCodes.NotXlsx)]
    [InlineData("empty", 400, LoanBookCodes.Empty)]
    [InlineData("broken zip", 400, LoanBookCodes.Corrupt)]
    public async Task a_file_that_is_not_a_workbook_is_refused_and_stores_nothing(string kind, int status, string code)
    {
        byte[] content = kind switch
        {
            "pdf" => "%PDF-1.7\n%%EOF"u8.ToArray(),
            "empty" => [],
            _ => [.. LoanBookWorkbook.Write(LoanBookSamples.Small()).Take(3000)],
        };

        await (await Upload(content, await TokenFor(Roles.Accountant))).ShouldBeRefusal(status, code);

        await using var session = Store.QuerySession(FundA);
        (await session.Query<LoanBookImport>().CountAsync()).ShouldBe(0);
        (await session.Query<HtxFund.Files.StoredFile>().CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task an_upload_without_a_file_or_without_an_idempotency_key_is_refused_and_stores_nothing()
    {
        var token = await TokenFor(Roles.Accountant);
        var noFile = await Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            s.WithRequestHeader(IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
            var form = new MultipartFormDataContent { { new StringContent("x"), "note" } };
            s.Post.MultipartFormData(form).ToUrl(Imports);
            s.IgnoreStatusCode();
        });
        await noFile.ShouldBeRefusal(400, "file.required");
        await (await Upload(LoanBookWorkbook.Write(LoanBookSamples.Small()), token, key: "")).ShouldBeRefusal(428, "idempotency.key_required");

        await using var session = Store.QuerySession(FundA);
        (await session.Query<LoanBookImport>().CountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData(Roles.CreditOfficer)]
    [InlineData(Roles.Director)]
    [InlineData(Roles.Cooperative)]
    public async Task a_role_that_does_not_keep_the_books_may_not_upload(string role)
    {
        var token = role == Roles.Cooperative
            ? await TokenForUser(await CreateCooperativeUser(await RegisteredCooperative(await TokenFor(Roles.CreditOfficer))))
            : await TokenFor(role);
        (await Upload(LoanBookWorkbook.Write(LoanBookSamples.Small()), token)).Context.Response.StatusCode.ShouldBe(403);
        (await Get(Imports, token)).Context.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task another_funds_user_sees_neither_the_import_nor_its_refusals()
    {
        var view = await Uploaded(new BrokenLoanBook().Workbook);
        var other = await TokenFor(Roles.Accountant, FundB);

        await (await Get($"{Imports}/{view.Import.Id}", other)).ShouldBeRefusal(404, "loan_book.import_not_found");
        await (await Get($"{Imports}/{view.Import.Id}/refusals.csv", other)).ShouldBeRefusal(404, "loan_book.import_not_found");
        (await (await Get(Imports, other)).Read<List<LoanBookImportItem>>())!.ShouldBeEmpty();
        var mine = (await (await Get(Imports, await TokenFor(Roles.ChiefAccountant))).Read<List<LoanBookImportItem>>())!;
        mine.ShouldHaveSingleItem().RefusalCount.ShouldBe(view.RefusalCount);
    }
}
