using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Infrastructure.Http.Idempotency;
using HtxFund.Tests.Applications.Fixtures;

namespace HtxFund.Tests.Web.Fixtures;

/// <summary>Given-states of the staff portals' browser tests, built through the real HTTP API.</summary>
public static class LoanScenarios
{
    public static readonly string Officer = IntegrationContext.UserName(IntegrationContext.FundA, Roles.CreditOfficer);
    public static readonly string Director = IntegrationContext.UserName(IntegrationContext.FundA, Roles.Director);
    public static readonly string Accountant = IntegrationContext.UserName(IntegrationContext.FundA, Roles.Accountant);
    public static readonly string ChiefAccountant = IntegrationContext.UserName(IntegrationContext.FundA, Roles.ChiefAccountant);
    public static readonly string BoardMember = IntegrationContext.UserName(IntegrationContext.FundA, Roles.BoardMember);

    /// <summary>A small well-formed PDF (the upload inspector checks the header and the end marker).</summary>
    public static byte[] BusinessPlanPdf(string text) => System.Text.Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<long> ApplicationVersion(HttpClient api, Guid id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("application").GetProperty("version").GetInt64();
    }

    public static async Task<long> LoanVersion(HttpClient api, Guid id, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/loans/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await Json(response)).GetProperty("version").GetInt64();
    }

    /// <summary>The cooperative drafts an application, attaches its business plan (PDF) and submits it.</summary>
    public static async Task<Guid> SubmittedWithAttachment(HttpClient api, Func<string, object, string, Task<HttpResponseMessage>> post, string coopToken,
        long amount)
    {
        var request = ApplicationContext.Request(amount: amount, investment: amount * 3 / 2, equity: amount / 2);
        var created = await post("/api/applications", new { request }, coopToken);
        var id = Guid.Parse(created.Headers.Location!.ToString().Split('/').Last());

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(BusinessPlanPdf("Phuong an san xuat kinh doanh"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "phuong-an-kinh-doanh.pdf");
        form.Add(new StringContent("BusinessPlan"), "kind");
        form.Add(new StringContent((await ApplicationVersion(api, id, coopToken)).ToString()), "version");
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/documents") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", coopToken);
        upload.Headers.Add(IdempotencyMiddleware.Header, Guid.NewGuid().ToString());
        var attached = await api.SendAsync(upload);
        if (!attached.IsSuccessStatusCode) throw new InvalidOperationException(await attached.Content.ReadAsStringAsync());

        await post($"/api/applications/{id}/submit", new { version = await ApplicationVersion(api, id, coopToken) }, coopToken);
        return id;
    }
}
