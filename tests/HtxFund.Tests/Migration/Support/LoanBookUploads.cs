using System.Net.Http.Headers;
using Alba;
using HtxFund.Infrastructure.Http.Idempotency;

namespace HtxFund.Tests.Migration.Support;

/// <summary>Uploads a workbook to <c>POST /api/loan-book/imports</c> as a client does (multipart field <c>file</c>).</summary>
public static class LoanBookUploads
{
    public const string Imports = "/api/loan-book/imports";

    /// <summary><paramref name="key"/>: the Idempotency-Key (a new one when null, none when empty).</summary>
    public static Task<IScenarioResult> UploadLoanBook(this IAlbaHost host, byte[] content, string token, string? key = null,
        string fileName = "so-cho-vay.xlsx") =>
        host.Scenario(s =>
        {
            s.WithRequestHeader("Authorization", $"Bearer {token}");
            if (key != "") s.WithRequestHeader(IdempotencyMiddleware.Header, key ?? Guid.NewGuid().ToString());
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            form.Add(file, "file", fileName);
            s.Post.MultipartFormData(form).ToUrl(Imports);
            s.IgnoreStatusCode();
        });
}
