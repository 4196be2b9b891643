using System.Text;
using Microsoft.AspNetCore.Diagnostics;

namespace HtxFund.Infrastructure.Http;

/// <summary>
/// Guards what every request carries besides a JSON body, for the API and the pages alike, before any endpoint or page
/// reads it (docs/bad-input.md):
/// <list type="bullet">
/// <item>route values: the empty GUID (00000000-0000-0000-0000-000000000000) is never an id, so it is a 404 before it
/// reaches Marten; text <see cref="InputText"/> refuses is a 400 naming the route parameter;</item>
/// <item>the query string, decoded strictly: a percent-encoded sequence that is not UTF-8 (a lone surrogate as
/// <c>%ED%A0%80</c>, <c>%FF</c>) or a value <see cref="InputText"/> refuses is a 400 naming the parameter (ASP.NET Core
/// would have handed the first over still encoded, the second as it is);</item>
/// <item>the fields of a form posted to a page, the same way.</item>
/// </list>
/// The API answers with ProblemDetails (<c>validation_failed</c>, the parameter in <c>errors</c>/<c>fieldCodes</c>);
/// a page answers the bare status, which the status pages turn into the Vietnamese <c>/loi/{status}</c> page.
/// </summary>
public sealed class RequestTargetGuardMiddleware(RequestDelegate next)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task Invoke(HttpContext context)
    {
        // A status page re-executed for a refusal sees the same request again: let it render.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }
        var errors = new List<FieldError>();
        if (context.GetEndpoint() is RouteEndpoint endpoint)
        {
            foreach (var parameter in endpoint.RoutePattern.Parameters)
            {
                if (context.Request.RouteValues.TryGetValue(parameter.Name, out var value) && value is string text)
                {
                    if (Guid.TryParse(text, out var id) && id == Guid.Empty)
                    {
                        await Refuse(context, Problems.NotFound("not_found", "Không tìm thấy tài nguyên được yêu cầu."));
                        return;
                    }
                    if (InputText.Check(text) is var fault and not TextFault.None) errors.Add(InputText.Refusal(parameter.Name, fault));
                }
            }
        }
        QueryErrors(context.Request.QueryString.Value, errors);
        if (errors.Count == 0 && IsPageForm(context))
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (name, values) in form)
            {
                var fault = InputText.Check(name);
                foreach (var value in values)
                {
                    if (fault != TextFault.None) break;
                    fault = InputText.Check(value);
                }
                if (fault != TextFault.None) errors.Add(InputText.Refusal(InputText.Check(name) == TextFault.None ? name : "form", fault));
            }
        }
        if (errors.Count > 0)
        {
            await Refuse(context, Problems.Validation(errors));
            return;
        }
        await next(context);
    }

    private static bool IsPageForm(HttpContext context) =>
        Web.WebSetup.IsPagePath(context.Request.Path) && context.Request.HasFormContentType && !HttpMethods.IsGet(context.Request.Method);

    private static Task Refuse(HttpContext context, Microsoft.AspNetCore.Mvc.ProblemDetails problem)
    {
        if (!Web.WebSetup.IsPagePath(context.Request.Path)) return RequestBodyGuardMiddleware.Refuse(context, problem);
        context.Response.StatusCode = problem.Status!.Value; // the status page (/loi/{status}) says it in Vietnamese
        return Task.CompletedTask;
    }

    /// <summary>Adds a refusal for each query-string parameter whose name or value is not acceptable text.</summary>
    public static void QueryErrors(string? query, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(query)) return;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            var (name, nameFault) = Decode(equals < 0 ? pair : pair[..equals]);
            var (value, valueFault) = Decode(equals < 0 ? "" : pair[(equals + 1)..]);
            if (nameFault == TextFault.None) nameFault = InputText.Check(name);
            if (valueFault == TextFault.None) valueFault = InputText.Check(value);
            if (nameFault != TextFault.None) errors.Add(InputText.Refusal("query", nameFault));
            else if (valueFault != TextFault.None) errors.Add(InputText.Refusal(name, valueFault));
        }
    }

    /// <summary>Form-urlencoded decoding ('+' is a space, %XX a byte) that refuses what is not UTF-8 instead of keeping it.</summary>
    public static (string Text, TextFault Fault) Decode(string raw)
    {
        if (raw.IndexOfAny(['%', '+']) < 0)
            return (raw, raw.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') ? InputText.Check(raw) : TextFault.None);
        var bytes = new List<byte>(raw.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%' && i + 2 < raw.Length && Uri.IsHexDigit(raw[i + 1]) && Uri.IsHexDigit(raw[i + 2]))
            {
                bytes.Add(Convert.ToByte(raw.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                var units = char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]) ? 2 : 1;
                if (char.IsSurrogate(c) && units == 1) return (raw, TextFault.InvalidUnicode);
                var count = StrictUtf8.GetBytes(raw.AsSpan(i, units), utf8);
                for (var b = 0; b < count; b++) bytes.Add(utf8[b]);
                i += units - 1;
            }
        }
        try
        {
            return (StrictUtf8.GetString(bytes.ToArray()), TextFault.None);
        }
        catch (DecoderFallbackException)
        {
            return (raw, TextFault.InvalidUnicode);
        }
    }
}
