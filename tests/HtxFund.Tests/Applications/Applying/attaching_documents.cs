using System.Net.Http.Headers;
using System.Text;
using Alba;
using HtxFund.Applications.Applying;
using HtxFund.Tests.Applications.Fixtures;
using HtxFund.Tests.Support;

namespace HtxFund.Tests.Applications.Applying;

public sealed class attaching_documents(AppFixture fixture) : ApplicationContext(fixture)
{
    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private Task<IScenarioResult> Attach(Guid id, byte[] content, string fileName, string kind, long version, string token) =>
        Host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", fileName);
            form.Add(new StringContent(kind), "kind");
            form.Add(new StringContent(version.ToString()), "version");
            s.Post.MultipartFormData(form).ToUrl($"/api/applications/{id}/documents");
            s.IgnoreStatusCode();
        });

    [Fact]
    public async Task a_pdf_is_stored_with_its_sha256_and_served_back_to_the_applicant_and_staff_only()
    {
        var id = await Draft();
        var content = Pdf("phương án kinh doanh");

        var attached = await Attach(id, content, "Phương án kinh doanh.pdf", "BusinessPlan", 1, Coop);

        attached.Context.Response.StatusCode.ShouldBe(201, await attached.ReadAsTextAsync());
        var document = await attached.Read<AttachedDocument>();
        document.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        var view = await View(id, Coop);
        view.Application.Documents.ShouldHaveSingleItem().FileName.ShouldBe("Phương án kinh doanh.pdf");

        foreach (var token in new[] { Coop, await TokenFor(HtxFund.Identity.Roles.CreditOfficer) })
        {
            var download = await Get($"/api/applications/{id}/documents/{document.DocumentId}", token);
            download.Context.Response.StatusCode.ShouldBe(200);
            download.Context.Response.ContentType.ShouldBe("application/pdf");
            var body = new MemoryStream();
            await download.Context.Response.Body.CopyToAsync(body);
            body.ToArray().ShouldBe(content);
        }
        var other = await TokenForUser(await CreateCooperativeUser(await RegisteredCooperative(await TokenFor(HtxFund.Identity.Roles.CreditOfficer))));
        (await Get($"/api/applications/{id}/documents/{document.DocumentId}", other)).Context.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task an_executable_renamed_pdf_is_refused_and_nothing_is_stored()
    {
        var id = await Draft();
        var before = await EventCount();
        var exe = new byte[2048];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';

        var result = await Attach(id, exe, "hoso.pdf", "BusinessPlan", 1, Coop);

        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("file.type_not_allowed");
        (await EventCount()).ShouldBe(before);
        (await View(id, Coop)).Application.Documents.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_oversized_file_is_refused()
    {
        var id = await Draft();
        var big = Pdf("x");
        var oversized = new byte[10 * 1024 * 1024 + 1];
        big.CopyTo(oversized, 0);

        var result = await Attach(id, oversized, "lon.pdf", "FinancialStatements", 1, Coop);

        result.Context.Response.StatusCode.ShouldBe(400);
        (await result.ReadAsTextAsync()).ShouldContain("file.too_large");
    }

    [Fact]
    public async Task documents_cannot_be_added_once_submitted()
    {
        var id = await Submitted();
        var result = await Attach(id, Pdf("muộn"), "bo-sung.pdf", "Other", await VersionOf(id), Coop);
        result.Context.Response.StatusCode.ShouldBe(409);
    }
}
