using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace HtxFund.Infrastructure.Http;

/// <summary>
/// Guards the JSON body of every write endpoint that reads one (its <see cref="IAcceptsMetadata"/> names a request type)
/// before model binding: a body over <see cref="MaxJsonBytes"/> is a 413, and a JSON <c>null</c> body is a 400
/// (binding it would hand the handler a null command). Uploads (multipart, no request type) keep their own limits
/// (FormOptions, FileLimits). Found by the bad-input corpus (docs/bad-input.md).
/// </summary>
public sealed class RequestBodyGuardMiddleware(RequestDelegate next)
{
    /// <summary>No command of the API comes near this; the idempotency store keeps answers up to the same size.</summary>
    public const long MaxJsonBytes = 1024 * 1024;

    public async Task Invoke(HttpContext context)
    {
        var method = context.Request.Method;
        if (!(HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method)) ||
            context.Request.HasFormContentType || // forms and uploads (pages, multipart) keep FormOptions and file limits
            context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Any(a => a.RequestType is not null) != true)
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength > MaxJsonBytes)
        {
            await Refuse(context, TooLarge);
            return;
        }
        var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (size is { IsReadOnly: false }) size.MaxRequestBodySize = MaxJsonBytes;

        context.Request.EnableBuffering();
        var (length, isNull) = await ReadAsync(context.Request.Body, context.RequestAborted);
        context.Request.Body.Position = 0;
        if (length > MaxJsonBytes)
        {
            await Refuse(context, TooLarge);
            return;
        }
        if (isNull)
        {
            await Refuse(context, Problems.Create(400, "request.body_required", "Dữ liệu không hợp lệ",
                "Nội dung yêu cầu phải là một đối tượng JSON, không được để trống (null)."));
            return;
        }
        await next(context);
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails TooLarge => Problems.Create(413, "request.too_large", "Dữ liệu quá lớn",
        $"Nội dung gửi lên vượt quá {MaxJsonBytes / 1024 / 1024} MB.");

    /// <summary>Reads at most one byte past the limit; tells whether the body is the JSON literal null.</summary>
    private static async Task<(long Length, bool IsNull)> ReadAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long length = 0;
        var head = new StringBuilder();
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            length += read;
            if (head.Length < 16) head.Append(Encoding.UTF8.GetString(buffer, 0, Math.Min(read, 16)));
            if (length > MaxJsonBytes) return (length, false);
        }
        return (length, length <= 16 && head.ToString().Trim() == "null");
    }

    private static async Task Refuse(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        problem.Extensions["traceId"] = context.TraceIdentifier;
        await context.Response.WriteAsJsonAsync(problem, (JsonSerializerOptions?)null, Problems.ContentType);
    }
}

/// <summary>
/// Text read from request JSON must not carry control characters other than tab, line feed and carriage return
/// (NUL cannot even be stored in PostgreSQL jsonb). Refused as <see cref="ControlCharacterException"/> → 400.
/// </summary>
public sealed class PlainTextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"Expected a JSON string, got {reader.TokenType}.");
        return Check(reader.GetString()!);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Check(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Check(string text)
    {
        foreach (var c in text)
        {
            if ((c < 0x20 && c is not ('\t' or '\n' or '\r')) || c == 0x7F) throw new ControlCharacterException();
        }
        return text;
    }
}

public sealed class ControlCharacterException() : JsonException("Text contains a control character.");
