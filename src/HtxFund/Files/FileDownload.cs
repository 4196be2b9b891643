using Microsoft.Net.Http.Headers;

namespace HtxFund.Files;

/// <summary>
/// Sends a stored file: Content-Type as detected at upload, <c>Content-Disposition: attachment</c> with an ASCII
/// fallback and the RFC 5987 UTF-8 name, <c>X-Content-Type-Options: nosniff</c>, a strong ETag of the SHA-256
/// (answering 304 to a matching <c>If-None-Match</c>) and <c>Cache-Control: private, no-cache</c> so that shared
/// caches never keep it and the browser asks again (the caller's authorisation runs on every request).
/// </summary>
public sealed class FileDownload(StoredFile file, byte[] content) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public StoredFile File { get; } = file;
    public string ContentType => File.ContentType;
    public string ContentDisposition => FileNames.ContentDisposition(File.FileName);
    public string ETag => $"\"{File.Sha256}\"";
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers[HeaderNames.ETag] = ETag;
        response.Headers[HeaderNames.CacheControl] = "private, no-cache";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";

        if (NotModified(httpContext.Request))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = content.LongLength;
        response.Headers[HeaderNames.ContentDisposition] = ContentDisposition;
        if (HttpMethods.IsHead(httpContext.Request.Method)) return;
        await response.Body.WriteAsync(content, httpContext.RequestAborted);
    }

    private bool NotModified(HttpRequest request)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var tag in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (tag == "*" || tag == ETag || tag == $"W/{ETag}") return true;
            }
        }
        return false;
    }
}
