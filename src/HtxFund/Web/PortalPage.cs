using System.Text.Json;
using HtxFund.Identity;
using HtxFund.Infrastructure.Time;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HtxFund.Web;

/// <summary>
/// Base of every signed-in page. Pages do not re-implement business rules: they send the API's own command through the
/// application's pipeline (<see cref="Post"/>, <see cref="Put"/>: the same endpoint, validation, aggregate workflow and
/// idempotency as an API client), and read with Marten sessions of the user's fund. A refusal (ProblemDetails) is put
/// next to the fields it names.
/// <code>
/// var ok = await Put($"/api/applications/{Id}", new EditDraft(Version, Input.ToInput()), "Input", LoanRequestForm.Fields);
/// var view = await Read&lt;ApplicationView&gt;(q => GetApplicationEndpoint.Get(Id, User, q, Time, ct));
/// </code>
/// </summary>
public abstract class PortalPage : PageModel
{
    private IQuerySession? _query;

    protected BusinessTime Time => HttpContext.RequestServices.GetRequiredService<BusinessTime>();

    /// <summary>The fund's calendar, for views (<c>Display.DateTime(at, Model.BusinessTime)</c>).</summary>
    public BusinessTime BusinessTime => Time;
    protected IDocumentStore Store => HttpContext.RequestServices.GetRequiredService<IDocumentStore>();

    /// <summary>The refusal shown above the form when it names no field (409, 422, 404...).</summary>
    public ProblemDetails? Problem { get; protected set; }

    /// <summary>A read-only session of the signed-in user's fund (the Marten tenant comes only from the claim).</summary>
    protected IQuerySession Query => _query ??= Register(Store.QuerySession(User.FundId()));

    private T Register<T>(T session) where T : IAsyncDisposable
    {
        HttpContext.Response.RegisterForDisposeAsync(session);
        return session;
    }

    /// <summary>Sends the page's command through the application's pipeline (<see cref="PageCommands"/>): the same
    /// endpoint, validation, aggregate workflow, idempotency and refusals as the API. Returns the endpoint's answer when
    /// it succeeded, <c>null</c> when it refused (the refusal is then in ModelState, under <paramref name="prefix"/>, and
    /// in <see cref="Problem"/>).</summary>
    protected async Task<PageCommandResult?> Send(HttpMethod method, string path, object? command, string prefix = "Input",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        var result = await HttpContext.RequestServices.GetRequiredService<PageCommands>()
            .SendAsync(HttpContext, method, path, command, HttpContext.RequestAborted);
        return Refused(result.Refusal, prefix, fields) ? null : result;
    }

    /// <summary>The API's JSON options, to read a successful answer's body: <c>result.Value&lt;T&gt;(JsonOptions)</c>.</summary>
    protected JsonSerializerOptions JsonOptions => HttpContext.RequestServices.GetRequiredService<PageCommands>().JsonOptions;

    /// <summary>POSTs the page's command to its endpoint (<see cref="Send"/>).</summary>
    protected Task<PageCommandResult?> Post(string path, object? command, string prefix = "Input",
        IReadOnlyDictionary<string, string>? fields = null) => Send(HttpMethod.Post, path, command, prefix, fields);

    /// <summary>PUTs the page's command to its endpoint (<see cref="Send"/>).</summary>
    protected Task<PageCommandResult?> Put(string path, object? command, string prefix = "Input",
        IReadOnlyDictionary<string, string>? fields = null) => Send(HttpMethod.Put, path, command, prefix, fields);

    /// <summary>POSTs an upload to its endpoint as the multipart form the API takes (<see cref="PageCommands.SendFormAsync"/>);
    /// the answer or the refusal as <see cref="Send"/>.</summary>
    protected async Task<PageCommandResult?> PostForm(string path, IEnumerable<KeyValuePair<string, string?>> fields, string fileField,
        IFormFile? file, string prefix = "")
    {
        var result = await HttpContext.RequestServices.GetRequiredService<PageCommands>()
            .SendFormAsync(HttpContext, path, fields, fileField, file, HttpContext.RequestAborted);
        return Refused(result.Refusal, prefix) ? null : result;
    }

    /// <summary>POSTs a file the page received to its endpoint as the multipart form field <paramref name="field"/> the API
    /// reads (<see cref="PostForm"/> without other fields).</summary>
    protected Task<PageCommandResult?> PostFile(string path, IFormFile? file, string field = "file", string prefix = "") =>
        PostForm(path, [], field, file, prefix);

    /// <summary>The body of an endpoint's answer (<see cref="PageCommandResult.Body"/>) read with the API's JSON options.</summary>
    protected T? ValueOf<T>(PageCommandResult result) =>
        result.Value<T>(HttpContext.RequestServices.GetRequiredService<PageCommands>().JsonOptions);

    /// <summary>Records a refusal (if any) for display; true when there was one. <paramref name="fields"/> renames API
    /// fields to form fields where they differ (e.g. <c>collateral[0].description</c> → <c>CollateralDescription</c>).</summary>
    protected bool Refused(ProblemDetails? problem, string prefix = "Input", IReadOnlyDictionary<string, string>? fields = null)
    {
        if (problem is null || problem == Wolverine.Http.WolverineContinue.NoProblems) return false;
        var named = ModelState.AddProblem(problem, prefix, fields);
        if (!named) Problem = problem;
        return true;
    }

    /// <summary>Runs an API GET function; the value of its 200, or null (and <see cref="Problem"/>) when it refused.</summary>
    protected async Task<T?> Read<T>(Func<IQuerySession, Task<IResult>> endpoint) where T : class
    {
        var result = await endpoint(Query);
        if (result.ProblemOf() is { } problem)
        {
            Problem = problem;
            return null;
        }
        return result.ValueOf<T>();
    }

    /// <summary>The Vietnamese 404 page, exactly what the API answers for data the user may not see: no data, no hint.</summary>
    protected IActionResult NotFoundPage() => StatusCode(StatusCodes.Status404NotFound);

    /// <summary>The page of a refusal read with <see cref="Read{T}"/>: 404 (and 403) become the status page.</summary>
    protected IActionResult ProblemPage() => StatusCode(Problem?.Status ?? StatusCodes.Status404NotFound);
}

public static class EndpointResults
{
    public static ProblemDetails? ProblemOf(this IResult result) => result switch
    {
        ProblemHttpResult p => p.ProblemDetails,
        _ => null,
    };

    public static T? ValueOf<T>(this IResult result) where T : class => result switch
    {
        IValueHttpResult<T> typed => typed.Value,
        IValueHttpResult untyped => untyped.Value as T,
        _ => null,
    };
}

public static class ProblemModelState
{
    /// <summary>Puts a ProblemDetails' field errors (<c>errors</c>: camelCase field → messages) next to the form's fields
    /// (<c>prefix.Field</c>; ModelState keys ignore case). Returns false when the problem names no field.</summary>
    public static bool AddProblem(this ModelStateDictionary modelState, ProblemDetails problem, string prefix = "Input",
        IReadOnlyDictionary<string, string>? fields = null)
    {
        if (!problem.Extensions.TryGetValue("errors", out var errors) || errors is null) return false;
        var any = false;
        foreach (var (apiField, messages) in Read(errors))
        {
            var field = Rename(apiField, fields);
            var key = string.IsNullOrEmpty(prefix) ? field : $"{prefix}.{field}";
            foreach (var message in messages) modelState.AddModelError(key, message);
            any = true;
        }
        return any;
    }

    /// <summary>The form field of an API field: an exact entry of <paramref name="fields"/>, else the longest entry the
    /// field starts with (<c>settings.approvalMatrix</c> covers <c>settings.approvalMatrix[1].quorum</c>), else itself.</summary>
    private static string Rename(string apiField, IReadOnlyDictionary<string, string>? fields)
    {
        if (fields is null) return apiField;
        foreach (var (key, value) in fields)
            if (string.Equals(key, apiField, StringComparison.OrdinalIgnoreCase)) return value;
        return fields.Where(f => apiField.StartsWith(f.Key + "[", StringComparison.OrdinalIgnoreCase) ||
                                 apiField.StartsWith(f.Key + ".", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(f => f.Key.Length).Select(f => f.Value).FirstOrDefault() ?? apiField;
    }

    private static IEnumerable<(string Field, IEnumerable<string> Messages)> Read(object errors) => errors switch
    {
        IDictionary<string, string[]> d => d.Select(kv => (kv.Key, (IEnumerable<string>)kv.Value)),
        JsonElement { ValueKind: JsonValueKind.Object } json => json.EnumerateObject()
            .Select(p => (p.Name, p.Value.EnumerateArray().Select(m => m.GetString() ?? ""))),
        _ => [],
    };
}
